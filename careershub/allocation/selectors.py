"""Reads of allocation rounds, scoped to the person asking.

- Hub managers and enterprise coordinators manage every round of their partnership.
- Careers leaders see the rounds their pupils made choices in, and (once published) their pupils'
  outcomes.
- Young people see the rounds of their partnership open to their year group (and any they made
  choices in); only their own choices and result.
- Employer contacts see the rounds their employer's opportunities are in, and rank the young people
  who chose those opportunities whose host ranks its applicants.
Everyone else sees nothing (404).
"""
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.opportunities.models import Application, Opportunity
from careershub.young_people.models import YoungPerson

from .explain import Described
from .models import AllocationRound, HostRanking, RoundChoice, RoundOpportunity, RoundOutcome, RoundRun

ROUND_READERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.YOUNG_PERSON,
                 Role.EMPLOYER_CONTACT)
OUTCOME_READERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER)


def managing_partnership_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments() if a.role in HUB_STAFF}


def managed_partnership(user):
    """The partnership whose rounds this person sets up (the first they manage), or None."""
    from careershub.network.models import Partnership

    ids = sorted(managing_partnership_ids(user))
    return Partnership.objects.filter(pk=ids[0]).first() if ids else None


def leader_school_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.school_id for a in user.assignments_for(Role.CAREERS_LEADER) if a.school_id}


def host_employer_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.employer_id for a in user.assignments_for(Role.EMPLOYER_CONTACT) if a.employer_id}


def young_person_of(user) -> YoungPerson | None:
    """The young person whose account this is (one query, or none for anyone else)."""
    if not user.is_authenticated or not user.has_role(Role.YOUNG_PERSON):
        return None
    return YoungPerson.objects.select_related("school").filter(user_id=user.pk).first()


def is_manager(user, allocation_round: AllocationRound) -> bool:
    return allocation_round.partnership_id in managing_partnership_ids(user)


def rounds_managed_by(user) -> QuerySet[AllocationRound]:
    return AllocationRound.objects.filter(partnership_id__in=managing_partnership_ids(user))


def rounds_visible_to(user, *, young_person: YoungPerson | None = None) -> QuerySet[AllocationRound]:
    qs = AllocationRound.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(partnership_id__in=managing_partnership_ids(user))
    schools = leader_school_ids(user)
    if schools:
        condition |= Q(pk__in=RoundChoice.objects.filter(young_person__school_id__in=schools).values("round_id"))
    employers = host_employer_ids(user)
    if employers:
        condition |= Q(pk__in=RoundOpportunity.objects.filter(opportunity__employer_id__in=employers).values("round_id"))
    if young_person is None and user.has_role(Role.YOUNG_PERSON):
        young_person = young_person_of(user)
    if young_person is not None:
        condition |= Q(
            partnership_id=young_person.school.partnership_id,
            status__in=[AllocationRound.Status.OPEN, AllocationRound.Status.CLOSED, AllocationRound.Status.PUBLISHED],
            year_group_from__lte=young_person.year_group, year_group_to__gte=young_person.year_group,
        ) | Q(pk__in=RoundChoice.objects.filter(young_person=young_person).values("round_id"))
    return qs.filter(condition)


def get_round_for_user(user, pk: int) -> AllocationRound:
    return get_object_or_404(rounds_visible_to(user).select_related("partnership", "published_run"), pk=pk)


def get_round_for_manager(user, pk: int) -> AllocationRound:
    return get_object_or_404(rounds_managed_by(user).select_related("partnership", "published_run"), pk=pk)


def get_round_for_young_person(user, pk: int) -> tuple[AllocationRound, YoungPerson]:
    from django.http import Http404

    young_person = young_person_of(user)
    if young_person is None:
        raise Http404("No young person's record is linked to this account.")
    allocation_round = get_object_or_404(rounds_visible_to(user, young_person=young_person), pk=pk)
    return allocation_round, young_person


def round_list_for(user) -> QuerySet[AllocationRound]:
    return (rounds_visible_to(user).select_related("partnership")
            .annotate(opportunity_count=Count("round_opportunities", distinct=True))
            .order_by("-choices_close_on", "name"))


def round_entries(allocation_round: AllocationRound) -> list[RoundOpportunity]:
    """The round's opportunities with their places, places taken outside the round, choices and
    first choices (demand per place), and how many applicants the host has ranked. Three queries."""
    entries = list(
        allocation_round.round_opportunities.select_related("opportunity__employer", "opportunity__provider")
        .annotate(ranked=Count("rankings", distinct=True))
        .order_by("opportunity__title", "pk")
    )
    opportunity_ids = [e.opportunity_id for e in entries]
    taken = dict(
        Application.objects.filter(opportunity_id__in=opportunity_ids, status=Application.Status.ACCEPTED)
        .exclude(allocation_round=allocation_round).order_by().values("opportunity_id")
        .annotate(n=Count("pk")).values_list("opportunity_id", "n")
    )
    chosen = {}
    for opportunity_pk, total, first in (
        RoundChoice.objects.filter(round=allocation_round).order_by().values("opportunity_id")
        .annotate(total=Count("pk"), first=Count("pk", filter=Q(rank=1)))
        .values_list("opportunity_id", "total", "first")
    ):
        chosen[opportunity_pk] = (total, first)
    for entry in entries:
        entry.taken_outside = taken.get(entry.opportunity_id, 0)
        entry.places = max(0, entry.opportunity.capacity - entry.taken_outside)
        entry.choices, entry.first_choices = chosen.get(entry.opportunity_id, (0, 0))
        entry.demand = round(entry.choices / entry.places, 1) if entry.places else None
        entry.first_demand = round(entry.first_choices / entry.places, 1) if entry.places else None
    return entries


def choosers_count(allocation_round: AllocationRound) -> int:
    return RoundChoice.objects.filter(round=allocation_round).values("young_person_id").distinct().count()


def runs_of(allocation_round: AllocationRound) -> list[RoundRun]:
    return list(allocation_round.runs.select_related("run_by").order_by("number"))


def get_run_for_manager(user, pk: int) -> RoundRun:
    return get_object_or_404(
        RoundRun.objects.select_related("round__partnership").filter(round__partnership_id__in=managing_partnership_ids(user)),
        pk=pk,
    )


def get_run_for_outcomes(user, pk: int) -> RoundRun:
    """A run whose outcomes this person may read: any run of a round they manage; the published run of
    a round their pupils are in, for careers leaders."""
    condition = Q(round__partnership_id__in=managing_partnership_ids(user))
    schools = leader_school_ids(user)
    if schools:
        published = AllocationRound.objects.filter(published_run_id=OuterRef("pk"))
        condition |= Q(Exists(published), pk__in=RoundOutcome.objects.filter(
            young_person__school_id__in=schools).values("run_id"))
    return get_object_or_404(RoundRun.objects.select_related("round__partnership").filter(condition), pk=pk)


def outcomes_for(user, run: RoundRun) -> QuerySet[RoundOutcome]:
    """The run's outcomes this person may read: all of them for the round's managers, their own
    pupils' for careers leaders. By young person's surname."""
    qs = RoundOutcome.objects.filter(run=run).select_related(
        "young_person__school", "opportunity__employer", "opportunity__provider")
    if not is_manager(user, run.round):
        qs = qs.filter(young_person__school_id__in=leader_school_ids(user))
    return qs.order_by("young_person__last_name", "young_person__first_name", "pk")


def described_opportunities(opportunity_pks) -> dict[int, Described]:
    """Title and host of each opportunity, for the plain-English explanations (one query)."""
    rows = (Opportunity.objects.filter(pk__in=set(opportunity_pks))
            .values_list("pk", "title", "employer__name", "provider__name"))
    return {pk: Described(title=title, host=employer or provider or "the host") for pk, title, employer, provider in rows}


def opportunity_pks_in(explanation: dict) -> set[int]:
    from .build import pk_of

    pks = {pk_of(r["placement"]) for r in explanation.get("higher_choices", [])}
    if explanation.get("placement"):
        pks.add(pk_of(explanation["placement"]))
    return pks


def choices_of(allocation_round: AllocationRound, young_person: YoungPerson) -> list[RoundChoice]:
    return list(RoundChoice.objects.filter(round=allocation_round, young_person=young_person)
                .select_related("opportunity__employer", "opportunity__provider").order_by("rank"))


def opportunities_open_to(allocation_round: AllocationRound, young_person: YoungPerson) -> list[Opportunity]:
    """The round's opportunities open to the young person's year group, by title."""
    return list(
        Opportunity.objects.filter(round_entries__round=allocation_round,
                                   year_group_from__lte=young_person.year_group,
                                   year_group_to__gte=young_person.year_group)
        .select_related("employer", "provider").order_by("title", "pk")
    )


def opportunities_to_add(allocation_round: AllocationRound) -> QuerySet[Opportunity]:
    """The partnership's approved opportunities given by allocation, not yet in the round."""
    return (Opportunity.objects.filter(partnership_id=allocation_round.partnership_id,
                                       status=Opportunity.Status.APPROVED,
                                       how_places_are_given=Opportunity.HowPlacesAreGiven.ALLOCATION)
            .exclude(round_entries__round=allocation_round).select_related("employer", "provider")
            .order_by("starts_on", "title"))


def round_entries_hosted_by(user) -> QuerySet[RoundOpportunity]:
    return RoundOpportunity.objects.filter(opportunity__employer_id__in=host_employer_ids(user))


def get_round_opportunity_for_host(user, pk: int) -> RoundOpportunity:
    return get_object_or_404(
        round_entries_hosted_by(user).select_related("round", "opportunity__employer"), pk=pk)


def choosers_of(round_opportunity: RoundOpportunity) -> list[YoungPerson]:
    """The young people who chose the opportunity in its round, with the host's position for each
    (None when not ranked yet), ranked first then by name. Only what the host may see is used:
    first name, last initial, school and year group."""
    positions = dict(HostRanking.objects.filter(round_opportunity=round_opportunity)
                     .values_list("young_person_id", "position"))
    people = list(
        YoungPerson.objects.filter(round_choices__round_id=round_opportunity.round_id,
                                   round_choices__opportunity_id=round_opportunity.opportunity_id)
        .select_related("school").only("pk", "first_name", "last_name", "year_group", "school__name")
        .order_by("last_name", "first_name", "pk")
    )
    for person in people:
        person.host_position = positions.get(person.pk)
    people.sort(key=lambda p: (p.host_position is None, p.host_position or 0))
    return people


def outcome_of(run: RoundRun, young_person: YoungPerson) -> RoundOutcome | None:
    return RoundOutcome.objects.filter(run=run, young_person=young_person).select_related(
        "opportunity__employer", "opportunity__provider").first()
