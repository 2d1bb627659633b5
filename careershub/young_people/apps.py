from django.apps import AppConfig


class YoungPeopleConfig(AppConfig):
    name = "careershub.young_people"
    label = "young_people"
    verbose_name = "Young people"
