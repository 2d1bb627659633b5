"""The network over the API: scoped lists with filters, details, and writes with the forms' validation."""
import pytest

from careershub.core.models import AuditEntry
from careershub.network.models import Employer, GrowthSector, School
from careershub.network.tests.factories import EmployerFactory, ProviderFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, data=data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data=data, content_type="application/json")


def field_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    found = {}
    for error in response.json()["detail"]:
        found.setdefault(error["loc"][-1], []).append(error["msg"])
    return found


# Reading --------------------------------------------------------------------------------------------------
def test_the_school_list_keeps_its_shape_and_is_scoped(cast, client_for):
    rows = client_for(cast.careers_leader).get("/api/network/schools").json()
    assert [row["name"] for row in rows] == ["Northfield Academy"]
    assert {"id", "urn", "name", "phase", "school_type", "status", "area_hub_id"} <= set(rows[0])
    assert client_for(cast.outsider).get("/api/network/schools").json() == []
    names = [row["name"] for row in client_for(cast.enterprise_coordinator).get("/api/network/schools").json()]
    assert names == ["Northfield Academy"]


def test_school_filters_and_paging(cast, client_for):
    SchoolFactory(partnership=cast.partnership, area_hub=cast.other_area_hub, name="Longton Special School",
                  school_type="special", status="target")
    client = client_for(cast.hub_manager)
    names = lambda **q: [r["name"] for r in client.get("/api/network/schools", q).json()]  # noqa: E731
    assert names() == ["Longton Special School", "Northfield Academy", "Southgate High"]
    assert names(school_type="special") == ["Longton Special School"]
    assert names(area_hub_id=cast.other_area_hub.pk, status="engaged") == ["Southgate High"]
    assert names(q="north") == ["Northfield Academy"]
    assert names(limit=1, offset=1) == ["Northfield Academy"]
    assert client.get("/api/network/schools", {"limit": 0}).status_code == 422


def test_a_school_in_detail(cast, client_for):
    body = client_for(cast.teacher).get(f"/api/network/schools/{cast.school.pk}").json()
    assert body["area_hub_name"] == "North" and body["status"] == "engaged"
    assert client_for(cast.teacher).get(f"/api/network/schools/{cast.other_school.pk}").status_code == 404


def test_employers_carry_the_growth_sector_flag_and_filter_on_it(cast, client_for):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="Q", label="Health and social care")
    EmployerFactory(partnership=cast.partnership, name="Trentham Care Homes", sic_section="Q")
    client = client_for(cast.hub_manager)
    rows = client.get("/api/network/employers", {"growth_sector": True}).json()
    assert [(r["name"], r["growth_sector_label"], r["sector_name"]) for r in rows] == [
        ("Trentham Care Homes", "Health and social care", "Human health and social work activities")
    ]
    assert len(client.get("/api/network/employers", {"growth_sector": False}).json()) == 2
    own = client_for(cast.employer_contact).get("/api/network/employers").json()
    assert [r["name"] for r in own] == ["Potteries Precision Ltd"]


def test_providers_and_area_hubs(cast, client_for):
    ProviderFactory(partnership=cast.partnership, name="Staffordshire University", kind="university")
    client = client_for(cast.analyst)
    assert [p["name"] for p in client.get("/api/network/providers", {"kind": "university"}).json()] == [
        "Staffordshire University"
    ]
    hubs = client.get("/api/network/area-hubs").json()
    assert [(h["name"], h["school_count"], h["engaged_count"]) for h in hubs] == [("North", 1, 1), ("South", 1, 1)]
    assert client_for(cast.mentor).get("/api/network/area-hubs").json() == []
    assert client_for(cast.mentor).get(f"/api/network/area-hubs/{cast.area_hub.pk}").status_code == 404


# Writing --------------------------------------------------------------------------------------------------
NEW_SCHOOL = {"urn": "140001", "name": "Burslem Studio School", "status": "engaged", "postcode": "st6 3aa"}


def test_hub_staff_add_a_school(cast, client_for):
    response = post(client_for(cast.enterprise_coordinator), "/api/network/schools", NEW_SCHOOL)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["area_hub_id"], body["postcode"], body["status"]) == (cast.area_hub.pk, "ST6 3AA", "engaged")
    assert body["engaged_on"] is not None
    assert AuditEntry.objects.get(action="create", subject_type="network.school").via == "api"


def test_a_school_that_fails_validation_gets_422_with_field_errors(cast, client_for):
    client = client_for(cast.hub_manager)
    response = post(client, "/api/network/schools", {**NEW_SCHOOL, "urn": cast.school.urn, "phase": "tertiary",
                                                     "postcode": "XX", "website": "no"})
    assert field_errors(response) == {
        "urn": ["Another school already has this URN"],
        "phase": ["Select a phase from the list"],
        "postcode": ["Enter a real UK postcode, like ST4 1AB"],
        "website": ["Enter a web address, like https://www.example.org"],
    }
    assert field_errors(post(client, "/api/network/schools", {"name": "No URN"})) == {"urn": ["Field required"]}
    assert not School.objects.filter(name="Burslem Studio School").exists()


def test_a_coordinator_cannot_put_a_school_in_another_hub(cast, client_for):
    response = post(client_for(cast.enterprise_coordinator), "/api/network/schools",
                    {**NEW_SCHOOL, "area_hub_id": cast.other_area_hub.pk})
    assert field_errors(response) == {"area_hub_id": ["Select one of your area hubs"]}


def test_patching_a_school_changes_only_what_is_given(cast, client_for):
    client = client_for(cast.hub_manager)
    response = patch(client, f"/api/network/schools/{cast.school.pk}", {"status": "declined"})
    assert response.status_code == 200
    assert response.json()["declined_on"] is not None
    cast.school.refresh_from_db()
    assert (cast.school.name, cast.school.status, cast.school.area_hub) == ("Northfield Academy", "declined", cast.area_hub)
    response = patch(client, f"/api/network/schools/{cast.school.pk}", {"area_hub_id": None})
    assert response.json()["area_hub_id"] is None
    assert field_errors(patch(client, f"/api/network/schools/{cast.school.pk}", {"urn": "1"})) == {
        "urn": ["A URN is six digits, like 124567"]
    }


def test_a_coordinator_cannot_patch_another_hubs_school(cast, client_for):
    response = patch(client_for(cast.enterprise_coordinator), f"/api/network/schools/{cast.other_school.pk}",
                     {"name": "Taken"})
    assert response.status_code == 404


def test_the_hub_manager_adds_and_changes_employers(cast, client_for):
    client = client_for(cast.hub_manager)
    response = post(client, "/api/network/employers", {"name": "Trentham Care Homes", "sic_section": "Q",
                                                       "size_band": "small", "is_cornerstone": True})
    assert response.status_code == 201
    employer_id = response.json()["id"]
    assert field_errors(post(client, "/api/network/employers", {"name": "trentham care homes", "sic_section": "Z",
                                                                 "size_band": "small"})) == {
        "name": ["There is already an employer called trentham care homes"],
        "sic_section": ["Select a SIC 2007 section from the list, A to U"],
    }
    response = patch(client, f"/api/network/employers/{employer_id}", {"is_cornerstone": False, "website": "care.example"})
    assert response.json()["is_cornerstone"] is False
    assert Employer.objects.get(pk=employer_id).website == "https://care.example"


def test_coordinators_cannot_write_employers(cast, client_for):
    client = client_for(cast.enterprise_coordinator)
    assert post(client, "/api/network/employers", {"name": "X", "sic_section": "C", "size_band": "small"}).status_code == 403
    assert patch(client, f"/api/network/employers/{cast.employer.pk}", {"name": "X"}).status_code == 403
