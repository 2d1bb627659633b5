"""The placement pages: who sees what, the checklist, each check's page, confirming and cancelling."""
import pytest
from django.urls import reverse

from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.opportunities import placing
from careershub.opportunities.tests.matrix_placements import amiras_placement, complete_checks
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(cast):
    return amiras_placement(cast)


def detail_url(placement):
    return reverse("opportunities:placement_detail", args=[placement.pk])


def check_url(placement, step):
    return reverse("opportunities:placement_check", args=[placement.pk, step])


def test_the_careers_leader_sees_the_checklist_with_each_status(cast, client_for, placement):
    response = client_for(cast.careers_leader).get(detail_url(placement))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-task-list" in html and "Placement for Amira Khan" in html
    assert html.count("Incomplete") == 5
    assert "Confirm the placement" in html
    assert check_url(placement, "parental-consent") in html  # consent on paper
    assert check_url(placement, "risk-assessment") not in html  # the host's to do


def test_the_host_sees_first_name_and_initial_and_consent_as_yes_or_no_only(cast, client_for, placement):
    complete_checks(placement, cast)
    response = client_for(cast.employer_contact).get(detail_url(placement))
    html = response.content.decode()
    assert "Amira K." in html and "Khan" not in html
    assert "Parveen" not in html and "07700" not in html, "no parent's name, no emergency number"
    assert "14 March 2011" not in html and cast.young_person_record.upn not in html
    assert cast.school.name not in html
    assert "Yes" in html
    assert "Confirm the placement" not in html


def test_outsiders_get_404_and_viewers_without_the_step_get_403(cast, client_for, placement):
    for user in (cast.other_careers_leader, cast.other_employer_contact, cast.outsider, cast.analyst, cast.mentor):
        assert client_for(user).get(detail_url(placement)).status_code == 404
    assert client_for(cast.teacher).get(check_url(placement, "risk-assessment")).status_code == 403
    assert client_for(cast.employer_contact).get(check_url(placement, "parental-consent")).status_code == 403
    assert client_for(cast.careers_leader).get(check_url(placement, "no-such-check")).status_code == 404


def test_confirming_with_checks_missing_shows_exactly_what_is_missing(cast, client_for, placement):
    response = client_for(cast.careers_leader).post(reverse("opportunities:placement_confirm", args=[placement.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "The placement cannot be confirmed yet" in html
    for message in ("Parental consent has not been given", "The employer has not confirmed its risk assessment",
                    "The supervisor&#x27;s safeguarding check has not been recorded", "No emergency contact has been given",
                    "The plan of the days has not been agreed by the young person or the employer"):
        assert message in html
    assert response.context["confirm_errors"][0] == "Parental consent has not been given"


def test_confirming_a_complete_placement(cast, client_for, placement):
    complete_checks(placement, cast)
    response = client_for(cast.careers_leader).post(reverse("opportunities:placement_confirm", args=[placement.pk]))
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CONFIRMED
    assert client_for(cast.teacher).post(reverse("opportunities:placement_confirm", args=[placement.pk])).status_code == 403


def test_the_parent_gives_consent_and_an_emergency_contact_on_the_page(cast, client_for, placement):
    client = client_for(cast.parent_carer)
    page = client.get(check_url(placement, "parental-consent"))
    assert "Give consent" in page.content.decode()
    assert client.post(check_url(placement, "parental-consent"), {"action": "consent"}).status_code == 400
    assert client.post(check_url(placement, "parental-consent"), {"action": "consent", "consent-confirm": "on"}).status_code == 302
    response = client.post(check_url(placement, "emergency-contact"),
                           {"action": "emergency", "contact-name": "Parveen Khan", "contact-phone": "not a number"})
    assert response.status_code == 400 and "Enter a phone number" in response.content.decode()
    client.post(check_url(placement, "emergency-contact"),
                {"action": "emergency", "contact-name": "Parveen Khan", "contact-phone": "07700 900982"})
    placement.refresh_from_db()
    assert placement.parental_consent_by == cast.parent_carer and placement.emergency_contact_phone == "07700 900982"
    assert client.post(check_url(placement, "parental-consent"), {"action": "consent_on_paper", "paper-confirm": "on"}).status_code == 403


def test_the_host_records_its_checks_and_an_expiring_check_is_named(cast, client_for, placement):
    client = client_for(cast.employer_contact)
    client.post(check_url(placement, "risk-assessment"), {"action": "risk", "risk-notes": "Guarding", "risk-confirm": "on"})
    response = client.post(check_url(placement, "supervisor-check"), {
        "action": "supervisor", "check-supervisor_name": "Jo Patel", "check-reference": "0012", "check-expires_on": "1/2/2027"})
    assert response.status_code == 302
    page = client.get(detail_url(placement)).content.decode()
    assert ("The supervisor&#x27;s safeguarding check expires on 1 February 2027, before the placement ends on "
            "19 February 2027") in page
    assert client.post(check_url(placement, "supervisor-check"),
                       {"action": "not_required", "waive-reason": "Never alone"}).status_code == 403


def test_the_host_changes_the_plan_and_both_must_agree_again(cast, client_for, placement):
    client_for(cast.young_person).post(check_url(placement, "plan"), {"action": "agree"})
    client = client_for(cast.employer_contact)
    client.post(check_url(placement, "plan"), {"action": "agree"})
    placement.refresh_from_db()
    assert placement.plan_agreed_by_young_person_at and placement.plan_agreed_by_host_at
    client.post(check_url(placement, "plan"), {"action": "plan", "plan-plan": "All week: the shop floor"})
    placement.refresh_from_db()
    assert placement.plan_agreed_by_young_person_at is None and placement.plan_agreed_by_host_at is None


def test_cancelling_with_a_reason(cast, client_for, placement):
    client = client_for(cast.careers_leader)
    assert client.post(reverse("opportunities:placement_cancel", args=[placement.pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("opportunities:placement_cancel", args=[placement.pk]),
                       {"reason": "Amira has moved school"}).status_code == 302
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CANCELLED
    assert client_for(cast.parent_carer).get(reverse("opportunities:placement_cancel", args=[placement.pk])).status_code == 403


def test_the_list_shows_what_is_missing_with_a_flat_query_count(cast, client_for, django_assert_max_num_queries):
    amiras_placement(cast)
    client = client_for(cast.careers_leader)
    with django_assert_max_num_queries(12) as few:
        first = client.get(reverse("opportunities:placements"))
    assert "Parental consent has not been given" in first.content.decode()
    opportunity = OpportunityFactory(employer=cast.employer, partnership=cast.partnership)
    for _ in range(3):
        application = ApplicationFactory(opportunity=opportunity, young_person=YoungPersonFactory(school=cast.school),
                                         status=Application.Status.ACCEPTED)
        placing.placement_for(application)
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = client.get(reverse("opportunities:placements"))
    assert many.context["page_obj"].paginator.count == 4


def test_the_host_list_shows_initials_and_other_schools_see_none(cast, client_for):
    amiras_placement(cast)
    html = client_for(cast.employer_contact).get(reverse("opportunities:placements")).content.decode()
    assert "Amira K." in html and "Amira Khan" not in html
    assert client_for(cast.other_careers_leader).get(reverse("opportunities:placements")).context["page_obj"].paginator.count == 0
    filtered = client_for(cast.careers_leader).get(reverse("opportunities:placements") + "?status=confirmed")
    assert filtered.context["page_obj"].paginator.count == 0
    assert client_for(cast.young_person).get(reverse("opportunities:placements")).status_code == 403
