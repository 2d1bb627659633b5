"""The adviser endpoints. Who may call each one is in matrix.py."""
import pytest

from careershub.advisers.models import AdviserMatch
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.core.models import AuditEntry
from careershub.network.models import GrowthSector

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(cast):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing", priority=1)
    return EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.other_employer, name="Ada South",
                                    area_hub=cast.other_area_hub, capacity=2)


def test_the_list_and_its_filters(cast, client_for, ada):
    client = client_for(cast.analyst)
    everyone = client.get("/api/advisers/").json()
    assert [a["name"] for a in everyone] == ["Ada South", cast.enterprise_adviser_record.name]
    assert everyone[0] == {
        "id": ada.pk, "name": "Ada South", "email": ada.email, "employer_id": cast.other_employer.pk,
        "employer_name": "Kiln Logistics Ltd", "area_hub_id": cast.other_area_hub.pk, "area_hub_name": "South",
        "capacity": 2, "current_schools": 0, "is_active": True,
    }
    assert [a["name"] for a in client.get("/api/advisers/?matched=true").json()] == [cast.enterprise_adviser_record.name]
    assert [a["name"] for a in client.get(f"/api/advisers/?area_hub_id={cast.other_area_hub.pk}").json()] == ["Ada South"]
    assert client.get("/api/advisers/?matched=perhaps").status_code == 422


def test_the_detail_carries_the_match_history(cast, client_for):
    data = client_for(cast.hub_manager).get(f"/api/advisers/{cast.enterprise_adviser_record.pk}").json()
    [match] = data["matches"]
    assert match["school_name"] == "Northfield Academy" and match["is_current"] and match["started_on"] == "2026-09-01"


def test_candidates_come_ranked_with_their_reasons(cast, client_for, ada):
    data = client_for(cast.hub_manager).get(f"/api/advisers/schools/{cast.other_school.pk}/candidates").json()
    assert data["current_match"] is None and data["school_status"] == "engaged"
    [first] = data["candidates"]
    assert first["adviser_id"] == ada.pk and first["rank"] == 1 and first["same_area_hub"]
    assert first["growth_sector_priority"] == 1 and first["growth_sector_label"] == "Advanced manufacturing"
    assert first["explanation"] == (
        "Same area hub (South); employer in priority growth sector 1 Advanced manufacturing; supports 0 of 2 schools"
    )
    assert first["reasons"] == first["explanation"].split("; ")


def test_a_school_with_an_adviser_shows_it_instead_of_candidates(cast, client_for, ada):
    data = client_for(cast.hub_manager).get(f"/api/advisers/schools/{cast.school.pk}/candidates").json()
    assert data["current_match"]["adviser_id"] == cast.enterprise_adviser_record.pk
    assert data["candidates"] == []


def test_matching_and_ending_through_the_api(cast, client_for, ada):
    client = client_for(cast.hub_manager)
    created = client.post(f"/api/advisers/schools/{cast.other_school.pk}/candidates/{ada.pk}/match")
    assert created.status_code == 201
    match = created.json()
    assert match["adviser_id"] == ada.pk and match["school_id"] == cast.other_school.pk and match["is_current"]
    assert match["explanation"].startswith("Same area hub (South)")
    assert AuditEntry.objects.filter(action="match").count() == 1

    again = client.post(f"/api/advisers/schools/{cast.other_school.pk}/candidates/{cast.enterprise_adviser_record.pk}/match")
    assert again.status_code == 409
    assert "Southgate High already has an enterprise adviser: Ada South" in again.json()["detail"]

    ended = client.post(f"/api/advisers/matches/{match['id']}/end", {"reason": "Changed jobs"}, content_type="application/json")
    assert ended.status_code == 200
    assert ended.json()["end_reason"] == "Changed jobs" and not ended.json()["is_current"]
    twice = client.post(f"/api/advisers/matches/{match['id']}/end", {"reason": "Again"}, content_type="application/json")
    assert twice.status_code == 409 and "already ended" in twice.json()["detail"]


def test_a_full_adviser_is_a_conflict(cast, client_for):
    response = client_for(cast.hub_manager).post(
        f"/api/advisers/schools/{cast.other_school.pk}/candidates/{cast.enterprise_adviser_record.pk}/match")
    assert response.status_code == 409
    assert "their capacity" in response.json()["detail"]


def test_an_empty_reason_is_a_bad_request_and_nothing_changes(cast, client_for):
    match = AdviserMatch.objects.get(school=cast.school, ended_on__isnull=True)
    client = client_for(cast.hub_manager)
    response = client.post(f"/api/advisers/matches/{match.pk}/end", {"reason": "  "}, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"detail": "Enter the reason"}
    assert client.post(f"/api/advisers/matches/{match.pk}/end", {}, content_type="application/json").status_code == 422
    match.refresh_from_db()
    assert match.is_current


def test_a_coordinator_cannot_match_outside_their_area_hubs(cast, client_for, ada):
    client = client_for(cast.enterprise_coordinator)
    assert client.post(f"/api/advisers/schools/{cast.other_school.pk}/candidates/{ada.pk}/match").status_code == 404
    assert not AdviserMatch.objects.filter(adviser=ada).exists()


def test_a_bearer_token_works_for_integrations(cast, client):
    from careershub.accounts.models import ApiToken

    key = ApiToken.new_key()
    ApiToken.objects.create(user=cast.analyst, name="Insight team", prefix=key[5:13], key_hash=ApiToken.hash_key(key))
    response = client.get("/api/advisers/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and len(response.json()) == 1
