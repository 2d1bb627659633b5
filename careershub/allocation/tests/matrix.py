"""Who reaches each allocation round page and endpoint.

The round (made once per test, however many rows ask): "Autumn half-term week" for year 10 in the
cast's partnership, with cast.employer's opportunity (ranked by the host) and cast.other_employer's
(ranked by the priority policy). Amira (cast.young_person_record, cast.school) chose both; Ben
(cast.other_young_person_record, cast.other_school) chose the other employer's. ``closed_round`` has
been closed and run once; ``published_round`` has had that run published.
"""
import datetime

from django.utils import timezone

from careershub.allocation import services
from careershub.allocation.models import AllocationRound, RoundOpportunity
from careershub.core.matrix import endpoint, page
from careershub.opportunities.models import Opportunity
from careershub.opportunities.tests.factories import OpportunityFactory

ROUND_NAME = "Autumn half-term week"
HUB_STAFF = ["hub_manager", "enterprise_coordinator"]
# The round's list: hub staff, careers leaders, young people and employer contacts (each sees their own).
LIST_READERS = HUB_STAFF + ["careers_leader", "other_careers_leader", "young_person", "employer_contact",
                            "other_employer_contact"]
# A round's page: hub staff, and the careers leaders of schools whose pupils chose in it.
DETAIL_READERS = HUB_STAFF + ["careers_leader", "other_careers_leader"]


def allocation_opportunity(employer, **kwargs) -> Opportunity:
    return OpportunityFactory(employer=employer, how_places_are_given=Opportunity.HowPlacesAreGiven.ALLOCATION,
                              **kwargs)


def open_round(cast) -> AllocationRound:
    """The round, open for choices, with both young people's choices (made once)."""
    existing = AllocationRound.objects.filter(name=ROUND_NAME, partnership=cast.partnership).first()
    if existing:
        return existing
    hub = cast.hub_manager
    allocation_round = services.round_create(
        acting_user=hub, partnership=cast.partnership, name=ROUND_NAME, year_group_from=10, year_group_to=10,
        choices_allowed=3, choices_close_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    mine = allocation_opportunity(cast.employer, title="Engineering week", capacity=1)
    theirs = allocation_opportunity(cast.other_employer, title="Warehouse week", capacity=1)
    services.round_add_opportunity(acting_user=hub, round=allocation_round, opportunity=mine, ranked_by_host=True)
    services.round_add_opportunity(acting_user=hub, round=allocation_round, opportunity=theirs)
    services.round_open(acting_user=hub, round=allocation_round)
    services.choices_set(acting_user=cast.young_person, round=allocation_round, young_person=cast.young_person_record,
                         opportunity_ids=[mine.pk, theirs.pk])
    services.choices_set(acting_user=hub, round=allocation_round, young_person=cast.other_young_person_record,
                         opportunity_ids=[theirs.pk])
    return allocation_round


def host_entry(cast) -> RoundOpportunity:
    return open_round(cast).round_opportunities.get(opportunity__employer=cast.employer)


def closed_round(cast) -> AllocationRound:
    allocation_round = open_round(cast)
    if allocation_round.status == AllocationRound.Status.OPEN:
        services.host_ranking_set(acting_user=cast.employer_contact, round_opportunity=host_entry(cast),
                                  young_person_ids=[cast.young_person_record.pk])
        services.round_close(acting_user=cast.hub_manager, round=allocation_round)
        services.run_round(acting_user=cast.hub_manager, round=allocation_round)
    return allocation_round


def first_run(cast):
    return closed_round(cast).runs.get(number=1)


def published_round(cast) -> AllocationRound:
    allocation_round = closed_round(cast)
    if allocation_round.status != AllocationRound.Status.PUBLISHED:
        services.publish_run(acting_user=cast.hub_manager, run=first_run(cast))
        allocation_round.refresh_from_db()
    return allocation_round


def round_data(cast) -> dict:
    return {"name": "Spring taster days", "year_group_from": "10", "year_group_to": "11", "choices_allowed": "4",
            "choices_close_on": (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
            "policy": "fewest_first", "seed": "7"}


def choices_data(cast) -> dict:
    return {"choice_1": str(host_entry(cast).opportunity_id)}


ROWS = [
    page("allocation:round_list", lambda cast: (open_round(cast), "/allocation/rounds/")[1], LIST_READERS,
         note="each sees their own rounds: hub staff the partnership's, careers leaders their pupils', young people "
              "their year group's, employer contacts their opportunities'"),
    page("allocation:round_create", lambda cast: "/allocation/rounds/new/?policy=fewest_first", HUB_STAFF),
    page("allocation:round_create", lambda cast: "/allocation/rounds/new/", HUB_STAFF, method="post", data=round_data,
         ok=302),
    page("allocation:round_create", lambda cast: "/allocation/rounds/new/", HUB_STAFF, method="post",
         data={"name": ""}, ok=400, note="nothing filled in: shown again with errors"),
    page("allocation:round_detail", lambda cast: f"/allocation/rounds/{closed_round(cast).pk}/", DETAIL_READERS,
         note="careers leaders of both schools (both have pupils in the round) read it"),
    page("allocation:round_detail", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/", HUB_STAFF,
         method="post", data={"action": "close"}, ok=302, denied_statuses=(403, 404)),
    page("allocation:round_edit", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/edit/", HUB_STAFF),
    page("allocation:round_edit", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/edit/", HUB_STAFF,
         method="post", data=lambda cast: {**round_data(cast), "name": ROUND_NAME, "year_group_to": "10"}, ok=302),
    page("allocation:round_opportunities", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/opportunities/",
         HUB_STAFF),
    page("allocation:round_opportunities", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/opportunities/",
         HUB_STAFF, method="post",
         data=lambda cast: {"action": "add", "opportunity": str(allocation_opportunity(cast.employer, title="Design week").pk)},
         ok=302),
    page("allocation:round_run", lambda cast: f"/allocation/rounds/{closed_round(cast).pk}/run/", HUB_STAFF,
         method="post", ok=302),
    page("allocation:round_publish", lambda cast: f"/allocation/rounds/{closed_round(cast).pk}/publish/?run={first_run(cast).pk}",
         HUB_STAFF),
    page("allocation:round_publish", lambda cast: f"/allocation/rounds/{closed_round(cast).pk}/publish/", HUB_STAFF,
         method="post", data=lambda cast: {"run": str(first_run(cast).pk)}, ok=302),
    page("allocation:my_choices", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/my-choices/", ["young_person"]),
    page("allocation:my_choices", lambda cast: f"/allocation/rounds/{open_round(cast).pk}/my-choices/", ["young_person"],
         method="post", data=choices_data, ok=302),
    page("allocation:my_result", lambda cast: f"/allocation/rounds/{published_round(cast).pk}/my-result/",
         ["young_person"]),
    page("allocation:host_ranking", lambda cast: f"/allocation/entries/{host_entry(cast).pk}/ranking/",
         ["employer_contact"], note="the host's contact only; the other employer's contact gets 404"),
    page("allocation:host_ranking", lambda cast: f"/allocation/entries/{host_entry(cast).pk}/ranking/",
         ["employer_contact"], method="post",
         data=lambda cast: {f"position_{cast.young_person_record.pk}": "1"}, ok=302),
    page("allocation:outcomes", lambda cast: f"/allocation/runs/{first_run(cast).pk}/outcomes/", HUB_STAFF,
         note="before publishing: hub staff only"),
    page("allocation:outcomes", lambda cast: (published_round(cast), f"/allocation/runs/{first_run(cast).pk}/outcomes/")[1],
         HUB_STAFF + ["careers_leader", "other_careers_leader"], note="published: careers leaders see their pupils'"),
    page("allocation:outcomes", lambda cast: f"/allocation/runs/{first_run(cast).pk}/outcomes/?format=csv", HUB_STAFF,
         note="CSV"),
    endpoint("GET /api/allocation/rounds", lambda cast: (open_round(cast), "/api/allocation/rounds")[1], LIST_READERS),
    endpoint("GET /api/allocation/rounds/{round_id}", lambda cast: f"/api/allocation/rounds/{closed_round(cast).pk}",
             DETAIL_READERS),
    endpoint("POST /api/allocation/rounds/{round_id}/run",
             lambda cast: f"/api/allocation/rounds/{closed_round(cast).pk}/run", HUB_STAFF, method="post", ok=201),
    endpoint("POST /api/allocation/runs/{run_id}/publish",
             lambda cast: f"/api/allocation/runs/{first_run(cast).pk}/publish", HUB_STAFF, method="post"),
    endpoint("GET /api/allocation/rounds/{round_id}/my-choices",
             lambda cast: f"/api/allocation/rounds/{open_round(cast).pk}/my-choices", ["young_person"]),
    endpoint("PUT /api/allocation/rounds/{round_id}/my-choices",
             lambda cast: f"/api/allocation/rounds/{open_round(cast).pk}/my-choices", ["young_person"], method="put",
             data=lambda cast: {"opportunity_ids": [host_entry(cast).opportunity_id]}),
    endpoint("GET /api/allocation/rounds/{round_id}/my-result",
             lambda cast: f"/api/allocation/rounds/{published_round(cast).pk}/my-result", ["young_person"]),
]
