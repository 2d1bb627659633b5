import pytest
from django.urls import reverse

from careershub.accounts.models import User

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("accounts:sign_in"), {"username": username, "password": password})


def test_sign_in_lands_on_the_role_home_page(cast, client):
    response = sign_in(client, "careers_leader", cast.password)
    assert response.status_code == 302
    home = client.get(response["Location"], follow=True)
    assert home.redirect_chain[-1][0] == cast.school.get_absolute_url()


def test_wrong_password_shows_the_error_beside_the_form(cast, client):
    response = sign_in(client, "careers_leader", "wrong")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct username and password" in body


def test_five_failures_lock_the_account_even_for_the_right_password(cast, client):
    for _ in range(5):
        sign_in(client, "teacher", "wrong")
    user = User.objects.get(username="teacher")
    assert user.locked_until is not None
    response = sign_in(client, "teacher", cast.password)
    assert response.status_code == 200
    assert "locked" in response.content.decode()
