from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "careershub.core"
    label = "core"
    verbose_name = "Core"
