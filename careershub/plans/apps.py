from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.plans"
    verbose_name = "Career plans and personal guidance"

    def ready(self):
        from careershub.young_people import record_sections, subject_access

        from . import record
        from . import subject_access as app_subject_access

        record_sections.register(record.plan_section)
        record_sections.register(record.guidance_section)
        subject_access.register(*app_subject_access.SECTIONS)
