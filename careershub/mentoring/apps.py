from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.mentoring"
    verbose_name = "Mentoring by delivery partners"

    def ready(self):
        from careershub.young_people import record_sections, subject_access
        from careershub.young_people.selectors import register_visibility_rule

        from . import record, visibility
        from . import subject_access as app_subject_access

        register_visibility_rule(visibility.mentor_caseload_rule)
        record_sections.register(record.mentoring_section)
        subject_access.register(*app_subject_access.SECTIONS, withheld=app_subject_access.WITHHELD)
