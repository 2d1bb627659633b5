"""The menu's pages: searching and filtering, an opportunity's page for each kind of visitor, an
employer's own opportunities, drafting, submitting, withdrawing and the hub's review."""
import pytest
from django.urls import NoReverseMatch, reverse

from careershub.network.models import School
from careershub.opportunities.models import Application, Opportunity
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.opportunities.tests.matrix_menu import create_data, form_data
from careershub.opportunities.tests.menu_builders import MANCHESTER, NEWCASTLE, STOKE, future, locate, opportunity

pytestmark = pytest.mark.django_db
S = Opportunity.Status
MENU = "/opportunities/"


def titles(response) -> list[str]:
    return [row["opportunity"].title for row in response.context["rows"]]


def on_menu(cast, title, **overrides):
    return opportunity(cast, status=S.APPROVED, title=title, **overrides)


# The menu ------------------------------------------------------------------------------------------------
def test_a_young_person_sees_their_year_group_by_default_and_can_widen_it(cast, client_for):
    on_menu(cast, "Year 10 week")
    on_menu(cast, "Sixth form taster", year_group_from=12, year_group_to=13)
    opportunity(cast, title="Unapproved draft")
    client = client_for(cast.young_person)
    response = client.get(MENU)
    assert titles(response) == ["Year 10 week"]
    assert "Showing opportunities open to year 10, your year group." in " ".join(response.content.decode().split())
    widened = client.get(MENU + "?year_group=")
    assert sorted(titles(widened)) == ["Sixth form taster", "Year 10 week"]
    assert b"Showing opportunities for every year group" in widened.content


def test_staff_see_every_year_group_and_nothing_unapproved_or_ended(cast, client_for):
    on_menu(cast, "Year 10 week")
    on_menu(cast, "Sixth form taster", year_group_from=12, year_group_to=13)
    on_menu(cast, "Last year's week", starts_on=future(-30), ends_on=future(-26), applications_close_on=future(-40))
    for status in (S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN):
        opportunity(cast, status=status, title=f"Not on the menu: {status}")
    response = client_for(cast.careers_leader).get(MENU)
    assert sorted(titles(response)) == ["Sixth form taster", "Year 10 week"]


def test_search_and_filters(cast, client_for):
    on_menu(cast, "Engineering week", summary="Lathes and milling.", sic_section="C")
    on_menu(cast, "Hospital taster", kind="work_taster", sic_section="Q", summary="A day on the wards.",
            starts_on=future(100), ends_on=future(100), applications_close_on=future(90))
    on_menu(cast, "Online coding talk", kind="careers_talk", sic_section="J", online=True, postcode="", address="",
            employer=cast.other_employer)
    client = client_for(cast.hub_manager)

    def found(query):
        response = client.get(MENU + query)
        assert response.status_code == 200, response.context["filter_form"].errors
        return sorted(titles(response))

    assert found("?q=wards") == ["Hospital taster"]
    assert found("?q=kiln+coding") == ["Online coding talk"]  # the employer's name and the title
    assert found("?q=potteries") == ["Engineering week", "Hospital taster"]
    assert found("?sic_section=C") == ["Engineering week"]
    assert found("?kind=work_taster") == ["Hospital taster"]
    assert found(f"?date_from={future(90):%d/%m/%Y}") == ["Hospital taster"]
    assert found(f"?date_to={future(70):%d/%m/%Y}") == ["Engineering week", "Online coding talk"]
    assert found("?online_only=on") == ["Online coding talk"]
    assert found("?year_group=12") == []


def test_travel_distance_from_the_young_persons_school(cast, client_for):
    locate(STOKE, NEWCASTLE, MANCHESTER)
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")
    on_menu(cast, "Next door", postcode="ST5 1AA", latitude=NEWCASTLE[1], longitude=NEWCASTLE[2])
    on_menu(cast, "In Manchester", postcode="M1 1AE", latitude=MANCHESTER[1], longitude=MANCHESTER[2])
    on_menu(cast, "Somewhere unknown", postcode="ST9 9ZZ")
    on_menu(cast, "Online talk", online=True, postcode="", address="")
    client = client_for(cast.young_person)
    response = client.get(MENU + "?within=5")
    assert sorted(titles(response)) == ["Next door", "Online talk"]
    miles = {row["opportunity"].title: row["miles"] for row in response.context["rows"]}
    assert miles == {"Next door": 2.1, "Online talk": None}
    assert b"Travel distance from Northfield Academy" in response.content
    assert sorted(titles(client.get(MENU + "?within=20"))) == ["Next door", "Online talk"]
    assert len(titles(client.get(MENU))) == 4


def test_staff_choose_the_school_among_those_they_see(cast, client_for):
    locate(STOKE, NEWCASTLE)
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")
    School.objects.filter(pk=cast.other_school.pk).update(postcode="ST5 1AA")
    on_menu(cast, "Next door", postcode="ST5 1AA", latitude=NEWCASTLE[1], longitude=NEWCASTLE[2])
    coordinator = client_for(cast.enterprise_coordinator)
    response = coordinator.get(MENU + f"?within=2&school={cast.other_school.pk}")
    assert response.status_code == 400  # the other school is in another area hub
    assert "Select a school or college from the list" in response.context["filter_form"].errors["school"][0]
    response = coordinator.get(MENU + f"?within=5&school={cast.school.pk}")
    assert titles(response) == ["Next door"]
    response = coordinator.get(MENU + "?within=5")
    assert response.status_code == 400
    assert response.context["filter_form"].errors["school"] == ["Select the school or college to measure the distance from"]


def test_a_school_not_on_the_map_is_explained_beside_the_distance(cast, client_for):
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")  # no PostcodeLocation row
    response = client_for(cast.young_person).get(MENU + "?within=5")
    assert response.status_code == 400
    assert "We do not know where Northfield Academy is on the map yet" in response.context["filter_form"].errors["within"][0]


def test_filter_errors_are_shown_beside_the_fields_and_in_the_summary(cast, client_for):
    response = client_for(cast.teacher).get(MENU + "?date_from=31/02/2027&date_to=1/1/2027&kind=juggling")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert 'id="id_date_from-error"' in html and 'id="id_kind-error"' in html
    assert "Enter the first date as a real date" in html


def test_places_left_counts_accepted_applications(cast, client_for):
    week = on_menu(cast, "Engineering week", capacity=3)
    ApplicationFactory.create_batch(2, opportunity=week, status=Application.Status.ACCEPTED)
    ApplicationFactory(opportunity=week, status=Application.Status.SUBMITTED)
    response = client_for(cast.careers_leader).get(MENU)
    assert response.context["rows"][0]["places_left"] == 1
    assert "1 of 3" in response.content.decode()


@pytest.mark.parametrize("size", [3, 25])
def test_the_menu_makes_the_same_number_of_queries_however_long(cast, client_for, django_assert_max_num_queries, size):
    for n in range(size):
        week = on_menu(cast, f"Week {n}", employer=cast.employer if n % 2 else cast.other_employer)
        ApplicationFactory(opportunity=week, status=Application.Status.ACCEPTED)
    locate(STOKE)
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")
    client = client_for(cast.young_person)
    client.get(MENU)  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(MENU + "?within=20&year_group=").status_code == 200
    staff = client_for(cast.hub_manager)
    with django_assert_max_num_queries(14):
        assert staff.get(MENU + f"?within=20&school={cast.school.pk}").status_code == 200


def test_people_outside_the_partnership_are_refused_the_menu(cast, client_for):
    assert client_for(cast.outsider).get(MENU).status_code == 403
    assert client_for(cast.outsider).get(f"/opportunities/{on_menu(cast, 'Week').pk}/").status_code == 403


# An opportunity's page ----------------------------------------------------------------------------------
def apply_link(pk):
    try:
        return reverse("opportunities:apply", args=[pk])
    except NoReverseMatch:
        return None


def test_the_page_makes_the_day_concrete(cast, client_for):
    week = on_menu(cast, "Engineering week")
    html = " ".join(client_for(cast.parent_carer).get(week.get_absolute_url()).content.decode().split())
    for text in ("What you will do each day", "Monday: safety induction.", "What to bring", "Packed lunch",
                 "Who looks after you", "Your supervisor is <strong>Jo Patel</strong>", "Access", "Step-free access",
                 "Unit 4, Kiln Lane", "ST4 2RS", "9am to 3pm", "Year 10 to year 11", "4 of 4 left",
                 "6: Experiences of workplaces", "The employer chooses from applications"):
        assert text in html, text
    assert "Withdraw it" not in html and "History of the review" not in html


def test_a_young_person_in_the_year_range_is_offered_to_apply(cast, client_for):
    week = on_menu(cast, "Engineering week")
    response = client_for(cast.young_person).get(week.get_absolute_url())
    action = response.context["young_person_action"]
    assert action["kind"] == "apply"
    link = apply_link(week.pk)
    if link:
        assert f'href="{link}"'.encode() in response.content
    else:
        assert b"Ask your careers leader how to apply" in response.content


@pytest.mark.parametrize(("overrides", "reason"), [
    ({"year_group_from": 12, "year_group_to": 13}, "It is for year 12 to year 13"),
    ({"applications_close_on": future(-1), "starts_on": future(10), "ends_on": future(10)}, "Applications have closed."),
    ({"capacity": 0}, "Every place has been given."),
])
def test_a_young_person_is_told_why_they_cannot_apply(cast, client_for, overrides, reason):
    week = on_menu(cast, "Engineering week", **overrides)
    response = client_for(cast.young_person).get(week.get_absolute_url())
    assert response.context["young_person_action"]["kind"] == "closed"
    assert reason in response.content.decode()


def test_allocated_places_point_to_the_allocation_round(cast, client_for):
    week = on_menu(cast, "Allocated week", how_places_are_given="allocation")
    response = client_for(cast.young_person).get(week.get_absolute_url())
    assert response.context["young_person_action"]["kind"] == "allocation"
    assert b"allocated in a partnership allocation round" in response.content


def test_a_young_person_who_applied_sees_their_application(cast, client_for):
    week = on_menu(cast, "Engineering week")
    ApplicationFactory(opportunity=week, young_person=cast.young_person_record)
    response = client_for(cast.young_person).get(week.get_absolute_url())
    assert response.context["young_person_action"]["kind"] == "applied"
    assert b"You have applied for this" in response.content


def test_the_host_sees_status_history_and_what_is_missing(cast, client_for):
    draft = opportunity(cast, title="Draft week", what_to_bring="")
    response = client_for(cast.employer_contact).get(draft.get_absolute_url())
    html = response.content.decode()
    assert "Draft" in html and "Submit for approval" in html and "Change the details" in html
    assert "Enter what to bring" in html
    assert response.context["young_person_action"] is None


def test_drafts_are_hidden_from_everyone_but_the_host_and_hub_staff(cast, client_for):
    draft = opportunity(cast, title="Draft week")
    for person in (cast.young_person, cast.other_employer_contact, cast.careers_leader, cast.analyst):
        assert client_for(person).get(draft.get_absolute_url()).status_code == 404
    for person in (cast.employer_contact, cast.hub_manager, cast.enterprise_coordinator):
        assert client_for(person).get(draft.get_absolute_url()).status_code == 200


# Hosting -----------------------------------------------------------------------------------------------
def test_an_employer_sees_their_own_in_every_status_with_application_counts(cast, client_for,
                                                                            django_assert_max_num_queries):
    week = opportunity(cast, status=S.APPROVED, title="Approved week")
    ApplicationFactory.create_batch(3, opportunity=week)
    opportunity(cast, title="Draft week")
    opportunity(cast, status=S.RETURNED, title="Returned week")
    OpportunityFactory(employer=cast.other_employer, title="Someone else's")
    client = client_for(cast.employer_contact)
    client.get("/opportunities/ours/")
    with django_assert_max_num_queries(8):
        response = client.get("/opportunities/ours/")
    rows = {row["opportunity"].title: row["opportunity"].applications_total for row in response.context["rows"]}
    assert rows == {"Approved week": 3, "Draft week": 0, "Returned week": 0}
    assert b"Returned for changes" in response.content and b"Create an opportunity" in response.content
    assert client_for(cast.careers_leader).get("/opportunities/ours/").status_code == 403


# Drafting ----------------------------------------------------------------------------------------------
def test_an_employer_contact_drafts_one_for_their_employer(cast, client_for):
    client = client_for(cast.employer_contact)
    page = client.get("/opportunities/new/?kind=work_taster")
    html = page.content.decode()
    assert "About" in html and "Who it is for" in html and "Safeguarding and access" in html
    assert 'name="host"' not in html  # one employer: no choice to make
    assert page.context["form"]["benchmarks"].value() == [6]
    response = client.post("/opportunities/new/", form_data(cast))
    created = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.employer == cast.employer and created.status == S.DRAFT and created.benchmarks == [6]


def test_hub_staff_choose_the_host_including_providers(cast, client_for):
    client = client_for(cast.hub_manager)
    assert b"Open Doors Mentoring" in client.get("/opportunities/new/").content
    data = {**form_data(cast), "host": f"provider:{cast.provider.pk}", "kind": "education_encounter"}
    assert client.post("/opportunities/new/", data).status_code == 302
    assert Opportunity.objects.get().provider == cast.provider
    # Another employer's contact creates for their own employer, whatever host the form is sent with.
    assert client_for(cast.other_employer_contact).post("/opportunities/new/", create_data(cast)).status_code == 302
    assert not Opportunity.objects.filter(employer=cast.employer).exists()
    assert Opportunity.objects.filter(employer=cast.other_employer).exists()


def test_form_errors_are_beside_the_fields_and_in_the_summary(cast, client_for):
    data = {**form_data(cast), "title": "", "ends_on": future(1).strftime("%d/%m/%Y"), "year_group_to": "9"}
    response = client_for(cast.employer_contact).post("/opportunities/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    for name in ("title", "ends_on", "year_group_to"):
        assert f'id="id_{name}-error"' in html
    assert "The end date must be the same as or after the start date" in html
    assert not Opportunity.objects.exists()
    assert client_for(cast.careers_leader).get("/opportunities/new/").status_code == 403


def test_editing_a_draft_and_refusing_what_cannot_change(cast, client_for):
    draft = opportunity(cast, title="Draft week")
    client = client_for(cast.employer_contact)
    assert client.get(f"/opportunities/{draft.pk}/edit/").context["form"]["title"].value() == "Draft week"
    response = client.post(f"/opportunities/{draft.pk}/edit/", {**form_data(cast), "title": "Renamed week"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Renamed week"
    waiting = opportunity(cast, status=S.SUBMITTED)
    assert client.get(f"/opportunities/{waiting.pk}/edit/").status_code == 302
    assert client_for(cast.other_employer_contact).get(f"/opportunities/{draft.pk}/edit/").status_code == 404
    approved = on_menu(cast, "Approved week")
    assert client_for(cast.other_employer_contact).get(f"/opportunities/{approved.pk}/edit/").status_code == 403


def test_changing_an_approved_one_in_substance_says_it_goes_back_for_approval(cast, client_for):
    approved = on_menu(cast, "Approved week")
    client = client_for(cast.employer_contact)
    response = client.post(f"/opportunities/{approved.pk}/edit/", {**form_data(cast), "title": "New title"},
                           follow=True)
    assert b"off the menu until the hub approves it again" in response.content
    approved.refresh_from_db()
    assert approved.status == S.SUBMITTED


# Submitting and withdrawing ------------------------------------------------------------------------------
def test_submitting_asks_for_confirmation_then_submits(cast, client_for):
    draft = opportunity(cast, title="Draft week")
    client = client_for(cast.employer_contact)
    page = client.get(f"/opportunities/{draft.pk}/submit/")
    assert page.status_code == 200 and b"Check the details, then submit them for approval" in page.content
    draft.refresh_from_db()
    assert draft.status == S.DRAFT
    assert client.post(f"/opportunities/{draft.pk}/submit/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED


def test_an_incomplete_draft_lists_what_is_missing_instead_of_submitting(cast, client_for):
    draft = opportunity(cast, supervisor_name="")
    client = client_for(cast.employer_contact)
    page = client.get(f"/opportunities/{draft.pk}/submit/")
    assert b"Enter the name of the supervisor" in page.content and b"Submit for approval</button>" not in page.content
    response = client.post(f"/opportunities/{draft.pk}/submit/")
    assert response.status_code == 400 and b"There is a problem" in response.content
    assert client_for(cast.other_employer_contact).post(f"/opportunities/{draft.pk}/submit/").status_code == 404


def test_withdrawing_from_the_page(cast, client_for):
    approved = on_menu(cast, "Approved week")
    ApplicationFactory(opportunity=approved)
    client = client_for(cast.employer_contact)
    page = client.get(f"/opportunities/{approved.pk}/withdraw/")
    assert b"1 young person has applied" in page.content
    refused = client.post(f"/opportunities/{approved.pk}/withdraw/", {"reason": ""})
    assert refused.status_code == 400 and b'id="id_reason-error"' in refused.content
    assert client.post(f"/opportunities/{approved.pk}/withdraw/", {"reason": "Closed for repairs"}).status_code == 302
    approved.refresh_from_db()
    assert approved.status == S.WITHDRAWN
    assert client_for(cast.careers_leader).post(f"/opportunities/{approved.pk}/withdraw/").status_code == 403


# The review -----------------------------------------------------------------------------------------------
def test_the_review_queue_lists_the_longest_waiting_first(cast, client_for, django_assert_max_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    older = opportunity(cast, status=S.SUBMITTED, title="Older", submitted_at=timezone.now() - timedelta(days=5))
    opportunity(cast, status=S.SUBMITTED, title="Newer", submitted_at=timezone.now())
    opportunity(cast, status=S.SUBMITTED, title="Third", employer=cast.other_employer, submitted_at=timezone.now())
    client = client_for(cast.enterprise_coordinator)
    client.get("/opportunities/approvals/")
    with django_assert_max_num_queries(8):
        response = client.get("/opportunities/approvals/")
    assert [row["opportunity"].title for row in response.context["rows"]][:2] == ["Older", "Newer"]
    assert b"5 days" in response.content and older.title.encode() in response.content
    for person in (cast.employer_contact, cast.careers_leader, cast.analyst):
        assert client_for(person).get("/opportunities/approvals/").status_code == 403


def test_approving_and_returning_from_the_review_page(cast, client_for):
    first = opportunity(cast, status=S.SUBMITTED, title="First")
    second = opportunity(cast, status=S.SUBMITTED, title="Second")
    client = client_for(cast.hub_manager)
    assert client.post(f"/opportunities/{first.pk}/review/", {"decision": "approve"}).status_code == 302
    first.refresh_from_db()
    assert first.status == S.APPROVED
    missing = client.post(f"/opportunities/{second.pk}/review/", {"decision": "return", "reason": ""})
    assert missing.status_code == 400 and b'id="id_reason-error"' in missing.content
    assert b"Enter what the host needs to change" in missing.content
    client.post(f"/opportunities/{second.pk}/review/", {"decision": "return", "reason": "Add the times"})
    second.refresh_from_db()
    assert (second.status, second.return_reason) == (S.RETURNED, "Add the times")
    host_page = client_for(cast.employer_contact).get(second.get_absolute_url())
    assert b"Add the times" in host_page.content and b"History of the review" in host_page.content
    assert client_for(cast.employer_contact).get(f"/opportunities/{second.pk}/review/").status_code == 403


def test_an_incomplete_submission_cannot_be_approved(cast, client_for):
    waiting = opportunity(cast, status=S.SUBMITTED, starts_on=future(-1), ends_on=future(2),
                          applications_close_on=future(-3))
    response = client_for(cast.hub_manager).post(f"/opportunities/{waiting.pk}/review/", {"decision": "approve"})
    assert response.status_code == 400 and b"It cannot be approved: The start date must be in the future" in response.content
