from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careershub.mentoring"
    verbose_name = "Mentoring by delivery partners"

    def ready(self):
        from careershub.young_people import record_sections
        from careershub.young_people.selectors import register_visibility_rule

        from . import record, visibility

        register_visibility_rule(visibility.mentor_caseload_rule)
        record_sections.register(record.mentoring_section)
