"""Action plans: the rules (statuses, overdue), the services (who may raise, change and report progress on
which actions; audit) and what each person sees."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.benchmarks import action_rules as rules
from careershub.benchmarks import selectors, services
from careershub.benchmarks.models import Action, ActionNote
from careershub.benchmarks.tests import factories as f
from careershub.core.models import AuditEntry
from careershub.network.tests.factories import EmployerFactory, SchoolFactory

TODAY = date(2026, 11, 25)


# The rules -----------------------------------------------------------------------------------------
def test_an_action_is_overdue_the_day_after_it_was_due_while_it_is_open():
    due = date(2026, 11, 20)
    assert not rules.is_overdue(due, rules.NOT_STARTED, date(2026, 11, 20)), "due today is not overdue"
    assert rules.is_overdue(due, rules.NOT_STARTED, date(2026, 11, 21))
    assert rules.is_overdue(due, rules.IN_PROGRESS, TODAY)
    assert not rules.is_overdue(due, rules.DONE, TODAY)
    assert not rules.is_overdue(due, rules.CANCELLED, TODAY)
    assert not rules.is_overdue(None, rules.NOT_STARTED, TODAY)
    assert rules.days_overdue(due, rules.IN_PROGRESS, TODAY) == 5
    assert rules.days_overdue(due, rules.DONE, TODAY) == 0


def test_the_status_moves_managers_and_owners_may_make():
    assert rules.next_statuses(rules.NOT_STARTED, manager=True) == (rules.IN_PROGRESS, rules.DONE, rules.CANCELLED)
    assert rules.next_statuses(rules.NOT_STARTED, manager=False) == (rules.IN_PROGRESS, rules.DONE)
    assert rules.next_statuses(rules.DONE, manager=False) == (rules.IN_PROGRESS,), "an owner reopens what was not finished"
    assert rules.next_statuses(rules.CANCELLED, manager=True) == (rules.NOT_STARTED,)
    assert rules.next_statuses(rules.CANCELLED, manager=False) == ()
    assert not rules.may_move(rules.IN_PROGRESS, rules.NOT_STARTED, manager=True), "no going back to not started"
    assert rules.may_move(rules.IN_PROGRESS, rules.IN_PROGRESS, manager=False), "staying put is always allowed"


@given(st.sampled_from(rules.STATUSES), st.sampled_from(rules.STATUSES))
def test_an_owner_never_makes_a_move_a_manager_could_not(current, new):
    if rules.may_move(current, new, manager=False):
        assert rules.may_move(current, new, manager=True)
    assert not (rules.may_move(current, new, manager=False) and new == rules.CANCELLED and current != new)


def test_the_closing_date_is_kept_while_closed_and_cleared_when_reopened():
    assert rules.closed_on_after(rules.IN_PROGRESS, rules.DONE, None, TODAY) == TODAY
    assert rules.closed_on_after(rules.DONE, rules.DONE, date(2026, 10, 1), TODAY) == date(2026, 10, 1)
    assert rules.closed_on_after(rules.DONE, rules.IN_PROGRESS, date(2026, 10, 1), TODAY) is None


# Raising hub actions -------------------------------------------------------------------------------
@pytest.fixture
def kiln(cast):
    """cast.employer as a cornerstone employer."""
    return f.cornerstone(cast.employer)


def test_the_hub_manager_raises_a_hub_action_owned_by_a_cornerstone_employer(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school], owner=kiln,
                          title="Work experience week for year 10", days=60)
    assert action.level == "hub" and action.owner_kind == "employer" and action.owner == kiln
    assert action.status == "not_started" and action.created_by == cast.hub_manager
    assert set(action.schools.all()) == {cast.school, cast.other_school}
    entry = AuditEntry.objects.get(subject_type="benchmarks.action", subject_id=str(action.pk))
    assert entry.actor == cast.hub_manager and entry.action == "create"
    assert entry.summary.startswith("Raised the hub action ‘Work experience week for year 10’, benchmark 6, owned by "
                                    "Potteries Precision Ltd, due ")
    assert entry.summary.endswith("serving 2 schools")


def test_a_hub_action_may_be_owned_by_hub_staff_or_a_school(cast):
    by_person = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=cast.enterprise_coordinator)
    by_school = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=cast.other_school)
    assert by_person.owner_kind == "person" and by_person.owner_name == "Ellis Carter"
    assert by_school.owner_kind == "school" and by_school.owner_name == "Southgate High"


def test_only_cornerstone_employers_and_hub_staff_own_hub_actions(cast):
    with pytest.raises(ValidationError) as refused:
        f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=cast.other_employer)
    assert refused.value.message_dict == {"owner": ["Select a cornerstone employer of the partnership"]}
    with pytest.raises(ValidationError) as refused:
        f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=cast.teacher)
    assert refused.value.message_dict == {"owner": ["Select the hub manager or an enterprise coordinator of the partnership"]}


def test_a_hub_action_needs_a_title_a_future_due_date_and_schools(cast, kiln):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            acting_user=cast.hub_manager, partnership=cast.partnership, title="  ", benchmark_number=9,
            owner=services.Owner.of(kiln), due_on=timezone.localdate() - timedelta(days=1), schools=[],
        )
    assert refused.value.message_dict == {
        "title": ["Enter a title for the action"], "benchmark_number": ["Select the benchmark the action is for"],
        "due_on": ["The due date must be today or in the future"], "schools": ["Select the schools the action serves"],
    }
    assert not Action.objects.exists()


def test_a_coordinator_raises_hub_actions_for_their_area_hubs_schools_only(cast, kiln):
    action = f.hub_action(cast.enterprise_coordinator, cast.partnership, [cast.school], owner=kiln)
    assert list(action.schools.all()) == [cast.school]
    with pytest.raises(ValidationError) as refused:
        f.hub_action(cast.enterprise_coordinator, cast.partnership, [cast.school, cast.other_school], owner=kiln)
    assert refused.value.message_dict == {"schools": ["Select only schools and colleges you work with"]}
    with pytest.raises(ValidationError) as refused:
        f.hub_action(cast.enterprise_coordinator, cast.partnership, [cast.school], owner=cast.other_school)
    assert refused.value.message_dict == {"owner": ["Select a school or college you work with"]}


@pytest.mark.parametrize("who", ["careers_leader", "analyst", "employer_contact", "enterprise_adviser", "teacher"])
def test_only_hub_staff_raise_hub_actions(cast, kiln, who):
    with pytest.raises(PermissionDenied):
        f.hub_action(cast.users[who], cast.partnership, [cast.school], owner=kiln)


# School actions ------------------------------------------------------------------------------------
def test_the_careers_leader_raises_an_action_against_one_of_the_schools_gaps(cast):
    f.submitted(cast.school, cast.careers_leader, f.this_term().previous(), met_share={6: 1, 8: 2})
    assert selectors.school_gaps(cast.school) == [6, 8]
    action = f.school_action(cast.careers_leader, cast.school, benchmark=8)
    assert (action.level, action.owner_kind, action.owner_school) == ("school", "school", cast.school)
    assert list(action.schools.all()) == [cast.school]
    with pytest.raises(ValidationError) as refused:
        f.school_action(cast.careers_leader, cast.school, benchmark=1)
    assert refused.value.message_dict == {
        "benchmark_number": ["Northfield Academy has fully achieved benchmark 1: select one of its gaps"]}
    assert AuditEntry.objects.filter(subject_type="benchmarks.action", summary__startswith="Raised the school action").count() == 1


def test_every_benchmark_is_a_gap_before_the_first_self_assessment(cast):
    assert selectors.school_gaps(cast.school) == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("who,allowed", [
    ("careers_leader", True), ("enterprise_coordinator", True), ("hub_manager", True), ("teacher", False),
    ("other_careers_leader", False), ("employer_contact", False), ("analyst", False),
])
def test_who_raises_a_schools_own_actions(cast, who, allowed):
    if allowed:
        assert f.school_action(cast.users[who], cast.school).owner_school == cast.school
    else:
        with pytest.raises(PermissionDenied):
            f.school_action(cast.users[who], cast.school)


# Changing actions ------------------------------------------------------------------------------------
def _update(action, actor, **changes):
    values = {"title": action.title, "description": action.description, "benchmark_number": action.benchmark_number,
              "due_on": action.due_on, **changes}
    return services.action_update(acting_user=actor, action=action, **values)


def test_managers_change_an_action_and_it_is_audited(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    later = action.due_on + timedelta(days=14)
    _update(action, cast.enterprise_coordinator, title="Work experience fortnight", due_on=later,
            owner=services.Owner.of(cast.enterprise_coordinator))
    action.refresh_from_db()
    assert (action.title, action.due_on, action.owner_person) == ("Work experience fortnight", later, cast.enterprise_coordinator)
    assert AuditEntry.objects.filter(subject_id=str(action.pk), action="update",
                                     summary__startswith="Changed the hub action ‘Work experience fortnight’").exists()


def test_a_coordinator_manages_only_hub_actions_wholly_within_their_area_hubs(cast, kiln):
    both = f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school], owner=kiln)
    assert selectors.may_manage_action(cast.hub_manager, both)
    assert not selectors.may_manage_action(cast.enterprise_coordinator, both)
    with pytest.raises(PermissionDenied):
        _update(both, cast.enterprise_coordinator, title="Mine now")
    north = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    assert selectors.may_manage_action(cast.enterprise_coordinator, north)
    with pytest.raises(ValidationError) as refused:
        _update(north, cast.enterprise_coordinator, schools=[cast.school, cast.other_school])
    assert refused.value.message_dict == {"schools": ["Select only schools and colleges you work with"]}


def test_a_past_due_date_is_kept_but_not_set(cast, kiln):
    action = f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln))
    _update(action, cast.hub_manager, title="Still due when it was")
    with pytest.raises(ValidationError) as refused:
        _update(action, cast.hub_manager, due_on=action.due_on - timedelta(days=1))
    assert refused.value.message_dict == {"due_on": ["The due date must be today or in the future"]}


def test_a_careers_leader_manages_their_schools_own_actions_only(cast, kiln):
    own = f.school_action(cast.careers_leader, cast.school)
    hub = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    assert selectors.may_manage_action(cast.careers_leader, own)
    assert selectors.may_manage_action(cast.enterprise_coordinator, own)
    assert not selectors.may_manage_action(cast.careers_leader, hub)
    assert not selectors.may_manage_action(cast.other_careers_leader, own)
    with pytest.raises(PermissionDenied):
        _update(hub, cast.careers_leader, title="Ours")


# Progress ----------------------------------------------------------------------------------------------
def test_the_owner_employers_contact_reports_progress_and_finishes_the_action(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    assert selectors.owns_action(cast.employer_contact, action) and not selectors.owns_action(cast.other_employer_contact, action)
    note = services.action_note_add(acting_user=cast.employer_contact, action=action, text="Twelve placements confirmed",
                                    status="in_progress")
    action.refresh_from_db()
    assert action.status == "in_progress" and note.status == "in_progress" and note.by == cast.employer_contact
    services.action_note_add(acting_user=cast.employer_contact, action=action, text="Every placement done")
    action.refresh_from_db()
    assert action.status == "in_progress" and ActionNote.objects.filter(action=action, status="").count() == 1
    services.action_note_add(acting_user=cast.employer_contact, action=action, text="Evaluated with the school", status="done")
    action.refresh_from_db()
    assert action.status == "done" and action.closed_on == timezone.localdate()
    summaries = list(AuditEntry.objects.filter(subject_id=str(action.pk), action="update").values_list("summary", flat=True))
    assert "Progress on ‘Work experience week’, not started to in progress: Twelve placements confirmed" in summaries
    assert "Progress on ‘Work experience week’, in progress to done: Evaluated with the school" in summaries


def test_an_owner_does_not_cancel_and_nobody_else_reports_progress(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    with pytest.raises(ValidationError) as refused:
        services.action_note_add(acting_user=cast.employer_contact, action=action, text="Not going ahead", status="cancelled")
    assert refused.value.message_dict == {"status": ["Only the people who manage the action can cancel it or take it up again"]}
    for who in ("other_employer_contact", "careers_leader", "teacher", "analyst", "enterprise_adviser"):
        with pytest.raises(PermissionDenied):
            services.action_note_add(acting_user=cast.users[who], action=action, text="Hello")
    services.action_note_add(acting_user=cast.enterprise_coordinator, action=action, text="The employer withdrew",
                             status="cancelled")
    action.refresh_from_db()
    assert action.status == "cancelled" and not action.is_overdue


def test_a_status_that_does_not_follow_is_refused_and_a_note_is_needed(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    services.action_note_add(acting_user=cast.hub_manager, action=action, text="Started", status="in_progress")
    with pytest.raises(ValidationError) as refused:
        services.action_note_add(acting_user=cast.hub_manager, action=action, text="", status="not_started")
    assert refused.value.message_dict == {
        "text": ["Enter what has happened"],
        "status": ["An action that is in progress cannot be marked not started"],
    }


def test_hub_staff_who_own_an_action_and_a_schools_careers_leader_report_progress(cast):
    owned = f.hub_action(cast.hub_manager, cast.partnership, [cast.other_school], owner=cast.enterprise_coordinator)
    assert not selectors.may_manage_action(cast.enterprise_coordinator, owned)
    assert selectors.may_report_progress(cast.enterprise_coordinator, owned)
    led = f.hub_action(cast.hub_manager, cast.partnership, [cast.other_school], owner=cast.school)
    assert selectors.may_report_progress(cast.careers_leader, led)
    services.action_note_add(acting_user=cast.careers_leader, action=led, text="We host the fair", status="in_progress")


# What each person sees -------------------------------------------------------------------------------
def test_who_sees_which_actions(cast, kiln):
    north = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="North")
    south = f.hub_action(cast.hub_manager, cast.partnership, [cast.other_school], owner=cast.other_school, title="South")
    own = f.school_action(cast.careers_leader, cast.school, title="Own")
    coordinated = f.hub_action(cast.hub_manager, cast.partnership, [cast.other_school], owner=cast.enterprise_coordinator,
                               title="Coordinated")

    def seen(who):
        return set(selectors.actions_visible_to(cast.users[who]).values_list("title", flat=True))

    everything = {"North", "South", "Own", "Coordinated"}
    assert seen("hub_manager") == seen("analyst") == everything
    assert seen("enterprise_coordinator") == {"North", "Own", "Coordinated"}, "their area hub's and what they own"
    assert seen("careers_leader") == seen("teacher") == {"North", "Own"}
    assert seen("other_careers_leader") == {"South", "Coordinated"}
    assert seen("enterprise_adviser") == {"North", "Own"}, "the matched school's"
    assert seen("employer_contact") == {"North"} and seen("other_employer_contact") == set()
    for who in ("young_person", "parent_carer", "mentor", "careers_adviser", "admin", "outsider"):
        assert seen(who) == set(), who
    assert {north, south, own, coordinated} == set(Action.objects.all())


def test_the_summary_counts_open_overdue_and_done_in_one_query(cast, kiln, django_assert_num_queries):
    f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="Late"))
    f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="On time")
    done = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="Done")
    services.action_note_add(acting_user=cast.hub_manager, action=done, text="Finished", status="done")
    f.make_overdue(done)
    user = cast.hub_manager
    user._assignments()
    with django_assert_num_queries(1):
        summary = selectors.action_summary(user)
    assert (summary.total, summary.open, summary.overdue, summary.done) == (3, 2, 1, 1)


def test_an_owner_that_is_no_longer_a_cornerstone_stays_the_owner_when_changed(cast, kiln):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    kiln.is_cornerstone = False
    kiln.save()
    _update(action, cast.hub_manager, title="Renamed", owner=services.Owner.of(kiln))
    action.refresh_from_db()
    assert action.title == "Renamed" and action.owner == kiln


def test_staff_of_another_partnership_are_not_hub_staff_here(cast):
    from careershub.network.tests.factories import PartnershipFactory

    elsewhere = PartnershipFactory(slug="elsewhere", name="Elsewhere Hub")
    stranger = UserFactory()
    RoleAssignmentFactory(user=stranger, role=Role.HUB_MANAGER, partnership=elsewhere)
    assert stranger not in selectors.hub_staff(cast.partnership)
    assert set(selectors.hub_staff(cast.partnership)) == {cast.hub_manager, cast.enterprise_coordinator}
    school = SchoolFactory(partnership=elsewhere)
    with pytest.raises(ValidationError):
        f.hub_action(cast.hub_manager, cast.partnership, [school], owner=f.cornerstone(EmployerFactory(partnership=cast.partnership)))
