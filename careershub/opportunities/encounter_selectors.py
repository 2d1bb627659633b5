"""Reads of encounters: a young person's, an opportunity's attendance, whole-group encounters, and
the counts the Gatsby Benchmarks read (benchmarks.counted calls the counting functions here; no app
above opportunities reads Encounter rows directly).
"""
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role
from careershub.young_people.models import YoungPerson

from .kinds import Counts
from .models import Application, Encounter, GroupEncounter, Opportunity, Placement

GROUP_READERS = (Role.CAREERS_LEADER, Role.TEACHER, Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)
EMPLOYER_OR_WORKPLACE = (Counts.EMPLOYER_ENCOUNTER, Counts.WORKPLACE_EXPERIENCE)


# A young person's encounters ----------------------------------------------------------------------------
def encounters_of(young_person_id: int) -> QuerySet[Encounter]:
    """Most recent first."""
    return (Encounter.objects.filter(young_person_id=young_person_id)
            .select_related("employer", "provider", "group").order_by("-occurred_on", "-pk"))


def workplace_experiences_of(young_person_id: int) -> int:
    return Encounter.objects.filter(young_person_id=young_person_id, counts_as=Counts.WORKPLACE_EXPERIENCE).count()


def placements_of(young_person_id: int) -> QuerySet[Placement]:
    return (Placement.objects.filter(application__young_person_id=young_person_id)
            .select_related("application__opportunity__employer", "application__opportunity__provider")
            .order_by("-application__opportunity__starts_on", "-pk"))


# Attendance ---------------------------------------------------------------------------------------------
def accepted_applications(opportunity: Opportunity) -> QuerySet[Application]:
    """The accepted applications of an opportunity, with each young person and placement, by name."""
    return (Application.objects.filter(opportunity=opportunity, status=Application.Status.ACCEPTED)
            .select_related("young_person", "placement")
            .order_by("young_person__first_name", "young_person__last_name", "pk"))


def attended_young_person_ids(opportunity: Opportunity) -> set[int]:
    return set(Encounter.objects.filter(opportunity=opportunity, source=Encounter.Source.ATTENDANCE)
               .values_list("young_person_id", flat=True))


# Whole-group encounters ---------------------------------------------------------------------------------
def _group_condition(user) -> Q:
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id:
            condition |= Q(school_id=a.school_id)
        elif a.role == Role.HUB_MANAGER:
            condition |= Q(school__partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(school__area_hub_id=a.area_hub_id)
    return condition


def group_encounters_visible_to(user) -> QuerySet[GroupEncounter]:
    if not user.is_authenticated:
        return GroupEncounter.objects.none()
    return (GroupEncounter.objects.filter(_group_condition(user))
            .select_related("school", "employer", "provider", "recorded_by")
            .annotate(young_people=Count("encounters")).order_by("-occurred_on", "-pk"))


def get_group_encounter_for_user(user, pk: int) -> GroupEncounter:
    return get_object_or_404(group_encounters_visible_to(user), pk=pk)


def group_year_groups(group: GroupEncounter) -> list[dict]:
    """How many young people of each year group the encounter was logged for."""
    return list(group.encounters.order_by().values("young_person__year_group")
                .annotate(count=Count("pk")).order_by("young_person__year_group"))


def schools_led_by(user) -> list:
    """The schools where this person is a careers leader (they log whole-group encounters there)."""
    return sorted({a.school for a in user.assignments_for(Role.CAREERS_LEADER) if a.school_id},
                  key=lambda s: (s.name, s.pk))


def is_careers_leader_at(user, school_id: int) -> bool:
    return any(a.school_id == school_id for a in user.assignments_for(Role.CAREERS_LEADER))


# Counts for the Gatsby Benchmarks ----------------------------------------------------------------------
def school_has_encounters(school_id: int) -> bool:
    """Whether the platform holds any encounter of the school's young people (else figures are None)."""
    return Encounter.objects.filter(young_person__school_id=school_id).exists()


def cohort_share(school_id: int, *, year_groups: Iterable[int], counts_as: Iterable[str],
                 academic_years: Iterable[int] | None = None, up_to_academic_year: int | None = None) -> int | None:
    """The whole percentage (rounded down) of the school's young people now in ``year_groups`` with at
    least one encounter counting as one of ``counts_as``, in ``academic_years`` or up to and including
    ``up_to_academic_year``. None when the cohort is empty. One query."""
    encounters = Encounter.objects.filter(young_person_id=OuterRef("pk"), counts_as__in=list(counts_as))
    if academic_years is not None:
        encounters = encounters.filter(academic_year__in=list(academic_years))
    if up_to_academic_year is not None:
        encounters = encounters.filter(academic_year__lte=up_to_academic_year)
    totals = (YoungPerson.objects.filter(school_id=school_id, year_group__in=list(year_groups))
              .annotate(counted=Exists(encounters))
              .aggregate(cohort=Count("pk"), with_encounter=Count("pk", filter=Q(counted=True))))
    if not totals["cohort"]:
        return None
    return 100 * totals["with_encounter"] // totals["cohort"]
