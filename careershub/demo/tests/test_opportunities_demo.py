"""The demo city's year of opportunities: every part of the product shows, the rules hold, and the
same seed gives the same year. One small city is built for the database tests (rolled back at the end)."""
from collections import Counter
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings

from careershub.accounts.models import User
from careershub.allocation.models import AllocationRound, RoundChoice
from careershub.demo import city as demo_city
from careershub.demo.accounts import DEMO_USERNAMES
from careershub.demo.generate import generate_city
from careershub.demo.opportunities import KIND_BENCHMARKS, KIND_COUNTS, ROUND_NAME, SAFEGUARDED, generate_year
from careershub.opportunities import placement_services
from careershub.opportunities.kinds import RULES
from careershub.opportunities.models import (
    Application, Encounter, GroupEncounter, HostFeedback, Opportunity, Placement, Review,
)
from careershub.opportunities.review_selectors import rating_summary
from careershub.young_people.models import ParentLink, YoungPerson

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def small_city():
    return generate_city(size="small", seed=2026, as_of=AS_OF)


@pytest.fixture(scope="module")
def year(small_city):
    return generate_year(small_city)


# The generator -----------------------------------------------------------------------------------
def test_the_generator_keeps_the_kinds_table_of_the_product():
    for kind, rules in RULES.items():
        assert KIND_COUNTS[kind] == rules.counts_as and KIND_BENCHMARKS[kind] == list(rules.benchmarks)
        assert (kind in SAFEGUARDED) == rules.needs_safeguarding


def test_the_same_city_gives_the_same_year_and_another_seed_another(small_city, year):
    again = generate_year(generate_city(size="small", seed=2026, as_of=AS_OF))
    assert again.opportunities == year.opportunities and again.applications == year.applications
    assert again.groups == year.groups and again.reviews == year.reviews
    assert again.allocation_round == year.allocation_round
    other = generate_year(generate_city(size="small", seed=7, as_of=AS_OF))
    assert [a.interest for a in other.applications] != [a.interest for a in year.applications]


def test_no_opportunity_accepts_more_than_its_places(year):
    accepted = Counter(a.opportunity for a in year.applications if a.status == "accepted")
    assert accepted and all(n <= year.opportunities[o].capacity for o, n in accepted.items())
    assert len({(a.opportunity, a.young_person) for a in year.applications}) == len(year.applications)


def test_placements_encounters_and_reviews_keep_the_rules(year):
    for p in year.placements:
        application = year.applications[p.application]
        assert application.status == "accepted" and year.opportunities[application.opportunity].kind in SAFEGUARDED
        if p.status in ("confirmed", "completed"):
            assert p.complete
        if p.status == "awaiting_checks":
            assert not p.complete
    placed = {p.application for p in year.placements}
    cancelled = {p.application for p in year.placements if p.status == "cancelled"}
    for record in year.attendance:
        application = year.applications[record.application]
        opportunity = year.opportunities[application.opportunity]
        assert application.status == "accepted" and record.application not in cancelled
        assert opportunity.ends_on < AS_OF and opportunity.starts_on == record.occurred_on
        assert opportunity.kind not in SAFEGUARDED or record.application in placed
    attended = {r.application for r in year.attendance}
    assert all(r.application in attended for r in year.reviews)
    assert all(f.application in attended for f in year.feedback)
    assert all(g.occurred_on < AS_OF and g.attendees for g in year.groups)


def test_disadvantaged_schools_have_fewer_group_encounters_per_young_person():
    city = generate_city(size="city", seed=2026, as_of=AS_OF)
    year = generate_year(city)
    per_school = Counter()
    for g in year.groups:
        per_school[g.school] += len(g.attendees)
    pupils = Counter(y.school for y in city.young_people)
    engaged = [i for i, s in enumerate(city.schools) if s.status == "engaged" and pupils[i]]
    ranked = sorted(engaged, key=lambda i: city.schools[i].deprivation)
    third = len(ranked) // 3
    rate = [sum(per_school[i] for i in part) / sum(pupils[i] for i in part) for part in (ranked[:third], ranked[-third:])]
    assert rate[0] > rate[1] * 1.2, rate


# The loaded demo ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            city = demo_city.build(size="small", seed=2026, as_of=AS_OF)
        yield city
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_a_year_of_opportunities_of_every_kind_and_status(demo):
    opportunities = Opportunity.objects.filter(partnership__slug=demo_city.DEMO_SLUG)
    assert set(opportunities.values_list("kind", flat=True)) >= {
        "workplace_visit", "work_experience", "work_taster", "masterclass", "careers_fair", "careers_talk",
    }
    statuses = Counter(opportunities.values_list("status", flat=True))
    assert statuses["approved"] > 0.8 * sum(statuses.values())
    assert statuses["submitted"] >= 2 and statuses["returned"] == 1 and statuses["draft"] == 1
    assert opportunities.get(status="returned").return_reason
    assert opportunities.filter(provider__isnull=False).exists()
    span = opportunities.aggregate(first=Count("pk", filter=Q(starts_on__lt=AS_OF)), later=Count("pk", filter=Q(starts_on__gte=date(2027, 4, 1))))
    assert span["first"] and span["later"], "the whole academic year, past and to come"
    assert set(Application.objects.values_list("status", flat=True)) == set(Application.Status.values)
    assert not Application.objects.filter(interest="").exists()


@pytest.mark.django_db
def test_capacity_is_never_exceeded_in_the_database(demo):
    over = (Opportunity.objects.annotate(accepted=Count("applications", filter=Q(applications__status="accepted")))
            .filter(accepted__gt=0))
    assert over.exists()
    for opportunity in over:
        assert opportunity.accepted <= opportunity.capacity, opportunity


@pytest.mark.django_db
def test_placements_follow_the_safeguarding_rules(demo):
    placements = list(Placement.objects.select_related("application__opportunity"))
    assert {p.status for p in placements} >= {"awaiting_checks", "confirmed", "completed"}
    for placement in placements:
        assert placement.application.opportunity.needs_safeguarding
        if placement.status == "confirmed":
            assert placement_services.missing_checks(placement, AS_OF) == []
        if placement.status == "awaiting_checks":
            assert placement_services.missing_checks(placement, AS_OF)
    for encounter in Encounter.objects.filter(source="attendance").select_related("opportunity"):
        application = Application.objects.select_related("placement").get(
            opportunity=encounter.opportunity, young_person_id=encounter.young_person_id)
        assert application.status == "accepted"
        if encounter.opportunity.needs_safeguarding:
            assert application.placement.status == "completed"
    assert not Encounter.objects.filter(source="attendance", opportunity__isnull=True).exists()
    assert not Encounter.objects.filter(source="group", group__isnull=True).exists()


@pytest.mark.django_db
def test_group_encounters_include_assemblies_and_the_careers_fair(demo):
    kinds = set(GroupEncounter.objects.values_list("kind", flat=True))
    assert {"careers_talk", "careers_fair", "workplace_visit"} <= kinds
    assert Encounter.objects.filter(source="group").count() > 500
    for encounter in Encounter.objects.all()[:300]:
        assert encounter.academic_year == (encounter.occurred_on.year if encounter.occurred_on.month >= 9 else encounter.occurred_on.year - 1)


@pytest.mark.django_db
def test_the_allocation_round_has_ranked_year_10_choices_from_several_schools_and_is_published(demo):
    allocation_round = AllocationRound.objects.get(name=ROUND_NAME)
    choices = RoundChoice.objects.filter(round=allocation_round)
    assert choices.values("young_person__school").distinct().count() >= 3
    assert set(choices.values_list("young_person__year_group", flat=True)) == {10}
    assert choices.filter(rank=5).exists()
    assert allocation_round.status == AllocationRound.Status.PUBLISHED and allocation_round.published_run is not None
    placed = Application.objects.filter(allocation_round=allocation_round, status="accepted")
    assert placed.exists()
    assert Encounter.objects.filter(opportunity__round_entries__round=allocation_round).exists()


@pytest.mark.django_db
def test_reviews_replies_and_feedback(demo):
    assert {"published", "pending", "rejected"} <= set(Review.objects.values_list("status", flat=True))
    assert Review.objects.exclude(reply="").filter(status="published").exists()
    assert Review.objects.filter(status="rejected").exclude(moderation_reason="").exists()
    assert HostFeedback.objects.exists()


@pytest.mark.django_db
def test_the_demo_accounts_have_something_to_do(demo):
    contact = User.objects.get(username=DEMO_USERNAMES["employer_contact"])
    employer = contact.assignments_for("employer_contact")[0].employer
    to_decide = Application.objects.filter(opportunity__employer=employer, status__in=["submitted", "shortlisted"])
    assert to_decide.count() >= 3
    assert rating_summary(employer).shown, "at least three published reviews"
    assert Opportunity.objects.filter(employer=employer, status="returned").exists()

    me = YoungPerson.objects.get(user__username=DEMO_USERNAMES["young_person"])
    mine = Placement.objects.filter(application__young_person=me)
    assert mine.filter(status="awaiting_checks").exists() and mine.filter(status="confirmed").exists()
    assert HostFeedback.objects.filter(application__young_person=me).exists()
    assert Review.objects.filter(application__young_person=me, status="published").exclude(reply="").exists()
    assert RoundChoice.objects.filter(young_person=me).exists()
    assert ParentLink.objects.get(parent__username=DEMO_USERNAMES["parent_carer"]).young_person == me
