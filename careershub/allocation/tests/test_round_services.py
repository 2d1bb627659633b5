"""Rounds: choices, host rankings, running (and re-running with changed settings) and publishing."""
import datetime
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.allocation import services
from careershub.allocation.models import AllocationRound, HostRanking, RoundChoice, RoundOpportunity
from careershub.allocation.tests.matrix import allocation_opportunity, closed_round, host_entry, open_round
from careershub.core.models import AuditEntry, Notification
from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.young_people.models import ParentLink, YoungPerson

pytestmark = pytest.mark.django_db


def test_choices_replace_the_previous_ones_and_are_audited(cast):
    allocation_round = open_round(cast)
    entry = host_entry(cast)
    services.choices_set(acting_user=cast.young_person, round=allocation_round, young_person=cast.young_person_record,
                         opportunity_ids=[entry.opportunity_id])
    assert list(RoundChoice.objects.filter(young_person=cast.young_person_record).values_list("opportunity_id", "rank")) == [
        (entry.opportunity_id, 1)]
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk, subject_type="allocation.allocationround").exists()


@pytest.mark.parametrize("problem", ["duplicate", "too_many", "outside", "wrong_year"])
def test_choices_refused(cast, problem):
    allocation_round = open_round(cast)
    entry = host_entry(cast)
    person = cast.young_person_record
    ids = [entry.opportunity_id]
    if problem == "duplicate":
        ids = [entry.opportunity_id, entry.opportunity_id]
    elif problem == "too_many":
        ids = [o.pk for o in [allocation_opportunity(cast.employer) for _ in range(4)]]
    elif problem == "outside":
        ids = [OpportunityFactory(employer=cast.employer).pk]
    else:
        YoungPerson.objects.filter(pk=person.pk).update(year_group=11)
        person.refresh_from_db()
    with pytest.raises(ValidationError):
        services.choices_set(acting_user=cast.young_person, round=allocation_round, young_person=person,
                             opportunity_ids=ids)


def test_choices_only_while_open_and_only_by_the_young_person(cast):
    allocation_round = closed_round(cast)
    with pytest.raises(ValidationError):
        services.choices_set(acting_user=cast.young_person, round=allocation_round, young_person=cast.young_person_record,
                             opportunity_ids=[])
    with pytest.raises(PermissionDenied):
        services.choices_set(acting_user=cast.parent_carer, round=allocation_round, young_person=cast.young_person_record,
                             opportunity_ids=[])


def test_host_ranks_only_its_own_choosers(cast):
    entry = host_entry(cast)
    with pytest.raises(ValidationError):
        services.host_ranking_set(acting_user=cast.employer_contact, round_opportunity=entry,
                                  young_person_ids=[cast.other_young_person_record.pk])
    with pytest.raises(PermissionDenied):
        services.host_ranking_set(acting_user=cast.other_employer_contact, round_opportunity=entry, young_person_ids=[])
    services.host_ranking_set(acting_user=cast.employer_contact, round_opportunity=entry,
                              young_person_ids=[cast.young_person_record.pk])
    assert HostRanking.objects.get(round_opportunity=entry).position == 1


def test_run_stores_outcomes_and_re_runs_keep_every_run(cast):
    allocation_round = closed_round(cast)
    run = allocation_round.runs.get()
    assert run.number == 1 and run.summary["students"] == 2 and run.seconds >= 0
    outcomes = {o.young_person_id: o for o in run.outcomes.all()}
    amira = outcomes[cast.young_person_record.pk]
    assert amira.opportunity_id == host_entry(cast).opportunity_id and amira.choice_number == 1
    ben = outcomes[cast.other_young_person_record.pk]
    assert ben.opportunity is not None and ben.choice_number == 1
    services.round_update(acting_user=cast.hub_manager, round=allocation_round, name=allocation_round.name,
                          year_group_from=10, year_group_to=10, choices_allowed=3,
                          choices_close_on=allocation_round.choices_close_on, policy_order=[], seed=99)
    second = services.run_round(acting_user=cast.hub_manager, round=allocation_round)
    assert second.number == 2 and second.policy_order == [] and second.seed == 99
    assert allocation_round.runs.count() == 2 and run.outcomes.count() == 2


def test_run_refused_while_open_and_for_outsiders(cast):
    allocation_round = open_round(cast)
    with pytest.raises(ValidationError):
        services.run_round(acting_user=cast.hub_manager, round=allocation_round)
    with pytest.raises(PermissionDenied):
        services.run_round(acting_user=cast.careers_leader, round=allocation_round)


def test_publish_creates_applications_placements_and_notifications(cast):
    allocation_round = closed_round(cast)
    existing = ApplicationFactory(opportunity=host_entry(cast).opportunity, young_person=cast.young_person_record)
    run = allocation_round.runs.get()
    services.publish_run(acting_user=cast.hub_manager, run=run)
    allocation_round.refresh_from_db()
    assert allocation_round.status == AllocationRound.Status.PUBLISHED and allocation_round.published_run == run
    existing.refresh_from_db()
    assert existing.status == Application.Status.ACCEPTED and existing.allocation_round == allocation_round
    created = Application.objects.get(young_person=cast.other_young_person_record)
    assert created.status == Application.Status.ACCEPTED
    assert created.interest == f"Allocated in {allocation_round.name}" and created.shared == ["school", "year_group"]
    assert Placement.objects.filter(application__allocation_round=allocation_round).count() == 2
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"young_person", "parent_carer", "employer_contact", "other_employer_contact", "careers_leader",
            "other_careers_leader"} <= notified
    mine = Notification.objects.get(user=cast.young_person)
    assert "Engineering week" in mine.body and mine.url.endswith(f"/allocation/rounds/{allocation_round.pk}/my-result/")
    assert "1 of 1 places" in Notification.objects.get(user=cast.employer_contact).body
    with pytest.raises(ValidationError):
        services.publish_run(acting_user=cast.hub_manager, run=run)


def test_a_round_of_five_thousand_publishes_in_seconds(cast, django_assert_max_num_queries):
    allocation_round = AllocationRound.objects.create(partnership=cast.partnership, name="City week",
                                                      choices_close_on=timezone.localdate(), status="closed")
    opportunities = [allocation_opportunity(cast.employer, title=f"Week {n}", capacity=900) for n in range(5)]
    RoundOpportunity.objects.bulk_create([RoundOpportunity(round=allocation_round, opportunity=o) for o in opportunities])
    people = YoungPerson.objects.bulk_create([
        YoungPerson(school=cast.school, first_name="Sam", last_name=f"Young{n}", date_of_birth=datetime.date(2011, 1, 1),
                    year_group=10, upn=f"P{n:012d}") for n in range(5000)])
    RoundChoice.objects.bulk_create([
        RoundChoice(round=allocation_round, young_person=person, opportunity=opportunities[(n + k) % 5], rank=k + 1)
        for n, person in enumerate(people) for k in range(2)], batch_size=2000)
    ParentLink.objects.create(parent=cast.parent_carer, young_person=people[0])
    started = time.perf_counter()
    run = services.run_round(acting_user=cast.hub_manager, round=allocation_round)
    services.publish_run(acting_user=cast.hub_manager, run=run)
    elapsed = time.perf_counter() - started
    assert run.summary["matched"] == 4500
    assert Application.objects.filter(allocation_round=allocation_round, status="accepted").count() == 4500
    assert elapsed < 60  # about 4s on SQLite and 9s on a shared PostgreSQL; minutes would fail
