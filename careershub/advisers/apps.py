from django.apps import AppConfig


class AdvisersConfig(AppConfig):
    name = "careershub.advisers"
    label = "advisers"
    verbose_name = "Enterprise adviser network"
