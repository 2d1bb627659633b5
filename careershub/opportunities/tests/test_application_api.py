"""Applications over the API: the same rules as the pages, 422 with problems by field, 409 when the
state refuses the change (every place taken)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from careershub.opportunities.models import Application, Message, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(cast):
    starts_on = timezone.localdate() + timedelta(days=45)
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, title="Engineering week",
                              starts_on=starts_on, ends_on=starts_on, capacity=1)


@pytest.fixture
def application(cast, opportunity):
    return ApplicationFactory(opportunity=opportunity, young_person=cast.young_person_record, shared=["year_group"])


def post(client, url, data):
    return client.post(url, data=data, content_type="application/json")


def test_a_young_person_applies(cast, opportunity, client_for):
    response = post(client_for(cast.young_person), f"/api/opportunities/{opportunity.pk}/applications",
                    {"interest": "I like engines.", "shared": ["school"]})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted" and body["shared"] == ["school"]
    assert body["young_person_name"] == "Amira Khan"
    assert body["shared_parts"] == [{"key": "school", "label": "School or college", "text": "Northfield Academy",
                                     "encounters": []}]


def test_applying_refusals(cast, opportunity, application, client_for):
    client = client_for(cast.young_person)
    url = f"/api/opportunities/{opportunity.pk}/applications"
    response = post(client, url, {"interest": "Again"})
    assert response.status_code == 409 and "already applied" in response.json()["detail"]
    Application.objects.all().delete()
    response = post(client, url, {"interest": " ", "shared": ["send"]})
    assert response.status_code == 422
    fields = {tuple(problem["loc"]) for problem in response.json()["detail"]}
    assert fields == {("body", "payload", "interest"), ("body", "payload", "shared")}
    assert post(client_for(cast.parent_carer), url, {"interest": "For her"}).status_code == 403


def test_the_list_is_scoped(cast, application, client_for):
    body = client_for(cast.careers_leader).get("/api/opportunities/applications/").json()
    assert [row["id"] for row in body["items"]] == [application.pk]
    assert client_for(cast.other_careers_leader).get("/api/opportunities/applications/").json()["items"] == []
    assert client_for(cast.careers_leader).get("/api/opportunities/applications/?status=accepted").json()["count"] == 0


def test_the_host_sees_only_what_was_shared(cast, application, client_for):
    body = client_for(cast.employer_contact).get(f"/api/opportunities/applications/{application.pk}").json()
    assert body["applicant_name"] == "Amira K."
    assert body["young_person_id"] is None and body["young_person_name"] is None
    assert body["shared_parts"] == [{"key": "year_group", "label": "Year group", "text": "Year 10", "encounters": []}]
    assert "Khan" not in str(body) and cast.young_person_record.upn not in str(body)
    listed = client_for(cast.employer_contact).get("/api/opportunities/applications/").json()["items"]
    assert listed[0]["young_person_name"] is None
    assert client_for(cast.other_employer_contact).get(f"/api/opportunities/applications/{application.pk}").status_code == 404


def test_decisions_and_the_places_taken(cast, opportunity, application, client_for):
    client = client_for(cast.employer_contact)
    url = f"/api/opportunities/applications/{application.pk}/decision"
    response = post(client, url, {"decision": "decline"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "reason"]
    response = post(client, url, {"decision": "accept"})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert Placement.objects.filter(application=application).exists()
    other = ApplicationFactory(opportunity=opportunity)
    response = post(client, f"/api/opportunities/applications/{other.pk}/decision", {"decision": "accept"})
    assert response.status_code == 409 and response.json() == {"detail": "The only place is taken"}
    assert post(client_for(cast.other_employer_contact), url, {"decision": "accept"}).status_code == 404
    assert post(client_for(cast.careers_leader), url, {"decision": "accept"}).status_code == 403


def test_withdrawing_and_messages(cast, application, client_for):
    client = client_for(cast.young_person)
    response = post(client, f"/api/opportunities/applications/{application.pk}/messages", {"body": "Is lunch provided?"})
    assert response.status_code == 201 and response.json()["author"] == "Amira Khan (applicant)"
    response = post(client, f"/api/opportunities/applications/{application.pk}/withdraw", {"reason": ""})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    response = post(client, f"/api/opportunities/applications/{application.pk}/withdraw", {})
    assert response.status_code == 409
    hub = post(client_for(cast.hub_manager), f"/api/opportunities/applications/{application.pk}/messages", {"body": "Hi"})
    assert hub.status_code == 403
    assert Message.objects.count() == 1
