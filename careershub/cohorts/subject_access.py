"""What ambassador cohorts hold about a young person."""
from careershub.young_people.subject_access import Section

from .models import ActivityAttendance, CohortApplication

SECTIONS = (
    Section("Ambassador cohort applications",
            lambda yp: CohortApplication.objects.filter(young_person=yp).order_by("created_at", "pk"), (
                ("Cohort", "cohort__title"), ("Applied", "created_at"), ("Your statement", "statement"),
                ("Your school's note of support", "school_support"), ("Status", "status"),
                ("Reason for withdrawing", "withdrawal_reason"),
            )),
    Section("Ambassador activities", lambda yp: ActivityAttendance.objects.filter(application__young_person=yp)
            .order_by("activity__occurs_on", "pk"), (
                ("Date", "activity__occurs_on"), ("Activity", "activity__title"), ("Attended", "attended"),
            )),
)
