from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "careershub.demo"
    label = "demo"
    verbose_name = "Demo"
