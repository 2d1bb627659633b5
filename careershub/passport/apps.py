from django.apps import AppConfig


class PassportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.passport"
    verbose_name = "Skills passport"

    def ready(self):
        from careershub.young_people import record_sections

        from . import record

        record_sections.register(record.passport_section)
