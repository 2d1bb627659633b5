from django.apps import AppConfig


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.cohorts"
    verbose_name = "Ambassador cohorts"

    def ready(self):
        from careershub.young_people import parent_views, record_sections, subject_access

        from . import record
        from . import subject_access as app_subject_access

        record_sections.register(record.cohorts_section)
        parent_views.register_upcoming(record.upcoming_activities)
        subject_access.register(*app_subject_access.SECTIONS)
