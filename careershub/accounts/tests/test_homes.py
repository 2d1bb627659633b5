"""Every role lands somewhere useful, and the navigation offers each role its pages."""
import pytest

from careershub.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_every_role_lands_on_a_working_home_page(cast, client_for, role):
    response = client_for(cast.users[role.value]).get("/accounts/home/", follow=True)
    assert response.status_code == 200, response.redirect_chain
    assert response.redirect_chain, "the home page sends each role on to its own page"


def nav_labels(response) -> list[str]:
    return [link["label"] for link in response.context["navigation"]]


def test_the_hub_managers_navigation_has_people_and_the_audit_log(cast, client_for):
    labels = nav_labels(client_for(cast.hub_manager).get("/accounts/me/"))
    assert {"Home", "Young people", "People", "Audit log"} <= set(labels)


def test_the_admin_home_links_to_people_and_the_audit_log(cast, client_for):
    response = client_for(cast.admin).get("/accounts/admin/")
    body = response.content.decode()
    assert 'href="/accounts/people/"' in body
    assert 'href="/accounts/audit/"' in body
    assert {"People", "Audit log"} <= set(nav_labels(response))


@pytest.mark.parametrize(("who", "has", "lacks"), [
    ("careers_leader", {"Young people", "Staff"}, {"People", "Audit log"}),
    ("teacher", {"Young people"}, {"Staff", "People", "Audit log"}),
    ("enterprise_coordinator", {"Young people"}, {"People", "Audit log"}),
    ("analyst", set(), {"Young people", "People", "Audit log"}),
    ("employer_contact", set(), {"Young people", "People", "Audit log"}),
])
def test_navigation_by_role(cast, client_for, who, has, lacks):
    labels = set(nav_labels(client_for(cast.users[who]).get("/accounts/me/")))
    assert has <= labels
    assert not (lacks & labels)
