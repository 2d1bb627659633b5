from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "careershub.network"
    label = "network"
    verbose_name = "Network"
