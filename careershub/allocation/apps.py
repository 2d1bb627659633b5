from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "careershub.allocation"
    label = "allocation"
    verbose_name = "Allocation"
