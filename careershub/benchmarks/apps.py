from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "careershub.benchmarks"
    label = "benchmarks"
    verbose_name = "Gatsby Benchmarks"
