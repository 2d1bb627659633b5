"""The cohort pages and API: what each person sees, the panel's selection, the record section."""
import datetime

import pytest
from django.utils import timezone

from careershub.cohorts import services
from careershub.cohorts.models import CohortApplication
from careershub.cohorts.tests.factories import (
    CohortActivityFactory, CohortApplicationFactory, PanelMemberFactory, cohort_for, pool_for,
)
from careershub.core.models import AuditEntry
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def test_the_panel_sees_the_whole_pool_with_only_what_selection_needs(cast, client_for):
    cohort, amira, ben = pool_for(cast)
    body = client_for(cast.employer_contact).get(f"/cohorts/{cohort.pk}/applicants/").content.decode()
    assert "Amira K." in body and "Ben L." in body
    assert "Khan" not in body and "Lowe" not in body
    assert cast.young_person_record.upn not in body and "pupil premium" not in body.lower().replace(
        "disadvantage (pupil premium or free school meals)", "")
    assert "Gender at each stage" in body


def test_a_careers_leader_sees_their_own_schools_applicants_by_name_and_no_balance(cast, client_for):
    cohort, amira, ben = pool_for(cast)
    body = client_for(cast.careers_leader).get(f"/cohorts/{cohort.pk}/applicants/").content.decode()
    assert "Amira Khan" in body and "Ben Lowe" not in body and "Gender at each stage" not in body


def test_the_other_senior_employer_sees_the_cohort_but_not_the_pool(cast, client_for):
    cohort, _, _ = pool_for(cast)
    client = client_for(cast.other_employer_contact)
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 200
    assert client.get(f"/cohorts/{cohort.pk}/applicants/").status_code == 404
    assert client.get(f"/cohorts/{cohort.pk}/selection/").status_code == 404


def test_a_young_person_at_another_school_gets_404(cast, client_for):
    cohort = cohort_for(cast)
    cohort.cohort_schools.filter(school=cast.school).delete()
    client = client_for(cast.young_person)
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 404
    assert client.get(f"/cohorts/{cohort.pk}/apply/").status_code == 404


def test_the_panel_selects_many_at_once_and_sees_the_balance_of_the_selection(cast, client_for):
    cohort, amira, ben = pool_for(cast)
    girls = [CohortApplicationFactory(cohort=cohort, young_person=YoungPersonFactory(school=cast.school, sex="F")) for _ in range(6)]
    client = client_for(cast.employer_contact)
    data = {f"decision-{a.pk}": "selected" for a in girls} | {f"decision-{amira.pk}": "shortlisted",
                                                              f"decision-{ben.pk}": "not_selected"}
    response = client.post(f"/cohorts/{cohort.pk}/selection/", data)
    assert response.status_code == 302
    assert cohort.applications.filter(status="selected").count() == 6
    page = client.get(response["Location"]).content.decode()
    assert "Balance of the selection as saved" in page and "6 (100%)" in page and "fewer than 5" in page


def test_too_many_selected_is_shown_again_with_the_problem(cast, client_for):
    cohort, amira, ben = pool_for(cast, places=1)
    response = client_for(cast.hub_manager).post(f"/cohorts/{cohort.pk}/selection/", {
        f"decision-{amira.pk}": "selected", f"decision-{ben.pk}": "selected"})
    assert response.status_code == 400
    assert "Select 1 fewer" in response.content.decode()
    assert not cohort.applications.filter(status="selected").exists()


def test_a_young_person_applies_and_withdraws_with_a_reason(cast, client_for):
    cohort = cohort_for(cast)
    client = client_for(cast.young_person)
    assert "Apply to be an ambassador" in client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert client.post(f"/cohorts/{cohort.pk}/apply/", {"statement": ""}).status_code == 400
    response = client.post(f"/cohorts/{cohort.pk}/apply/", {"statement": "I want to design medical devices."})
    application = CohortApplication.objects.get(cohort=cohort)
    assert response["Location"] == application.get_absolute_url()
    assert client.post(f"{application.get_absolute_url()}withdraw/", {"reason": ""}).status_code == 400
    client.post(f"{application.get_absolute_url()}withdraw/", {"reason": "Too much homework"})
    application.refresh_from_db()
    assert application.status == "withdrawn" and application.withdrawal_reason == "Too much homework"


def test_a_senior_employer_sees_their_schools_ambassadors_and_progress(cast, client_for):
    cohort, amira, ben = pool_for(cast)
    services.selection_save(acting_user=None, cohort=cohort, decisions={amira.pk: "selected", ben.pk: "selected"})
    activity = CohortActivityFactory(cohort=cohort)
    services.attendance_record(acting_user=None, activity=activity, attended_ids=[amira.pk])
    body = client_for(cast.employer_contact).get(f"/cohorts/{cohort.pk}/ambassadors/").content.decode()
    assert "Amira Khan" in body and "1 of 1" in body and "Ben Lowe" not in body


def test_attendance_page_saves_ticked_ambassadors(cast, client_for):
    cohort, amira, ben = pool_for(cast)
    services.selection_save(acting_user=None, cohort=cohort, decisions={amira.pk: "selected", ben.pk: "selected"})
    activity = CohortActivityFactory(cohort=cohort)
    client = client_for(cast.hub_manager)
    client.post(f"/cohorts/{cohort.pk}/activities/{activity.pk}/attendance/", {"attended": [amira.pk, ben.pk]})
    assert activity.attendance.filter(attended=True).count() == 2
    future = CohortActivityFactory(cohort=cohort, occurs_on=timezone.localdate() + datetime.timedelta(days=2))
    assert client.post(f"/cohorts/{cohort.pk}/activities/{future.pk}/attendance/", {"attended": [amira.pk]}).status_code == 400


def test_viewing_the_pool_is_audited(cast, client_for):
    cohort, _, _ = pool_for(cast)
    client_for(cast.employer_contact).get(f"/cohorts/{cohort.pk}/applicants/")
    assert AuditEntry.objects.filter(actor=cast.employer_contact, summary__startswith="Viewed applicants").exists()


def test_the_record_shows_cohort_memberships_and_progress(cast, client_for):
    cohort, amira, _ = pool_for(cast)
    services.selection_save(acting_user=None, cohort=cohort, decisions={amira.pk: "selected"})
    services.attendance_record(acting_user=None, activity=CohortActivityFactory(cohort=cohort), attended_ids=[amira.pk])
    CohortActivityFactory(cohort=cohort, occurs_on=timezone.localdate() - datetime.timedelta(days=5))
    body = client_for(cast.parent_carer).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Ambassador cohorts" in body and cohort.title in body and "Attended 1 of 2 activities" in body


def test_list_pages_keep_their_query_count_as_cohorts_grow(cast, client_for, django_assert_max_num_queries):
    cohort, _, _ = pool_for(cast)
    PanelMemberFactory(cohort=cohort, user=cast.other_employer_contact)
    for _ in range(15):
        CohortApplicationFactory(cohort=cohort, young_person=YoungPersonFactory(school=cast.school))
        cohort_for(cast)
    client = client_for(cast.hub_manager)
    for url in ("/cohorts/", f"/cohorts/{cohort.pk}/", f"/cohorts/{cohort.pk}/applicants/", f"/cohorts/{cohort.pk}/selection/",
                f"/cohorts/{cohort.pk}/ambassadors/"):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


# API ---------------------------------------------------------------------------------------------
def test_the_api_gives_the_panel_initials_and_the_balance(cast, client_for):
    cohort, _, _ = pool_for(cast)
    client = client_for(cast.employer_contact)
    names = {a["name"] for a in client.get(f"/api/cohorts/{cohort.pk}/applicants").json()}
    assert names == {"Amira K.", "Ben L."}
    detail = client.get(f"/api/cohorts/{cohort.pk}").json()
    assert detail["balance"]["gender"][0]["total"] == 2
    assert client_for(cast.other_employer_contact).get(f"/api/cohorts/{cohort.pk}").json()["balance"] is None


def test_refused_api_changes_answer_422(cast, client_for):
    cohort, amira, ben = pool_for(cast, places=1)
    response = client_for(cast.hub_manager).post(
        f"/api/cohorts/{cohort.pk}/selection", content_type="application/json",
        data={"decisions": [{"application_id": amira.pk, "status": "selected"}, {"application_id": ben.pk, "status": "selected"}]})
    assert response.status_code == 422
    response = client_for(cast.young_person).post(f"/api/cohorts/{cohort.pk}/applications", content_type="application/json",
                                                  data={"statement": "Again"})
    assert response.status_code == 422
