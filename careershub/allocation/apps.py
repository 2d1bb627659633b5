from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "careershub.allocation"
    label = "allocation"
    verbose_name = "Allocation"

    def ready(self):
        from careershub.young_people import subject_access

        from . import subject_access as app_subject_access

        subject_access.register(*app_subject_access.SECTIONS)
