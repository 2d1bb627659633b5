"""Reads of personal guidance, scoped to what the person asking may see.

Interviews are part of the young person's record: whoever may open the record sees them (the young
person, their parents, their school's staff, hub staff, and careers advisers of the providers that
serve the school). Only a careers adviser of a provider serving the young person's school records one.
"""
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role
from careershub.network.models import School
from careershub.young_people.models import YoungPerson
from careershub.young_people.selectors import young_people_visible_to

from .models import GuidanceInterview, NextStep


def adviser_provider_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.provider_id for a in user.assignments_for(Role.CAREERS_ADVISER) if a.provider_id}


def served_school_ids(user) -> set[int]:
    providers = adviser_provider_ids(user)
    if not providers:
        return set()
    served = School.served_by_providers.through.objects.filter(provider_id__in=providers)
    return set(served.values_list("school_id", flat=True))


def may_record_interview(user, young_person: YoungPerson) -> bool:
    return young_person.school_id in served_school_ids(user)


def adviser_provider_for(user, young_person: YoungPerson):
    """The provider the adviser records an interview for: the first of theirs serving the school."""
    for assignment in user.assignments_for(Role.CAREERS_ADVISER):
        if assignment.provider_id and assignment.provider.schools_served.filter(pk=young_person.school_id).exists():
            return assignment.provider
    return None


def _with_steps(qs: QuerySet[GuidanceInterview]) -> QuerySet[GuidanceInterview]:
    return qs.select_related("young_person__school", "adviser", "provider").prefetch_related(
        Prefetch("next_steps", queryset=NextStep.objects.order_by("pk"))
    )


def interviews_visible_to(user) -> QuerySet[GuidanceInterview]:
    return _with_steps(GuidanceInterview.objects.filter(young_person__in=young_people_visible_to(user)))


def get_interview_for_user(user, pk: int) -> GuidanceInterview:
    return get_object_or_404(interviews_visible_to(user), pk=pk)


def get_interview_for_editing(user, pk: int) -> GuidanceInterview:
    """Only the adviser who recorded it changes an interview, while they still serve the school."""
    interview = get_object_or_404(_with_steps(GuidanceInterview.objects.filter(adviser=user)), pk=pk)
    if not may_record_interview(user, interview.young_person):
        raise GuidanceInterview.DoesNotExist
    return interview


def interviews_of(young_person: YoungPerson) -> QuerySet[GuidanceInterview]:
    return _with_steps(young_person.guidance_interviews.all())


def recent_interviews_by(user, limit: int = 20) -> list[GuidanceInterview]:
    return list(_with_steps(GuidanceInterview.objects.filter(adviser=user))[:limit])


def follow_ups_due(user, *, today: date) -> QuerySet[GuidanceInterview]:
    """The adviser's interviews with a follow-up due by today whose young person has had no
    interview since."""
    later = GuidanceInterview.objects.filter(young_person_id=OuterRef("young_person_id"), held_on__gt=OuterRef("held_on"))
    return (_with_steps(GuidanceInterview.objects.filter(adviser=user, follow_up_on__lte=today))
            .exclude(Exists(later)).order_by("follow_up_on", "pk"))


def without_interview(user, *, year_group: int = 11) -> QuerySet[YoungPerson]:
    """Young people in the adviser's served schools in ``year_group`` who have had no guidance
    interview yet: those benchmark 8 says must have one by 16."""
    had_one = GuidanceInterview.objects.filter(young_person_id=OuterRef("pk"))
    return (YoungPerson.objects.select_related("school")
            .filter(school_id__in=served_school_ids(user), year_group=year_group)
            .exclude(Exists(had_one)).order_by("school__name", "last_name", "first_name", "pk"))


def interview_share(school_id: int, *, year_groups, academic_years=None, up_to_academic_year: int | None = None) -> int | None:
    """The whole percentage (rounded down) of the school's young people now in ``year_groups`` who
    have had a guidance interview, in ``academic_years`` or up to and including
    ``up_to_academic_year``; None when the cohort is empty. One query (benchmark 8)."""
    from django.db.models import Count, Q

    interviews = GuidanceInterview.objects.filter(young_person_id=OuterRef("pk"))
    if academic_years is not None:
        interviews = interviews.filter(academic_year__in=list(academic_years))
    if up_to_academic_year is not None:
        interviews = interviews.filter(academic_year__lte=up_to_academic_year)
    totals = (YoungPerson.objects.filter(school_id=school_id, year_group__in=list(year_groups))
              .annotate(interviewed=Exists(interviews))
              .aggregate(cohort=Count("pk"), with_interview=Count("pk", filter=Q(interviewed=True))))
    if not totals["cohort"]:
        return None
    return 100 * totals["with_interview"] // totals["cohort"]


def school_has_interviews(school_id: int) -> bool:
    return GuidanceInterview.objects.filter(young_person__school_id=school_id).exists()


# Career plans -----------------------------------------------------------------------------------------
def routes(stage: str) -> QuerySet:
    from .models import Route

    return Route.objects.filter(stage=stage, active=True).order_by("order", "name")


def plans_of(young_person: YoungPerson) -> list:
    """Every year's plan, newest first, with goals and comments (three queries)."""
    from .models import CareerPlan, PlanComment

    return list(CareerPlan.objects.filter(young_person=young_person)
                .select_related("route_after_16", "route_after_18")
                .prefetch_related("goals", Prefetch("comments", queryset=PlanComment.objects.select_related("author")))
                .order_by("-academic_year"))


def may_edit_plan(user, young_person: YoungPerson) -> bool:
    """The young person themself, and their school's careers leaders and teachers (who help them
    write it in lessons)."""
    if young_person.user_id is not None and young_person.user_id == user.pk:
        return True
    return any(a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == young_person.school_id
               for a in user._assignments())


COMMENTER_ROLES = {Role.CAREERS_LEADER: "Careers leader", Role.TEACHER: "Teacher", Role.CAREERS_ADVISER: "Careers adviser",
                   Role.MENTOR: "Mentor"}


def commenter_role(user, young_person: YoungPerson) -> str | None:
    """The label a comment is signed with, or None when the person may not comment: the school's
    careers leaders and teachers, careers advisers serving the school, and the young person's mentor
    (a mentor sees only their own caseload's records)."""
    for assignment in user._assignments():
        if assignment.role in (Role.CAREERS_LEADER, Role.TEACHER) and assignment.school_id == young_person.school_id:
            return COMMENTER_ROLES[assignment.role]
    if young_person.school_id in served_school_ids(user):
        return COMMENTER_ROLES[Role.CAREERS_ADVISER]
    if user.has_role(Role.MENTOR) and young_people_visible_to(user).filter(pk=young_person.pk).exists():
        return COMMENTER_ROLES[Role.MENTOR]
    return None
