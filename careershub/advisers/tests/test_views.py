"""The adviser pages as people use them. Who may open each page is in matrix.py."""
import pytest
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.core.models import AuditEntry
from careershub.network.models import GrowthSector, School
from careershub.network.tests.factories import EmployerFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def sectors(cast):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing", priority=1)
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="Q", label="Health and social care", priority=2)


def make_adviser(cast, name, *, hub=None, sector="C", capacity=1, **kwargs):
    employer = EmployerFactory(partnership=cast.partnership, sic_section=sector)
    return EnterpriseAdviserFactory(partnership=cast.partnership, employer=employer, name=name, area_hub=hub,
                                    capacity=capacity, **kwargs)


# The list ------------------------------------------------------------------------------------
def test_the_list_filters_by_area_hub_employer_matched_and_status(cast, client_for):
    make_adviser(cast, "Nadia North", hub=cast.area_hub)
    make_adviser(cast, "Sam South", hub=cast.other_area_hub, is_active=False)
    client = client_for(cast.analyst)
    page = text(client.get("/advisers/"))
    assert "3 advisers" in page and "Nadia North" in page and "Sam South" in page
    page = text(client.get(f"/advisers/?area_hub={cast.other_area_hub.pk}"))
    assert "1 adviser matching the filters" in page and "Sam South" in page and "Nadia North" not in page
    page = text(client.get("/advisers/?matched=yes"))
    assert cast.enterprise_adviser_record.name in page and "Nadia North" not in page
    page = text(client.get("/advisers/?matched=no&active=yes"))
    assert "Nadia North" in page and "Sam South" not in page and cast.enterprise_adviser_record.name not in page
    page = text(client.get(f"/advisers/?employer={cast.employer.pk}"))
    assert "1 adviser matching" in page and cast.enterprise_adviser_record.name in page
    assert "Add an enterprise adviser" not in page  # analysts only read


def test_a_bad_filter_gets_a_clear_error(cast, client_for):
    response = client_for(cast.hub_manager).get("/advisers/?area_hub=999999&matched=perhaps")
    page = text(response)
    assert "<title>Error: Enterprise advisers" in page
    assert "Select an area hub from the list" in page and "Select matched, not matched or any" in page


def test_the_list_pages_at_fifty_and_keeps_the_filters(cast, client_for):
    for n in range(55):
        make_adviser(cast, f"Volunteer {n:02d}", hub=cast.area_hub)
    client = client_for(cast.hub_manager)
    first = text(client.get(f"/advisers/?area_hub={cast.area_hub.pk}"))
    assert "56 advisers matching the filters" in first and 'aria-label="Page 2"' in first
    assert f"?area_hub={cast.area_hub.pk}&amp;page=2" in first
    second = text(client.get(f"/advisers/?area_hub={cast.area_hub.pk}&page=2"))
    assert "Volunteer 54" in second and "Volunteer 00" not in second


@pytest.mark.parametrize("advisers", [3, 40])
def test_the_list_uses_the_same_queries_however_many_advisers(cast, client_for, django_assert_max_num_queries, advisers):
    for n in range(advisers):
        adviser = make_adviser(cast, f"Volunteer {n}", hub=cast.area_hub, capacity=2)
        AdviserMatch.objects.create(adviser=adviser, school=SchoolFactory(partnership=cast.partnership), started_on="2026-09-01")
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(8):
        assert client.get("/advisers/?matched=yes").status_code == 200


# Detail --------------------------------------------------------------------------------------
def test_the_detail_shows_the_match_history_with_reasons(cast, client_for):
    adviser = cast.enterprise_adviser_record
    old = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Old Road School")
    AdviserMatch.objects.create(adviser=adviser, school=old, started_on="2025-09-01", ended_on="2026-07-20",
                                end_reason="School closed", explanation="Same area hub (North)")
    page = text(client_for(cast.enterprise_coordinator).get(f"/advisers/{adviser.pk}/"))
    assert "Match history" in page and "Old Road School" in page and "20 Jul 2026" in page
    assert "Ended: School closed" in page and "Matched: Same area hub (North)" in page
    assert "End match<span class=\"govuk-visually-hidden\"> with Northfield Academy" in page
    assert "Change details" in page and "Deactivate" in page


def test_a_coordinator_reads_but_cannot_change_an_adviser_based_elsewhere(cast, client_for):
    south = make_adviser(cast, "Sam South", hub=cast.other_area_hub, capacity=2)
    AdviserMatch.objects.create(adviser=south, school=cast.other_school, started_on="2026-09-01")
    client = client_for(cast.enterprise_coordinator)
    page = text(client.get(f"/advisers/{south.pk}/"))
    assert "Sam South" in page and "Change details" not in page and "End match" not in page
    assert client.get(f"/advisers/{south.pk}/edit/").status_code == 403
    assert client.post(f"/advisers/{south.pk}/deactivate/", {"reason": "x"}).status_code == 403
    south.refresh_from_db()
    assert south.is_active


# Create, edit, deactivate --------------------------------------------------------------------
def test_a_hub_manager_adds_an_adviser(cast, client_for):
    client = client_for(cast.hub_manager)
    response = client.post("/advisers/new/", {
        "name": "Grace Obi", "email": "grace.obi@example.org", "employer": cast.other_employer.pk,
        "area_hub": cast.other_area_hub.pk, "capacity": "2", "is_active": "on",
    })
    adviser = EnterpriseAdviser.objects.get(email="grace.obi@example.org")
    assert response.status_code == 302 and response["Location"] == f"/advisers/{adviser.pk}/"
    assert (adviser.employer, adviser.area_hub, adviser.capacity, adviser.is_active) == (
        cast.other_employer, cast.other_area_hub, 2, True)
    assert "Grace Obi has been added" in text(client.get(response["Location"]))


def test_mistakes_on_the_form_are_named_and_nothing_is_saved(cast, client_for):
    response = client_for(cast.hub_manager).post("/advisers/new/", {
        "name": "", "email": "not-an-email", "employer": "", "capacity": "0",
    })
    page = text(response)
    assert response.status_code == 400
    assert "<title>Error: Add an enterprise adviser" in page
    for message in ("Enter the adviser&#x27;s full name", "Enter an email address in the correct format",
                    "Select the adviser&#x27;s employer", "Capacity must be at least 1 school"):
        assert message in page
    assert EnterpriseAdviser.objects.count() == 1


def test_a_coordinator_adds_advisers_to_their_own_area_hubs_only(cast, client_for):
    client = client_for(cast.enterprise_coordinator)
    form = text(client.get("/advisers/new/"))
    assert "You can add advisers to your own area hubs" in form
    assert ">North<" in form and ">South<" not in form
    details = {"name": "Ravi", "email": "ravi@example.org", "employer": cast.employer.pk, "capacity": "1"}
    refused = client.post("/advisers/new/", {**details, "area_hub": cast.other_area_hub.pk})
    assert refused.status_code == 400 and "Select an area hub from the list" in text(refused)
    missing = client.post("/advisers/new/", details)
    assert "Select the area hub the adviser works in" in text(missing)
    assert client.post("/advisers/new/", {**details, "area_hub": cast.area_hub.pk}).status_code == 302
    assert EnterpriseAdviser.objects.get(email="ravi@example.org").area_hub == cast.area_hub


def test_a_duplicate_email_is_refused_beside_the_field(cast, client_for):
    response = client_for(cast.hub_manager).post("/advisers/new/", {
        "name": "Again", "email": cast.enterprise_adviser_record.email, "employer": cast.employer.pk, "capacity": "1",
    })
    assert response.status_code == 400
    assert "already uses this email address" in text(response)


def test_editing_refuses_a_capacity_below_the_current_schools(cast, client_for):
    adviser = cast.enterprise_adviser_record
    client = client_for(cast.hub_manager)
    form = text(client.get(f"/advisers/{adviser.pk}/edit/"))
    assert f'value="{adviser.email}"' in form
    details = {"name": adviser.name, "email": adviser.email, "employer": adviser.employer_id,
               "area_hub": adviser.area_hub_id, "capacity": "3"}
    response = client.post(f"/advisers/{adviser.pk}/edit/", details)  # unticked: inactive
    assert response.status_code == 400 and "Use ‘Deactivate’ instead" in text(response)
    assert client.post(f"/advisers/{adviser.pk}/edit/", {**details, "is_active": "on"}).status_code == 302
    adviser.refresh_from_db()
    assert adviser.capacity == 3 and adviser.is_active


def test_deactivating_through_the_page_ends_the_matches(cast, client_for):
    adviser = cast.enterprise_adviser_record
    client = client_for(cast.hub_manager)
    confirm = text(client.get(f"/advisers/{adviser.pk}/deactivate/"))
    assert "This ends the match with:" in confirm and "Northfield Academy" in confirm
    empty = client.post(f"/advisers/{adviser.pk}/deactivate/", {"reason": ""})
    assert empty.status_code == 400 and "Enter why the adviser is leaving the network" in text(empty)
    response = client.post(f"/advisers/{adviser.pk}/deactivate/", {"reason": "Moved away"}, follow=True)
    assert "has been deactivated and their 1 current match has ended" in text(response)
    assert not AdviserMatch.objects.filter(school=cast.school, ended_on__isnull=True).exists()
    assert "already inactive" in text(client.get(f"/advisers/{adviser.pk}/deactivate/"))


# Schools without an adviser ------------------------------------------------------------------
def test_schools_without_an_adviser_are_listed_with_the_coverage(cast, client_for):
    SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Target Only School", status=School.Status.TARGET)
    former = make_adviser(cast, "Fay Former", hub=cast.other_area_hub)
    AdviserMatch.objects.create(adviser=former, school=cast.other_school, started_on="2025-01-06", ended_on="2026-03-31")
    page = text(client_for(cast.hub_manager).get("/advisers/schools-without-an-adviser/"))
    assert "1 of 2" in page and "engaged schools and colleges have an enterprise adviser" in page
    assert "1 engaged school without an adviser" in page
    assert "Southgate High" in page and "Fay Former, until 31 Mar 2026" in page
    assert f'/advisers/schools/{cast.other_school.pk}/' in page
    assert "Target Only School" not in page and "Northfield Academy" not in page


def test_a_coordinator_sees_their_own_area_hubs_schools_only(cast, client_for):
    SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Moorside College")
    page = text(client_for(cast.enterprise_coordinator).get("/advisers/schools-without-an-adviser/"))
    assert "Moorside College" in page and "Southgate High" not in page
    assert "1 of 2" in page


@pytest.mark.parametrize("schools", [3, 40])
def test_schools_without_an_adviser_use_the_same_queries_however_many(cast, client_for, django_assert_max_num_queries, schools):
    adviser = make_adviser(cast, "Fay Former", hub=cast.area_hub, capacity=50)
    for n in range(schools):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)
        AdviserMatch.objects.create(adviser=adviser, school=school, started_on="2025-01-06", ended_on="2026-03-31")
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(6):
        response = client.get("/advisers/schools-without-an-adviser/")
    assert f"{schools + 1} engaged schools without an adviser" in text(response)


# Matching ------------------------------------------------------------------------------------
def test_candidates_are_ranked_with_their_reasons(cast, client_for, sectors):
    make_adviser(cast, "Bo Elsewhere", hub=cast.area_hub, sector="F")
    make_adviser(cast, "Ada South", hub=cast.other_area_hub, sector="C")
    make_adviser(cast, "Cy Care", hub=cast.other_area_hub, sector="Q", capacity=2)
    make_adviser(cast, "Full Up", hub=cast.other_area_hub, sector="C", capacity=1)
    AdviserMatch.objects.create(adviser=EnterpriseAdviser.objects.get(name="Full Up"),
                                school=SchoolFactory(partnership=cast.partnership), started_on="2026-09-01")
    make_adviser(cast, "Ina Active", hub=cast.other_area_hub, is_active=False)
    page = text(client_for(cast.hub_manager).get(f"/advisers/schools/{cast.other_school.pk}/"))
    assert "3 candidate advisers, best first" in page
    positions = [page.index(name) for name in ("Ada South", "Cy Care", "Bo Elsewhere")]
    assert positions == sorted(positions)
    assert "Full Up" not in page and "Ina Active" not in page
    assert "Same area hub (South); employer in priority growth sector 1 Advanced manufacturing; supports 0 of 1 school" in page
    assert "Different area hub (North); employer not in a priority growth sector; supports 0 of 1 school" in page
    assert f'action="/advisers/schools/{cast.other_school.pk}/match/' in page


@pytest.mark.parametrize("advisers", [3, 40])
def test_the_candidates_page_uses_the_same_queries_however_many_advisers(cast, client_for, sectors,
                                                                           django_assert_max_num_queries, advisers):
    for n in range(advisers):
        make_adviser(cast, f"Volunteer {n}", hub=cast.other_area_hub if n % 2 else cast.area_hub, sector="CQF"[n % 3])
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(9):
        response = client.get(f"/advisers/schools/{cast.other_school.pk}/")
    assert f"{advisers} candidate advisers" in text(response)


def test_matching_one_step_from_the_candidates(cast, client_for, sectors):
    ada = make_adviser(cast, "Ada South", hub=cast.other_area_hub)
    client = client_for(cast.hub_manager)
    response = client.post(f"/advisers/schools/{cast.other_school.pk}/match/{ada.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/advisers/schools/{cast.other_school.pk}/"
    page = text(client.get(response["Location"]))
    assert "Ada South is now Southgate High’s enterprise adviser" in page
    assert "Current adviser" in page and "Candidate advisers" not in page
    match = AdviserMatch.objects.get(school=cast.other_school, ended_on__isnull=True)
    assert match.adviser == ada and match.matched_by == cast.hub_manager
    assert match.explanation.startswith("Same area hub (South)")


def test_matching_a_school_that_has_just_been_matched_explains_why_not(cast, client_for):
    ada = make_adviser(cast, "Ada South", hub=cast.other_area_hub)
    bo = make_adviser(cast, "Bo North", hub=cast.area_hub)
    client = client_for(cast.hub_manager)
    client.post(f"/advisers/schools/{cast.other_school.pk}/match/{ada.pk}/")
    response = client.post(f"/advisers/schools/{cast.other_school.pk}/match/{bo.pk}/")
    page = text(response)
    assert response.status_code == 409
    assert "<title>Error: Enterprise adviser for Southgate High" in page
    assert "There is a problem" in page and "Southgate High already has an enterprise adviser: Ada South" in page
    assert AdviserMatch.objects.filter(adviser=bo).count() == 0


def test_matching_a_full_adviser_explains_why_not(cast, client_for):
    response = client_for(cast.hub_manager).post(
        f"/advisers/schools/{cast.other_school.pk}/match/{cast.enterprise_adviser_record.pk}/")
    assert response.status_code == 409
    assert "already supports 1 of 1 school, their capacity" in text(response)


def test_a_coordinator_cannot_match_a_school_outside_their_area_hubs(cast, client_for):
    ada = make_adviser(cast, "Ada South", hub=cast.other_area_hub)
    client = client_for(cast.enterprise_coordinator)
    assert client.post(f"/advisers/schools/{cast.other_school.pk}/match/{ada.pk}/").status_code == 404
    assert not AdviserMatch.objects.filter(adviser=ada).exists()


def test_matching_is_a_post(cast, client_for):
    ada = make_adviser(cast, "Ada South", hub=cast.other_area_hub)
    assert client_for(cast.hub_manager).get(f"/advisers/schools/{cast.other_school.pk}/match/{ada.pk}/").status_code == 405


def test_a_school_that_has_not_joined_is_not_offered_candidates(cast, client_for):
    school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, status=School.Status.DECLINED,
                           name="No Thanks High")
    make_adviser(cast, "Ada", hub=cast.area_hub)
    page = text(client_for(cast.hub_manager).get(f"/advisers/schools/{school.pk}/"))
    assert "has not joined the network (its status is declined)" in page and "Candidate advisers" not in page


def test_ending_a_match_through_the_page(cast, client_for):
    match = AdviserMatch.objects.get(school=cast.school, ended_on__isnull=True)
    client = client_for(cast.enterprise_coordinator)
    form = text(client.get(f"/advisers/matches/{match.pk}/end/"))
    assert "Why is the match ending?" in form and "since 1 September 2026" in form
    empty = client.post(f"/advisers/matches/{match.pk}/end/", {"reason": ""})
    assert empty.status_code == 400 and "Enter why the match is ending" in text(empty)
    assert "<title>Error: " in text(empty)
    response = client.post(f"/advisers/matches/{match.pk}/end/", {"reason": "Adviser changed jobs"}, follow=True)
    page = text(response)
    assert "has ended. The school can now be matched with another adviser." in page
    assert "Candidate advisers" in page and "Past advisers" in page and "Adviser changed jobs" in page
    match.refresh_from_db()
    assert match.ended_on == timezone.localdate()
    again = client.post(f"/advisers/matches/{match.pk}/end/", {"reason": "Twice"})
    assert again.status_code == 400 and "already ended" in text(again)
    assert "This match ended on" in text(client.get(f"/advisers/matches/{match.pk}/end/"))
    assert AuditEntry.objects.filter(summary__startswith="Ended the match").count() == 1


# The enterprise adviser's home ---------------------------------------------------------------
def test_an_adviser_sees_their_schools_with_the_careers_leader_and_dates(cast, client_for):
    adviser = cast.enterprise_adviser_record
    adviser.capacity = 2
    adviser.save()
    AdviserMatch.objects.create(adviser=adviser, school=cast.other_school, started_on="2026-10-05")
    AdviserMatch.objects.create(adviser=adviser, school=SchoolFactory(partnership=cast.partnership, name="Past Park School"),
                                started_on="2024-09-02", ended_on="2025-07-18")
    page = text(client_for(cast.enterprise_adviser).get("/advisers/my-schools/"))
    leader = cast.careers_leader
    assert "Northfield Academy" in page and "Southgate High" in page
    assert leader.get_full_name() in page and f"mailto:{leader.email}" in page
    assert cast.other_careers_leader.get_full_name() in page
    assert "1 September 2026" in page and "5 October 2026" in page
    assert "Schools you supported before" in page and "Past Park School" in page and "18 Jul 2025" in page


def test_an_adviser_without_a_careers_leader_at_their_school_is_told_so(cast, client_for):
    cast.careers_leader.role_assignments.all().delete()
    page = text(client_for(cast.enterprise_adviser).get("/advisers/my-schools/"))
    assert "Not recorded yet" in page


def test_an_adviser_account_without_a_record_gets_guidance(cast, client_for):
    person = UserFactory(username="new_adviser")
    RoleAssignmentFactory(user=person, role=Role.ENTERPRISE_ADVISER, partnership=cast.partnership, employer=cast.employer)
    page = text(client_for(person).get("/advisers/my-schools/"))
    assert "not linked to an enterprise adviser record yet" in page


def test_the_advisers_home_uses_the_same_queries_however_many_schools(cast, client_for, django_assert_max_num_queries):
    adviser = cast.enterprise_adviser_record
    adviser.capacity = 20
    adviser.save()
    client = client_for(cast.enterprise_adviser)
    for n in range(12):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)
        AdviserMatch.objects.create(adviser=adviser, school=school, started_on="2026-09-01",
                                    ended_on=None if n % 2 else "2026-10-01")
        leader = UserFactory()
        RoleAssignmentFactory(user=leader, role=Role.CAREERS_LEADER, partnership=cast.partnership, school=school)
    with django_assert_max_num_queries(6):
        assert client.get("/advisers/my-schools/").status_code == 200


def test_the_adviser_pages_are_in_the_navigation_for_those_who_read_them(cast, client_for):
    nav = '<a class="govuk-service-navigation__link" href="/advisers/"'
    assert nav in text(client_for(cast.enterprise_coordinator).get("/network/dashboard/"))
    assert nav in text(client_for(cast.analyst).get("/network/dashboard/"))
    assert nav not in text(client_for(cast.enterprise_adviser).get("/advisers/my-schools/"))
