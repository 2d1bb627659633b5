"""From a round's rows to the engine's instance."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careershub.allocation import services
from careershub.allocation.build import instance_for
from careershub.allocation.models import AllocationRound, RoundChoice, RoundOpportunity
from careershub.allocation.tests.matrix import allocation_opportunity, closed_round, host_entry, open_round
from careershub.opportunities.models import Application
from careershub.opportunities.tests.factories import ApplicationFactory, EncounterFactory
from careershub.young_people.models import YoungPerson
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_ids_capacity_experiences_groups_and_host_rankings(cast):
    allocation_round = open_round(cast)
    amira, ben = cast.young_person_record, cast.other_young_person_record
    YoungPerson.objects.filter(pk=amira.pk).update(free_school_meals=True)
    YoungPerson.objects.filter(pk=ben.pk).update(looked_after=True)
    EncounterFactory(young_person=amira, kind="work_experience")
    EncounterFactory(young_person=amira, kind="workplace_visit")
    EncounterFactory(young_person=amira, kind="careers_talk")  # an employer encounter: not counted
    mine = host_entry(cast)
    theirs = allocation_round.round_opportunities.exclude(pk=mine.pk).get()
    ApplicationFactory(opportunity=theirs.opportunity, status=Application.Status.ACCEPTED)  # taken outside the round
    services.host_ranking_set(acting_user=cast.employer_contact, round_opportunity=mine, young_person_ids=[amira.pk])

    instance = instance_for(allocation_round)

    students = {s["id"]: s for s in instance["students"]}
    assert students[f"yp-{amira.pk}"] == {"id": f"yp-{amira.pk}", "experiences": 2, "priority_group": "disadvantaged",
                                           "choices": [f"op-{mine.opportunity_id}", f"op-{theirs.opportunity_id}"]}
    assert students[f"yp-{ben.pk}"]["priority_group"] == "looked_after"
    assert students[f"yp-{ben.pk}"]["experiences"] == 0
    placements = {p["id"]: p for p in instance["placements"]}
    assert placements[f"op-{mine.opportunity_id}"] == {"id": f"op-{mine.opportunity_id}", "capacity": 1,
                                                       "ranking": [f"yp-{amira.pk}"]}
    assert placements[f"op-{theirs.opportunity_id}"] == {"id": f"op-{theirs.opportunity_id}", "capacity": 0}
    assert instance["policy"] == {"order": ["fewest_experiences", "priority_group"],
                                  "priority_groups": ["looked_after", "disadvantaged"], "seed": 1}


def test_places_accepted_in_the_round_itself_are_not_taken_away(cast):
    allocation_round = open_round(cast)
    entry = host_entry(cast)
    ApplicationFactory(opportunity=entry.opportunity, status=Application.Status.ACCEPTED, allocation_round=allocation_round)
    placements = {p["id"]: p for p in instance_for(allocation_round)["placements"]}
    assert placements[f"op-{entry.opportunity_id}"]["capacity"] == 1


def test_five_thousand_choices_build_in_a_handful_of_queries(cast):
    allocation_round = AllocationRound.objects.create(partnership=cast.partnership, name="Large round",
                                                      choices_close_on=datetime.date(2027, 1, 1), status="closed")
    opportunities = [allocation_opportunity(cast.employer, title=f"Week {n}") for n in range(5)]
    RoundOpportunity.objects.bulk_create([RoundOpportunity(round=allocation_round, opportunity=o) for o in opportunities])
    people = YoungPerson.objects.bulk_create([
        YoungPerson(school=cast.school, first_name="Sam", last_name=f"Young{n}", date_of_birth=datetime.date(2011, 1, 1),
                    year_group=10, upn=f"L{n:012d}") for n in range(1000)])
    RoundChoice.objects.bulk_create([
        RoundChoice(round=allocation_round, young_person=person, opportunity=o, rank=rank)
        for person in people for rank, o in enumerate(opportunities, start=1)])
    with CaptureQueriesContext(connection) as queries:
        instance = instance_for(allocation_round)
    assert len(instance["students"]) == 1000
    assert sum(len(s["choices"]) for s in instance["students"]) == 5000
    assert len(queries) <= 6


def test_young_people_without_choices_are_not_in_the_instance(cast):
    allocation_round = open_round(cast)
    YoungPersonFactory(school=cast.school)
    assert len(instance_for(allocation_round)["students"]) == 2
    assert closed_round(cast).runs.get().outcomes.count() == 2
