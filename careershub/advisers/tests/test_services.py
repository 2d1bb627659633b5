import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.advisers import services
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.core.models import AuditEntry
from careershub.network.models import GrowthSector, School
from careershub.network.tests.factories import EmployerFactory, PartnershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def north_school(cast):
    return SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Moorside College")


@pytest.fixture
def free_adviser(cast):
    return EnterpriseAdviserFactory(
        partnership=cast.partnership, employer=cast.employer, area_hub=cast.area_hub, name="Priya Shah", capacity=2,
    )


def current_of(school):
    return AdviserMatch.objects.filter(school=school, ended_on__isnull=True)


# Matching ------------------------------------------------------------------------------------
def test_a_match_stores_the_explanation_and_who_matched_and_is_audited(cast, north_school, free_adviser):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing", priority=1)
    match = services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=free_adviser)
    assert match.is_current and match.started_on == timezone.localdate()
    assert match.matched_by == cast.hub_manager
    assert match.explanation == (
        "Same area hub (North); employer in priority growth sector 1 Advanced manufacturing; supports 0 of 2 schools"
    )
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MATCH)
    assert entry.actor == cast.hub_manager
    assert (entry.subject_type, entry.subject_id) == ("advisers.advisermatch", str(match.pk))
    assert "Matched Priya Shah" in entry.summary and "Moorside College" in entry.summary


def test_a_school_with_an_adviser_cannot_have_a_second_one(cast, free_adviser):
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.hub_manager, school=cast.school, adviser=free_adviser)
    assert refused.value.code == "school_has_adviser"
    assert "Northfield Academy already has an enterprise adviser: Adviser" in refused.value.messages[0]
    assert "1 September 2026" in refused.value.messages[0]
    assert current_of(cast.school).count() == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.MATCH).exists()


def test_two_people_matching_the_same_school_at_once_get_a_clear_refusal(cast, north_school, free_adviser, monkeypatch):
    """The check passes for both, the database's constraint stops the second insert; the service
    turns that into the same clear refusal instead of a server error."""
    other = EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.other_employer, area_hub=cast.area_hub)
    services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=other)
    real_current_match = services._current_match
    calls = []

    def stale_check(school):
        calls.append(school)
        return None if len(calls) == 1 else real_current_match(school)  # the first check ran before the other save

    monkeypatch.setattr(services, "_current_match", stale_check)
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.enterprise_coordinator, school=north_school, adviser=free_adviser)
    assert refused.value.code == "school_has_adviser"
    assert f"already has an enterprise adviser: {other.name}" in refused.value.messages[0]
    assert list(current_of(north_school).values_list("adviser", flat=True)) == [other.pk]
    # The transaction is still usable after the refused insert.
    assert AdviserMatch.objects.filter(adviser=free_adviser).count() == 0


def test_the_database_itself_refuses_two_current_advisers(cast, free_adviser):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdviserMatch.objects.create(adviser=free_adviser, school=cast.school, started_on=timezone.localdate())


def test_an_adviser_cannot_exceed_their_capacity(cast, north_school):
    full = cast.enterprise_adviser_record  # capacity 1, matched with cast.school
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=full)
    assert refused.value.code == "no_spare_capacity"
    assert refused.value.messages == [
        f"{full.name} already supports 1 of 1 school, their capacity. Choose another adviser, or raise their capacity first."
    ]
    assert not current_of(north_school).exists()


def test_capacity_counts_only_current_matches(cast, north_school):
    adviser = cast.enterprise_adviser_record
    services.match_end(acting_user=cast.hub_manager, match=current_of(cast.school).get(), reason="Changed jobs")
    match = services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=adviser)
    assert match.adviser == adviser


def test_inactive_advisers_and_schools_that_have_not_joined_are_refused(cast, north_school, free_adviser):
    free_adviser.is_active = False
    free_adviser.save()
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=free_adviser)
    assert refused.value.code == "adviser_inactive"

    target = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, status=School.Status.TARGET,
                           name="Hill Top School")
    active = EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.employer, area_hub=cast.area_hub)
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.hub_manager, school=target, adviser=active)
    assert refused.value.code == "school_not_engaged"
    assert refused.value.messages[0].startswith("Hill Top School has not joined the network (its status is target)")


def test_an_adviser_of_another_partnership_is_refused(cast, north_school):
    elsewhere = PartnershipFactory(slug="elsewhere", name="Elsewhere Careers Hub")
    stranger = EnterpriseAdviserFactory(partnership=elsewhere, employer=EmployerFactory(partnership=elsewhere))
    with pytest.raises(ValidationError) as refused:
        services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=stranger)
    assert refused.value.code == "other_partnership"


# Ending matches ------------------------------------------------------------------------------
def test_ending_a_match_keeps_it_as_history_and_frees_the_school(cast, free_adviser):
    match = current_of(cast.school).get()
    ended = services.match_end(acting_user=cast.enterprise_coordinator, match=match, reason="  Changed jobs  ")
    assert ended.ended_on == timezone.localdate() and ended.end_reason == "Changed jobs"
    assert not ended.is_current
    assert AdviserMatch.objects.filter(school=cast.school).count() == 1  # kept
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, subject_id=str(match.pk))
    assert entry.actor == cast.enterprise_coordinator
    assert "Ended the match" in entry.summary and "Changed jobs" in entry.summary

    again = services.match_create(acting_user=cast.hub_manager, school=cast.school, adviser=free_adviser)
    history = list(AdviserMatch.objects.filter(school=cast.school).order_by("pk"))
    assert [m.adviser for m in history] == [cast.enterprise_adviser_record, free_adviser]
    assert [m.is_current for m in history] == [False, True]
    assert again.is_current


def test_ending_needs_a_reason_and_a_current_match(cast):
    match = current_of(cast.school).get()
    with pytest.raises(ValidationError) as refused:
        services.match_end(acting_user=cast.hub_manager, match=match, reason="   ")
    assert refused.value.message_dict == {"reason": ["Enter the reason"]}
    with pytest.raises(ValidationError):
        services.match_end(acting_user=cast.hub_manager, match=match, reason="x" * 201)
    services.match_end(acting_user=cast.hub_manager, match=match, reason="Changed jobs")
    with pytest.raises(ValidationError) as refused:
        services.match_end(acting_user=cast.hub_manager, match=match, reason="Again")
    assert refused.value.code == "match_already_ended"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).count() == 1


def test_an_end_date_must_fall_between_the_start_and_today(cast):
    match = current_of(cast.school).get()
    match.started_on = timezone.localdate() - datetime.timedelta(days=30)
    match.save()
    with pytest.raises(ValidationError) as refused:
        services.match_end(acting_user=cast.hub_manager, match=match, reason="x",
                           ended_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "today or in the past" in refused.value.message_dict["ended_on"][0]
    with pytest.raises(ValidationError) as refused:
        services.match_end(acting_user=cast.hub_manager, match=match, reason="x",
                           ended_on=match.started_on - datetime.timedelta(days=1))
    assert "on or after the match started" in refused.value.message_dict["ended_on"][0]
    week_ago = timezone.localdate() - datetime.timedelta(days=7)
    assert services.match_end(acting_user=cast.hub_manager, match=match, reason="x", ended_on=week_ago).ended_on == week_ago


# Advisers ------------------------------------------------------------------------------------
def test_creating_an_adviser_links_their_account_and_is_audited(cast):
    person = UserFactory(username="olu", email="Olu.Ade@example.org")
    RoleAssignmentFactory(user=person, role=Role.ENTERPRISE_ADVISER, partnership=cast.partnership, employer=cast.other_employer)
    adviser = services.adviser_create(
        acting_user=cast.hub_manager, employer=cast.other_employer, name=" Olu Ade ", email="olu.ade@example.org",
        area_hub=cast.other_area_hub, capacity=2,
    )
    assert (adviser.name, adviser.partnership, adviser.user, adviser.capacity) == ("Olu Ade", cast.partnership, person, 2)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE)
    assert entry.summary == "Added enterprise adviser Olu Ade (Kiln Logistics Ltd)"


def test_an_account_is_not_linked_without_the_role_at_that_employer(cast):
    UserFactory(username="olu", email="olu@example.org")
    adviser = services.adviser_create(
        acting_user=cast.hub_manager, employer=cast.other_employer, name="Olu", email="olu@example.org", area_hub=None,
    )
    assert adviser.user is None


def test_an_email_already_used_by_an_adviser_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.adviser_create(
            acting_user=cast.hub_manager, employer=cast.other_employer, name="Someone",
            email=cast.enterprise_adviser_record.email.upper(), area_hub=None,
        )
    name = cast.enterprise_adviser_record.name
    assert refused.value.message_dict == {"email": [f"{name} already uses this email address as an enterprise adviser"]}


def test_an_area_hub_of_another_partnership_is_refused(cast):
    elsewhere = PartnershipFactory(slug="elsewhere", name="Elsewhere")
    from careershub.network.tests.factories import AreaHubFactory

    hub = AreaHubFactory(partnership=elsewhere, name="Far")
    with pytest.raises(ValidationError) as refused:
        services.adviser_create(acting_user=cast.hub_manager, employer=cast.employer, name="A", email="a@example.org",
                                area_hub=hub)
    assert "Far is not an area hub" in refused.value.message_dict["area_hub"][0]
    assert not EnterpriseAdviser.objects.filter(email="a@example.org").exists()


def _details(adviser, **changes):
    details = {"employer": adviser.employer, "name": adviser.name, "email": adviser.email,
               "area_hub": adviser.area_hub, "capacity": adviser.capacity, "is_active": adviser.is_active}
    details.update(changes)
    return details


def test_updating_records_what_changed(cast):
    adviser = cast.enterprise_adviser_record
    changes = _details(adviser, capacity=3, area_hub=cast.other_area_hub)
    services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **changes)
    adviser.refresh_from_db()
    assert (adviser.capacity, adviser.area_hub) == (3, cast.other_area_hub)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.summary == f"Changed enterprise adviser {adviser.name}: area hub from North to South; capacity from 1 to 3"


def test_saving_without_changes_leaves_no_entry(cast):
    adviser = cast.enterprise_adviser_record
    services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser))
    assert not AuditEntry.objects.exists()


def test_capacity_cannot_drop_below_the_schools_supported_now(cast, north_school):
    adviser = cast.enterprise_adviser_record
    services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser, capacity=2))
    services.match_create(acting_user=cast.hub_manager, school=north_school, adviser=adviser)
    with pytest.raises(ValidationError) as refused:
        services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser, capacity=1))
    assert refused.value.message_dict["capacity"] == [
        f"{adviser.name} supports 2 schools now, so capacity must be at least 2. End a match first to lower it."
    ]
    adviser.refresh_from_db()
    assert adviser.capacity == 2


def test_an_adviser_with_schools_is_deactivated_through_deactivate_not_by_unticking(cast):
    adviser = cast.enterprise_adviser_record
    with pytest.raises(ValidationError) as refused:
        services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser, is_active=False))
    assert "Use ‘Deactivate’ instead" in refused.value.message_dict["is_active"][0]
    adviser.refresh_from_db()
    assert adviser.is_active


def test_deactivating_ends_current_matches_with_the_reason(cast):
    adviser = cast.enterprise_adviser_record
    ended = services.adviser_deactivate(acting_user=cast.hub_manager, adviser=adviser, reason="Retired")
    adviser.refresh_from_db()
    assert not adviser.is_active
    [match] = ended
    match.refresh_from_db()
    assert match.ended_on == timezone.localdate() and match.end_reason == "Adviser deactivated: Retired"
    summaries = list(AuditEntry.objects.order_by("pk").values_list("summary", flat=True))
    assert summaries[-1] == f"Deactivated enterprise adviser {adviser.name}: Retired (ended 1 school)"
    with pytest.raises(ValidationError) as refused:
        services.adviser_deactivate(acting_user=cast.hub_manager, adviser=adviser, reason="Again")
    assert refused.value.code == "already_inactive"
    # Reactivating through an edit works once they have no schools.
    services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser, is_active=True))
    adviser.refresh_from_db()
    assert adviser.is_active


def test_refusals_carry_a_code_whether_or_not_they_name_a_field(cast):
    adviser = cast.enterprise_adviser_record
    with pytest.raises(ValidationError) as refused:
        services.adviser_update(acting_user=cast.hub_manager, adviser=adviser, **_details(adviser, is_active=False))
    assert services.code_of(refused.value) == "still_matched" and services.is_conflict(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.match_end(acting_user=cast.hub_manager, match=current_of(cast.school).get(), reason="")
    assert not services.is_conflict(refused.value)


# Real concurrency (PostgreSQL, where two requests truly write at once; SQLite runs writes one at a time)
def _run_together(*calls):
    """Run each call in its own thread and database connection; return each result or exception."""
    import threading

    from django.db import connections

    results = [None] * len(calls)

    def run(i, call):
        try:
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - handed back to the test to inspect
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _needs_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises write transactions")


@pytest.mark.django_db(transaction=True)
def test_two_people_matching_one_school_at_the_same_moment(cast, monkeypatch):
    import threading

    _needs_postgresql()
    school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)
    first = EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.employer)
    second = EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.other_employer)
    both_checked = threading.Barrier(2, timeout=10)
    real_current_match = services._current_match
    checks = {"n": 0}

    def check_then_wait(s):
        found = real_current_match(s)
        checks["n"] += 1
        if checks["n"] <= 2:
            both_checked.wait()  # both have seen "no adviser" before either saves
        return found

    monkeypatch.setattr(services, "_current_match", check_then_wait)
    results = _run_together(
        lambda: services.match_create(acting_user=cast.hub_manager, school=school, adviser=first),
        lambda: services.match_create(acting_user=cast.enterprise_coordinator, school=school, adviser=second),
    )
    matches = [r for r in results if isinstance(r, AdviserMatch)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(matches) == 1 and len(refusals) == 1, results
    assert refusals[0].code == "school_has_adviser"
    assert AdviserMatch.objects.filter(school=school, ended_on__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_schools_taking_an_advisers_last_place_at_the_same_moment(cast):
    _needs_postgresql()
    adviser = EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.employer, capacity=1)
    schools = [SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub) for _ in range(2)]
    results = _run_together(*[
        (lambda s=s: services.match_create(acting_user=cast.hub_manager, school=s, adviser=adviser)) for s in schools
    ])
    assert sorted(type(r).__name__ for r in results) == ["AdviserMatch", "ValidationError"], results
    assert [r.code for r in results if isinstance(r, ValidationError)] == ["no_spare_capacity"]
    assert AdviserMatch.objects.filter(adviser=adviser, ended_on__isnull=True).count() == 1
