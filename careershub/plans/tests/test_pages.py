import datetime

import pytest

from careershub.core.models import AuditEntry
from careershub.plans.models import GuidanceInterview

from .factories import GuidanceInterviewFactory


@pytest.mark.django_db
def test_the_adviser_records_an_interview_from_the_form(cast, client_for):
    client = client_for(cast.careers_adviser)
    url = f"/plans/guidance/young-people/{cast.young_person_record.pk}/new/"
    response = client.post(url, {"held_on": "3/11/2026", "format": "in_person", "discussed": "Options after 16",
                                 "step_1": "Book a college visit", "step_1_due_on": "1/12/2026"})
    interview = GuidanceInterview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/guidance/{interview.pk}/"
    assert interview.next_steps.get().text == "Book a college visit"


@pytest.mark.django_db
def test_errors_show_beside_the_fields_and_nothing_is_saved(cast, client_for):
    client = client_for(cast.careers_adviser)
    url = f"/plans/guidance/young-people/{cast.young_person_record.pk}/new/"
    response = client.post(url, {"held_on": "31/2/2026", "format": "in_person", "discussed": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Date of the interview must be a real date" in html
    assert "Enter what you talked about" in html
    assert 'id="id_held_on-error"' in html and "govuk-error-summary" in html
    assert not GuidanceInterview.objects.exists()


@pytest.mark.django_db
def test_the_record_page_shows_guidance_and_the_button_only_to_the_adviser(cast, client_for):
    GuidanceInterviewFactory(young_person=cast.young_person_record, adviser=cast.careers_adviser,
                             held_on=datetime.date(2026, 10, 7))
    page = client_for(cast.careers_adviser).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Guidance interview, 7 October 2026" in page and "Record a guidance interview" in page
    mine = client_for(cast.young_person).get("/young-people/me/").content.decode()
    assert "Guidance interview, 7 October 2026" in mine and "Record a guidance interview" not in mine


@pytest.mark.django_db
def test_staff_views_of_an_interview_are_logged_but_the_young_persons_own_are_not(cast, client_for):
    interview = GuidanceInterviewFactory(young_person=cast.young_person_record, adviser=cast.careers_adviser)
    client_for(cast.careers_leader).get(f"/plans/guidance/{interview.pk}/")
    client_for(cast.young_person).get(f"/plans/guidance/{interview.pk}/")
    views = AuditEntry.objects.filter(action="view", young_person_id=cast.young_person_record.pk)
    assert list(views.values_list("actor__username", flat=True)) == ["careers_leader"]


@pytest.mark.django_db
def test_outsiders_get_404_for_an_interview(cast, client_for):
    interview = GuidanceInterviewFactory(young_person=cast.young_person_record, adviser=cast.careers_adviser)
    for user in (cast.other_careers_leader, cast.employer_contact, cast.mentor):
        assert client_for(user).get(f"/plans/guidance/{interview.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_adviser_page_keeps_its_query_count_flat(cast, client_for, django_assert_max_num_queries):
    from careershub.young_people.tests.factories import YoungPersonFactory

    client = client_for(cast.careers_adviser)
    for size in (3, 30):
        for _ in range(size):
            person = YoungPersonFactory(school=cast.school, year_group=11)
            GuidanceInterviewFactory(young_person=person, adviser=cast.careers_adviser,
                                     follow_up_on=datetime.date(2026, 11, 1))
            YoungPersonFactory(school=cast.school, year_group=11)
        with django_assert_max_num_queries(14):
            assert client.get("/plans/guidance/").status_code == 200


@pytest.mark.django_db
def test_the_api_records_and_lists_interviews(cast, client_for):
    client = client_for(cast.careers_adviser)
    created = client.post("/api/plans/interviews", {
        "young_person_id": cast.young_person_record.pk, "held_on": "2026-11-02", "discussed": "Sixth form or college",
        "next_steps": [{"text": "Compare two colleges", "due_on": "2026-12-01"}],
    }, content_type="application/json")
    assert created.status_code == 201, created.content
    listed = client_for(cast.parent_carer).get(f"/api/plans/interviews?young_person_id={cast.young_person_record.pk}")
    assert [s["text"] for s in listed.json()[0]["next_steps"]] == ["Compare two colleges"]
    bad = client_for(cast.careers_adviser).post("/api/plans/interviews", {
        "young_person_id": cast.young_person_record.pk, "held_on": "2099-01-01", "discussed": "x",
    }, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "held_on"
