"""API tokens: the page that makes them, and the bearer path on the API."""
import re

import pytest
from django.test import Client

from careershub.accounts import services
from careershub.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def api():
    """A client with no session: only the bearer token speaks for it."""
    return Client()


def test_the_secret_is_shown_once_then_only_its_prefix(cast, client_for):
    client = client_for(cast.careers_leader)
    created = client.post("/accounts/me/api-tokens/", {"name": "MIS nightly sync"})
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    body = created.content.decode()
    secret = re.search(r'value="(chub_[^"]+)"', body).group(1)
    token = ApiToken.objects.get(user=cast.careers_leader)
    assert token.key_hash == ApiToken.hash_key(secret)
    assert "You will not see it again" in body

    listed = client.get("/accounts/me/api-tokens/").content.decode()
    assert secret not in listed
    assert token.display_prefix in listed
    assert "MIS nightly sync" in listed
    assert "Never" in listed  # not used yet


def test_a_token_needs_a_name(cast, client_for):
    response = client_for(cast.teacher).post("/accounts/me/api-tokens/", {"name": ""})
    body = response.content.decode()
    assert "<title>Error: API tokens" in body
    assert "Enter a name for the token" in body
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page(cast, client_for):
    token, secret = services.api_token_create(acting_user=cast.teacher, name="MIS")
    client = client_for(cast.teacher)
    confirm = client.get(f"/accounts/me/api-tokens/{token.pk}/revoke/")
    assert "Revoke the token MIS?" in confirm.content.decode()
    done = client.post(f"/accounts/me/api-tokens/{token.pk}/revoke/", follow=True)
    assert "is revoked" in done.content.decode()
    assert "Revoked" in done.content.decode()
    assert client.get(f"/accounts/me/api-tokens/{token.pk}/revoke/").status_code == 404


def test_someone_elses_token_cannot_be_revoked(cast, client_for):
    token, _ = services.api_token_create(acting_user=cast.teacher, name="MIS")
    assert client_for(cast.careers_leader).post(f"/accounts/me/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# The bearer path ----------------------------------------------------------------------------------
def test_a_careers_leaders_token_reaches_their_own_young_person_and_no_other(cast, api):
    _, secret = services.api_token_create(acting_user=cast.careers_leader, name="MIS")
    own = api.get(f"/api/young-people/{cast.young_person_record.pk}", **bearer(secret))
    assert own.status_code == 200
    assert own.json()["first_name"] == "Amira"
    other = api.get(f"/api/young-people/{cast.other_young_person_record.pk}", **bearer(secret))
    assert other.status_code == 404
    listed = api.get("/api/young-people/", **bearer(secret))
    assert [p["first_name"] for p in listed.json()["items"]] == ["Amira"]


def test_a_token_has_exactly_its_owners_roles(cast, api):
    _, analyst = services.api_token_create(acting_user=cast.analyst, name="Reports")
    assert api.get("/api/young-people/", **bearer(analyst)).status_code == 403
    assert api.get(f"/api/young-people/{cast.young_person_record.pk}", **bearer(analyst)).status_code == 404
    _, hub = services.api_token_create(acting_user=cast.hub_manager, name="Dashboards")
    names = {p["first_name"] for p in api.get("/api/young-people/", **bearer(hub)).json()["items"]}
    assert names == {"Amira", "Ben"}


def test_views_through_a_token_are_audited_as_the_owner(cast, api):
    from careershub.core.models import AuditEntry

    _, secret = services.api_token_create(acting_user=cast.teacher, name="MIS")
    api.get(f"/api/young-people/{cast.young_person_record.pk}", **bearer(secret))
    entry = AuditEntry.objects.get(action="view", young_person_id=cast.young_person_record.pk)
    assert (entry.actor, entry.via) == (cast.teacher, "api")


def test_a_revoked_token_is_refused(cast, api):
    token, secret = services.api_token_create(acting_user=cast.careers_leader, name="MIS")
    services.api_token_revoke(acting_user=cast.careers_leader, token=token)
    assert api.get(f"/api/young-people/{cast.young_person_record.pk}", **bearer(secret)).status_code == 401


def test_a_deactivated_owners_token_is_refused(cast, api):
    _, secret = services.api_token_create(acting_user=cast.careers_leader, name="MIS")
    User.objects.filter(pk=cast.careers_leader.pk).update(is_active=False)  # even if not revoked
    assert api.get("/api/network/schools", **bearer(secret)).status_code == 401


def test_an_unknown_or_malformed_token_is_refused(cast, api):
    assert api.get("/api/network/schools", **bearer("chub_not-a-real-token")).status_code == 401
    assert api.get("/api/network/schools", HTTP_AUTHORIZATION="Token abc").status_code == 401
    assert api.get("/api/network/schools").status_code == 401
