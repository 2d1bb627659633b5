"""What personal guidance and career plans hold about a young person."""
from careershub.young_people.subject_access import Section

from .models import CareerPlan, GuidanceInterview, NextStep, PlanComment, PlanGoal

SECTIONS = (
    Section("Guidance interviews", lambda yp: GuidanceInterview.objects.filter(young_person=yp).order_by("held_on", "pk"), (
        ("Date", "held_on"), ("Careers adviser's organisation", "provider__name"), ("How", "format"),
        ("What was talked about", "discussed"), ("Follow-up", "follow_up_on"),
    )),
    Section("Next steps agreed", lambda yp: NextStep.objects.filter(interview__young_person=yp).order_by("pk"), (
        ("Interview", "interview__held_on"), ("Next step", "text"), ("Due", "due_on"), ("Done", "done_on"),
    )),
    Section("Career plans", lambda yp: CareerPlan.objects.filter(young_person=yp).order_by("academic_year"), (
        ("Academic year", "academic_year"), ("Year group", "year_group"), ("Interests", "interests"),
        ("Careers being considered", "aspirations"), ("After year 11", "route_after_16__name"),
        ("After year 13", "route_after_18__name"), ("Last changed", "updated_at"),
    )),
    Section("Career plan goals", lambda yp: PlanGoal.objects.filter(plan__young_person=yp).order_by("pk"), (
        ("Academic year", "plan__academic_year"), ("Goal", "text"), ("By", "due_on"), ("Done", "done_on"),
    )),
    Section("Comments on your career plan", lambda yp: PlanComment.objects.filter(plan__young_person=yp).order_by("at", "pk"), (
        ("Academic year", "plan__academic_year"), ("From", "author_role"), ("Comment", "body"), ("When", "at"),
    )),
)
