"""The menu over the API: the same filters and rules as the pages, 422 with problems by field."""
import pytest

from careershub.network.models import School
from careershub.opportunities.models import Opportunity
from careershub.opportunities.tests.matrix_menu import api_create
from careershub.opportunities.tests.menu_builders import MANCHESTER, NEWCASTLE, STOKE, future, locate, opportunity

pytestmark = pytest.mark.django_db
S = Opportunity.Status
API = "/api/opportunities/"


def post(client, url, data=None):
    return client.post(url, data=data or {}, content_type="application/json")


def test_the_menu_with_filters_and_places_left(cast, client_for, django_assert_max_num_queries):
    locate(STOKE, NEWCASTLE, MANCHESTER)
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")
    opportunity(cast, status=S.APPROVED, title="Next door", latitude=NEWCASTLE[1], longitude=NEWCASTLE[2])
    opportunity(cast, status=S.APPROVED, title="Far away", latitude=MANCHESTER[1], longitude=MANCHESTER[2],
                kind="workplace_visit")
    opportunity(cast, title="A draft")
    client = client_for(cast.careers_leader)
    with django_assert_max_num_queries(8):
        body = client.get(API).json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["places_left"] == 4 and first["host_name"] == "Potteries Precision Ltd"
    assert first["daily_plan"].startswith("Monday") and first["supervisor_name"] == "Jo Patel"
    assert [i["title"] for i in client.get(API + "?kind=workplace_visit").json()["items"]] == ["Far away"]
    near = client.get(API + f"?within_miles=5&school_id={cast.school.pk}").json()
    assert [i["title"] for i in near["items"]] == ["Next door"]
    young = client_for(cast.young_person).get(API + "?within_miles=5").json()
    assert [i["title"] for i in young["items"]] == ["Next door"]


def test_bad_filters_answer_422_by_field(cast, client_for):
    client = client_for(cast.careers_leader)
    response = client.get(API + "?within_miles=7&school_id=1")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "within_miles"
    response = client.get(API + "?within_miles=5")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "school_id"
    assert client.get(API + "?year_group=3").status_code == 422
    assert client_for(cast.outsider).get(API).status_code == 403


def test_one_opportunity_and_drafts_hidden(cast, client_for):
    draft = opportunity(cast)
    assert client_for(cast.young_person).get(f"{API}{draft.pk}").status_code == 404
    assert client_for(cast.employer_contact).get(f"{API}{draft.pk}").json()["status"] == "draft"


def test_create_submit_approve_and_return(cast, client_for):
    host = client_for(cast.employer_contact)
    created = post(host, API, api_create(cast))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["benchmarks"] == [6] and created.json()["postcode"] == "ST4 2RS"
    assert post(host, f"{API}{pk}/submit").json()["status"] == "submitted"
    assert post(host, f"{API}{pk}/approve").status_code == 403
    reviewer = client_for(cast.hub_manager)
    refused = post(reviewer, f"{API}{pk}/return", {"reason": " "})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"][-1] == "reason"
    assert post(reviewer, f"{API}{pk}/approve").json()["status"] == "approved"
    assert post(reviewer, f"{API}{pk}/approve").status_code == 422


def test_refused_drafts_and_submissions_answer_422_by_field(cast, client_for):
    host = client_for(cast.employer_contact)
    response = post(host, API, {**api_create(cast), "ends_on": future(1).isoformat()})
    assert response.status_code == 422
    assert [p["loc"][-1] for p in response.json()["detail"]] == ["ends_on"]
    response = post(host, API, {**api_create(cast), "employer_id": cast.other_employer.pk})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "employer_id"
    draft = opportunity(cast, supervisor_name="", what_to_bring="")
    response = post(host, f"{API}{draft.pk}/submit")
    assert response.status_code == 422
    assert {p["loc"][-1] for p in response.json()["detail"]} == {"supervisor_name", "what_to_bring"}
    assert post(client_for(cast.careers_leader), API, api_create(cast)).status_code == 403
