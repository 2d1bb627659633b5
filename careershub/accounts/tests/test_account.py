"""Your account: details, roles, password change, and the way to API tokens."""
import pytest

from careershub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_account_page_shows_roles_and_organisations(cast, client_for):
    body = client_for(cast.careers_leader).get("/accounts/me/").content.decode()
    assert cast.careers_leader.get_full_name() in body
    assert "careers_leader@example.org" in body
    assert "Careers leader" in body and "Northfield Academy" in body
    assert 'href="/accounts/me/password/"' in body
    assert 'href="/accounts/me/api-tokens/"' in body


def test_someone_without_a_role_sees_their_account_but_no_tokens(cast, client_for):
    body = client_for(cast.outsider).get("/accounts/me/").content.decode()
    assert "You have no role yet" in body
    assert "/accounts/me/api-tokens/" not in body


def test_the_header_links_to_the_account(cast, client_for):
    body = client_for(cast.teacher).get("/accounts/me/").content.decode()
    assert 'href="/accounts/me/" aria-current="page"' in body
    assert "your account</span>" in body


def test_changing_the_password_keeps_you_signed_in_and_is_audited(cast, client_for):
    client = client_for(cast.teacher)
    response = client.post("/accounts/me/password/", {
        "old_password": cast.password, "new_password1": "kiln-harbour-lantern-2026", "new_password2": "kiln-harbour-lantern-2026",
    }, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/me/"
    assert "Your password has been changed." in response.content.decode()
    assert client.get("/accounts/me/").status_code == 200  # still signed in
    cast.teacher.refresh_from_db()
    assert cast.teacher.check_password("kiln-harbour-lantern-2026")
    assert AuditEntry.objects.filter(actor=cast.teacher, summary="Changed their password").exists()


def test_a_wrong_current_password_is_explained(cast, client_for):
    response = client_for(cast.teacher).post("/accounts/me/password/", {
        "old_password": "wrong", "new_password1": "kiln-harbour-lantern-2026", "new_password2": "kiln-harbour-lantern-2026",
    })
    body = response.content.decode()
    assert "<title>Error: Change your password" in body
    assert "Your current password is not right. Enter it again." in body
    assert 'href="#id_old_password"' in body
