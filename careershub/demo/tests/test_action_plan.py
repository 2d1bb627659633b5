"""The demo city's benchmark action plan: generated (pure) and loaded."""
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone

from careershub.accounts.models import User
from careershub.benchmarks import action_rules, selectors
from careershub.benchmarks.models import Action, ActionNote
from careershub.demo import city as demo_city
from careershub.demo.accounts import DEMO_USERNAMES
from careershub.demo.action_plan import commonest_gaps
from careershub.demo.generate import generate_city

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def city():
    return generate_city(size="city", seed=2026, as_of=AS_OF)


def latest_levels(city) -> dict:
    return {a.school: a.levels for a in city.assessments if a.status == "submitted"}


# Generated ---------------------------------------------------------------------------------------
def test_about_ten_hub_actions_owned_by_cornerstones_the_coordinator_and_schools(city):
    hub = [a for a in city.actions if a.level == "hub"]
    assert len(hub) == 10
    owners = Counter(a.owner_kind for a in hub)
    assert owners["employer"] >= 5 and owners["person"] >= 1 and owners["school"] >= 1
    for a in hub:
        if a.owner_kind == "employer":
            assert city.employers[a.owner].is_cornerstone, a.title
        elif a.owner_kind == "person":
            assert city.users[a.owner].role == "enterprise_coordinator"
    assert sum(a.owner == city.demo_employer for a in hub if a.owner_kind == "employer") >= 2, "the demo employer's own"
    assert len({a.title for a in city.actions}) == len(city.actions)


def test_the_actions_are_against_the_commonest_gaps_and_serve_the_weakest_schools(city):
    latest = latest_levels(city)
    gaps = commonest_gaps(latest, city.benchmark_targets)
    assert gaps[:2] == [6, 8], "workplaces and guidance, as in the country"
    hub = [a for a in city.actions if a.level == "hub"]
    by_benchmark = Counter(a.benchmark for a in hub)
    assert by_benchmark[6] >= 3 and by_benchmark[8] >= 2 and set(by_benchmark) <= set(gaps[:7])
    for a in hub:
        assert 3 <= len(a.schools) <= 8 and len(set(a.schools)) == len(a.schools)
        assert all(city.schools[s].status == "engaged" for s in a.schools)
        assert any(latest[s][a.benchmark - 1] < 1 for s in a.schools), a.title
    assert sum(city.demo_school in a.schools for a in hub) >= 2, "the demo careers leader sees hub actions"


def test_statuses_dates_and_notes_follow_the_rules(city):
    statuses = Counter(a.status for a in city.actions)
    assert statuses["done"] >= 3 and statuses["in_progress"] >= 3 and statuses["not_started"] >= 3 and statuses["cancelled"] >= 1
    overdue = [a for a in city.actions if action_rules.is_overdue(a.due_on, a.status, AS_OF)]
    assert 3 <= len(overdue) <= 5
    for a in city.actions:
        assert a.raised_on < AS_OF and (a.closed_on is not None) == (a.status in action_rules.CLOSED)
        status = "not_started"
        for note in a.notes:
            assert a.raised_on <= note.on <= AS_OF and note.text
            if note.status:
                assert action_rules.may_move(status, note.status, manager=True), (a.title, status, note.status)
                status = note.status
        assert status == a.status, a.title
        if a.closed_on:
            assert a.notes[-1].on == a.closed_on


def test_the_demo_school_has_actions_of_its_own_against_its_gaps(city):
    own = [a for a in city.actions if a.level == "school"]
    levels = latest_levels(city)[city.demo_school]
    assert 2 <= len(own) <= 3
    for a in own:
        assert a.owner_kind == "school" and a.owner == city.demo_school and a.schools == [city.demo_school]
        assert levels[a.benchmark - 1] < 1 and city.users[a.by].role == "careers_leader"


def test_the_same_seed_gives_the_same_plan_and_other_sizes_scale(city):
    assert generate_city(size="city", seed=2026, as_of=AS_OF).actions == city.actions
    small = generate_city(size="small", seed=2026, as_of=AS_OF)
    region = generate_city(size="region", seed=2026, as_of=AS_OF)
    assert sum(a.level == "hub" for a in small.actions) == 5 and sum(a.level == "hub" for a in region.actions) == 20
    assert len({a.title for a in region.actions}) == len(region.actions)


# Loaded ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_loaded_plan_hangs_together_and_each_demo_account_sees_its_part():
    today = timezone.localdate()
    built = demo_city.build(size="small", seed=2026, as_of=today)
    assert Action.objects.count() == len(built.actions)
    assert ActionNote.objects.count() == sum(len(a.notes) for a in built.actions)
    for action, record in zip(Action.objects.order_by("pk"), built.actions):
        action.full_clean(validate_unique=False, validate_constraints=False)
        assert action.schools.count() == len(record.schools)
        assert action.created_at.date() == record.raised_on, "raised when the plan says"
    manager = User.objects.get(username=DEMO_USERNAMES["hub_manager"])
    summary = selectors.action_summary(manager)
    assert summary.total == len(built.actions) and summary.overdue >= 2
    contact = User.objects.get(username=DEMO_USERNAMES["employer_contact"])
    owned = selectors.actions_visible_to(contact)
    assert owned.exists() and all(selectors.owns_action(contact, a) for a in owned)
    leader = User.objects.get(username=DEMO_USERNAMES["careers_leader"])
    school = leader.assignments_for("careers_leader")[0].school
    mine = selectors.school_actions(leader, school)
    assert any(a.level == "school" for a in mine) and any(a.level == "hub" for a in mine)
    coordinator = User.objects.get(username=DEMO_USERNAMES["enterprise_coordinator"])
    assert any(selectors.may_manage_action(coordinator, a) for a in selectors.actions_visible_to(coordinator))
    # Building again replaces the plan (actions protect their owners, so they go first).
    demo_city.build(size="small", seed=2026, as_of=today)
    assert Action.objects.count() == len(built.actions)
