"""From an allocation round's rows to the engine's instance (the JSON shape of docs/allocation.md).

Young people are "yp-<pk>" and opportunities "op-<pk>". An opportunity's capacity in the round is
its capacity less the places already accepted outside the round; a young person's experiences are
their encounters that count as an experience of a workplace; their priority group is
"looked_after", else "disadvantaged" (pupil premium or free school meals), else none. Only
opportunities whose host ranks its applicants carry a ranking (from HostRanking); the others are
ordered by the round's priority policy.

Five queries whatever the size of the round: values_list rows, grouped in Python.
"""
from collections import defaultdict

from django.db.models import Count, Q

from careershub.opportunities.kinds import Counts
from careershub.opportunities.models import Application
from careershub.young_people.models import YoungPerson

from .models import AllocationRound, HostRanking, RoundChoice

LOOKED_AFTER = "looked_after"
DISADVANTAGED = "disadvantaged"
# The priority groups in the order the partnership's policy puts them.
PRIORITY_GROUPS = [LOOKED_AFTER, DISADVANTAGED]


def young_person_id(pk: int) -> str:
    return f"yp-{pk}"


def opportunity_id(pk: int) -> str:
    return f"op-{pk}"


def pk_of(engine_id: str | None) -> int | None:
    """The primary key inside "yp-12" or "op-7" (None stays None)."""
    if engine_id is None:
        return None
    return int(engine_id.split("-", 1)[1])


def priority_group_of(*, looked_after: bool, pupil_premium: bool, free_school_meals: bool) -> str | None:
    if looked_after:
        return LOOKED_AFTER
    if pupil_premium or free_school_meals:
        return DISADVANTAGED
    return None


def policy_of(allocation_round: AllocationRound, *, order=None, seed=None) -> dict:
    return {
        "order": list(allocation_round.policy_order if order is None else order),
        "priority_groups": list(PRIORITY_GROUPS),
        "seed": int(allocation_round.seed if seed is None else seed),
    }


def instance_for(allocation_round: AllocationRound) -> dict:
    """The engine's instance for the round as it stands: every young person who made choices."""
    entries = list(
        allocation_round.round_opportunities.order_by("pk")
        .values_list("opportunity_id", "opportunity__capacity", "ranked_by_host")
    )
    in_round = {opportunity_pk for opportunity_pk, _, _ in entries}
    taken = dict(
        Application.objects.filter(opportunity_id__in=in_round, status=Application.Status.ACCEPTED)
        .exclude(allocation_round=allocation_round)
        .order_by().values("opportunity_id").annotate(n=Count("pk")).values_list("opportunity_id", "n")
    )

    choices: dict[int, list[str]] = defaultdict(list)
    for person_pk, opportunity_pk in (
        RoundChoice.objects.filter(round=allocation_round, opportunity_id__in=in_round)
        .order_by("young_person_id", "rank").values_list("young_person_id", "opportunity_id")
    ):
        choices[person_pk].append(opportunity_id(opportunity_pk))

    people = (
        YoungPerson.objects.filter(pk__in=RoundChoice.objects.filter(round=allocation_round).values("young_person_id"))
        .order_by("pk")
        .annotate(workplace=Count("encounters", filter=Q(encounters__counts_as=Counts.WORKPLACE_EXPERIENCE)))
        .values_list("pk", "looked_after", "pupil_premium", "free_school_meals", "workplace")
    )
    students = []
    for pk, looked_after, pupil_premium, free_school_meals, workplace in people:
        if pk not in choices:
            continue  # chose only opportunities since taken out of the round
        students.append({
            "id": young_person_id(pk),
            "choices": choices[pk],
            "experiences": int(workplace),
            "priority_group": priority_group_of(looked_after=looked_after, pupil_premium=pupil_premium,
                                                free_school_meals=free_school_meals),
        })
    known = {student["id"] for student in students}

    rankings: dict[int, list[str]] = defaultdict(list)
    for opportunity_pk, person_pk in (
        HostRanking.objects.filter(round_opportunity__round=allocation_round, round_opportunity__ranked_by_host=True)
        .order_by("round_opportunity_id", "position").values_list("round_opportunity__opportunity_id", "young_person_id")
    ):
        if young_person_id(person_pk) in known:
            rankings[opportunity_pk].append(young_person_id(person_pk))

    placements = []
    for opportunity_pk, capacity, ranked_by_host in entries:
        placement = {"id": opportunity_id(opportunity_pk), "capacity": max(0, capacity - taken.get(opportunity_pk, 0))}
        if ranked_by_host:
            placement["ranking"] = rankings.get(opportunity_pk, [])
        placements.append(placement)
    return {"students": students, "placements": placements, "policy": policy_of(allocation_round)}
