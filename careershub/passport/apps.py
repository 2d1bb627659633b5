from django.apps import AppConfig


class PassportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.passport"
    verbose_name = "Skills passport"

    def ready(self):
        from careershub.young_people import record_sections, subject_access

        from . import record
        from . import subject_access as app_subject_access

        record_sections.register(record.passport_section)
        subject_access.register(*app_subject_access.SECTIONS)
