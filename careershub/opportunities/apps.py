from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.opportunities"
    verbose_name = "Opportunities, placements and encounters"

    def ready(self):
        from careershub.young_people import parent_views, record_sections, subject_access

        from . import record
        from . import subject_access as app_subject_access

        record_sections.register(record.encounters_section)
        parent_views.register_upcoming(record.opportunities_upcoming)
        subject_access.register(*app_subject_access.SECTIONS)
