"""Reads of the enterprise adviser network, scoped to what the person asking may see or manage.

Who sees what:

- hub managers, analysts and administrators read every adviser of their partnership; enterprise
  coordinators read them too, since a school in their hub may be best served by an adviser based
  elsewhere;
- hub managers manage every adviser and match any school of their partnership; enterprise
  coordinators manage the advisers based in their area hubs and match their area hubs' schools;
- an enterprise adviser sees their own matches (their home page).
"""
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import Role
from careershub.network.models import AreaHub, Employer, GrowthSector, School

from . import ranking
from .models import AdviserMatch, EnterpriseAdviser

READERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN)
CURRENT = Q(matches__ended_on__isnull=True)


# Scope ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HubScope:
    """Where a member of hub staff may act: whole partnerships (hub managers) and single area hubs
    (enterprise coordinators)."""

    partnership_ids: frozenset[int]
    area_hub_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.partnership_ids and not self.area_hub_ids

    def schools(self) -> Q:
        return Q(partnership_id__in=self.partnership_ids) | Q(area_hub_id__in=self.area_hub_ids)

    def covers_school(self, school: School) -> bool:
        return school.partnership_id in self.partnership_ids or school.area_hub_id in self.area_hub_ids

    def covers_adviser(self, adviser: EnterpriseAdviser) -> bool:
        return adviser.partnership_id in self.partnership_ids or (
            adviser.area_hub_id is not None and adviser.area_hub_id in self.area_hub_ids
        )


def management_scope(user) -> HubScope:
    if not user.is_authenticated:
        return HubScope(frozenset(), frozenset())
    partnerships, hubs = set(), set()
    for a in user._assignments():
        if a.role == Role.HUB_MANAGER:
            partnerships.add(a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            hubs.add(a.area_hub_id)
    return HubScope(frozenset(partnerships), frozenset(hubs))


def _partnerships(user, roles) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments() if a.role in roles}


def can_manage_advisers(user) -> bool:
    return not management_scope(user).is_empty


def can_manage_adviser(user, adviser: EnterpriseAdviser) -> bool:
    return management_scope(user).covers_adviser(adviser)


# Advisers ------------------------------------------------------------------------------------
def advisers_visible_to(user) -> QuerySet[EnterpriseAdviser]:
    """The partnership's advisers for hub staff, analysts and administrators; nobody for anyone else.
    Each carries ``current_schools``: how many schools they support now."""
    return (
        EnterpriseAdviser.objects.filter(partnership_id__in=_partnerships(user, READERS))
        .select_related("employer", "area_hub")
        .annotate(current_schools=Count("matches", filter=CURRENT))
    )


@dataclass(frozen=True)
class AdviserFilters:
    area_hub_id: int | None = None
    employer_id: int | None = None
    matched: bool | None = None
    active: bool | None = None


def filter_advisers(advisers: QuerySet[EnterpriseAdviser], filters: AdviserFilters) -> QuerySet[EnterpriseAdviser]:
    if filters.area_hub_id is not None:
        advisers = advisers.filter(area_hub_id=filters.area_hub_id)
    if filters.employer_id is not None:
        advisers = advisers.filter(employer_id=filters.employer_id)
    if filters.matched is True:
        advisers = advisers.filter(current_schools__gt=0)
    elif filters.matched is False:
        advisers = advisers.filter(current_schools=0)
    if filters.active is not None:
        advisers = advisers.filter(is_active=filters.active)
    return advisers.order_by("name", "pk")


def get_adviser_for_user(user, pk: int) -> EnterpriseAdviser:
    return get_object_or_404(advisers_visible_to(user), pk=pk)


def get_adviser_for_manager(user, pk: int) -> EnterpriseAdviser:
    """The adviser, if this person may change them: 404 for those who cannot see the adviser at all,
    403 for a coordinator looking at an adviser based outside their area hubs."""
    adviser = get_adviser_for_user(user, pk)
    if not can_manage_adviser(user, adviser):
        raise PermissionDenied("Only the hub manager or the adviser's own area hub coordinator can change this adviser.")
    return adviser


def adviser_match_history(adviser: EnterpriseAdviser) -> QuerySet[AdviserMatch]:
    return adviser.matches.select_related("school", "school__area_hub", "matched_by").order_by("-started_on", "-pk")


def current_match_count(adviser: EnterpriseAdviser) -> int:
    return adviser.matches.filter(ended_on__isnull=True).count()


def area_hubs_for_filtering(user) -> QuerySet[AreaHub]:
    return AreaHub.objects.filter(partnership_id__in=_partnerships(user, READERS)).order_by("name")


def employers_for_filtering(user) -> QuerySet[Employer]:
    return Employer.objects.filter(partnership_id__in=_partnerships(user, READERS)).order_by("name")


def area_hubs_manageable_by(user) -> QuerySet[AreaHub]:
    scope = management_scope(user)
    return AreaHub.objects.filter(
        Q(partnership_id__in=scope.partnership_ids) | Q(pk__in=scope.area_hub_ids)
    ).order_by("name")


def employers_for_advisers(user) -> QuerySet[Employer]:
    """Employers a member of hub staff may record an adviser for: their partnership's."""
    return Employer.objects.filter(
        partnership_id__in=_partnerships(user, (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR))
    ).order_by("name")


# Schools and matching ------------------------------------------------------------------------
def _current_match_of_school():
    return AdviserMatch.objects.filter(school=OuterRef("pk"), ended_on__isnull=True)


def schools_matchable_by(user) -> QuerySet[School]:
    scope = management_scope(user)
    if scope.is_empty:
        return School.objects.none()
    return School.objects.filter(scope.schools()).select_related("area_hub")


def get_school_for_matching(user, pk: int) -> School:
    """The school, for hub staff who may match it; 404 for everyone else."""
    return get_object_or_404(schools_matchable_by(user), pk=pk)


def schools_without_adviser(user, area_hub: AreaHub | None = None) -> QuerySet[School]:
    """Engaged schools in this person's scope without a current adviser, with the name of the last
    adviser they had (``previous_adviser``) and when that match ended (``previous_ended_on``)."""
    previous = AdviserMatch.objects.filter(school=OuterRef("pk"), ended_on__isnull=False).order_by("-ended_on", "-pk")
    schools = (
        schools_matchable_by(user)
        .filter(status=School.Status.ENGAGED)
        .exclude(Exists(_current_match_of_school()))
        .annotate(
            previous_adviser=Subquery(previous.values("adviser__name")[:1]),
            previous_ended_on=Subquery(previous.values("ended_on")[:1]),
        )
    )
    if area_hub is not None:
        schools = schools.filter(area_hub=area_hub)
    return schools.order_by("area_hub__name", "name", "pk")


@dataclass(frozen=True)
class Coverage:
    """How close the scope is to the target of one adviser per engaged school."""

    engaged: int
    with_adviser: int

    @property
    def without_adviser(self) -> int:
        return self.engaged - self.with_adviser


def adviser_coverage(user, area_hub: AreaHub | None = None) -> Coverage:
    schools = schools_matchable_by(user).filter(status=School.Status.ENGAGED)
    if area_hub is not None:
        schools = schools.filter(area_hub=area_hub)
    figures = schools.annotate(has_adviser=Exists(_current_match_of_school())).aggregate(
        engaged=Count("pk"), with_adviser=Count("pk", filter=Q(has_adviser=True))
    )
    return Coverage(engaged=figures["engaged"], with_adviser=figures["with_adviser"])


def current_match_of_school(school: School) -> AdviserMatch | None:
    return (
        AdviserMatch.objects.filter(school=school, ended_on__isnull=True)
        .select_related("adviser", "adviser__employer", "adviser__area_hub", "matched_by")
        .first()
    )


def school_match_history(school: School) -> QuerySet[AdviserMatch]:
    return school.adviser_matches.select_related("adviser", "adviser__employer", "matched_by").order_by("-started_on", "-pk")


def get_match_for_manager(user, pk: int) -> AdviserMatch:
    """A match at a school this person may match; 404 otherwise."""
    scope = management_scope(user)
    if scope.is_empty:
        return get_object_or_404(AdviserMatch.objects.none(), pk=pk)
    matches = AdviserMatch.objects.filter(
        Q(school__partnership_id__in=scope.partnership_ids) | Q(school__area_hub_id__in=scope.area_hub_ids)
    ).select_related("adviser", "adviser__employer", "school", "school__area_hub")
    return get_object_or_404(matches, pk=pk)


# Ranking inputs ------------------------------------------------------------------------------
def school_info(school: School) -> ranking.SchoolInfo:
    return ranking.SchoolInfo(
        area_hub_id=school.area_hub_id, area_hub_name=school.area_hub.name if school.area_hub_id else ""
    )


def growth_sectors_of(partnership_id: int) -> list[ranking.GrowthSectorInfo]:
    return [
        ranking.GrowthSectorInfo(sic_section=s, label=label, priority=p)
        for s, label, p in GrowthSector.objects.filter(partnership_id=partnership_id).values_list(
            "sic_section", "label", "priority"
        )
    ]


def candidate_of(adviser: EnterpriseAdviser, current_schools: int) -> ranking.Candidate:
    return ranking.Candidate(
        adviser_id=adviser.pk,
        name=adviser.name,
        employer_name=adviser.employer.name,
        employer_sic_section=adviser.employer.sic_section,
        area_hub_id=adviser.area_hub_id,
        area_hub_name=adviser.area_hub.name if adviser.area_hub_id else "",
        current_schools=current_schools,
        capacity=adviser.capacity,
        is_active=adviser.is_active,
    )


def ranked_candidates_for(school: School) -> list[ranking.RankedCandidate]:
    """The advisers who could be matched with the school, best first, with reasons. Two queries
    whatever the number of advisers: the advisers with their current load, and the growth sectors."""
    advisers = (
        EnterpriseAdviser.objects.filter(partnership_id=school.partnership_id, is_active=True)
        .select_related("employer", "area_hub")
        .annotate(current_schools=Count("matches", filter=CURRENT))
    )
    candidates = [candidate_of(a, a.current_schools) for a in advisers if a.current_schools < a.capacity]
    return ranking.rank_candidates(school_info(school), candidates, growth_sectors_of(school.partnership_id))


# The enterprise adviser's own view -----------------------------------------------------------
def own_adviser_record(user) -> EnterpriseAdviser | None:
    if not user.is_authenticated:
        return None
    return EnterpriseAdviser.objects.filter(user=user).select_related("employer", "area_hub").first()


def own_matches(user) -> list[AdviserMatch]:
    """This adviser's matches, current first, each school with ``careers_leaders``: the people who
    hold the careers leader role there."""
    if not user.is_authenticated:
        return []
    leaders = RoleAssignment.objects.filter(role=Role.CAREERS_LEADER).select_related("user").order_by(
        "user__last_name", "user__first_name", "user__username"
    )
    return list(
        AdviserMatch.objects.filter(adviser__user=user)
        .select_related("school", "school__area_hub")
        .prefetch_related(Prefetch("school__staff_roles", queryset=leaders, to_attr="careers_leaders"))
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-pk")
    )
