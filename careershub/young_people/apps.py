from django.apps import AppConfig


class YoungPeopleConfig(AppConfig):
    name = "careershub.young_people"
    label = "young_people"
    verbose_name = "Young people"

    def ready(self):
        from . import parent_views, record_sections

        record_sections.register(parent_views.consents_section)
