"""People management pages: the list, a person's page, adding people and roles, the account actions."""
import pytest
from django.core import mail

from careershub.accounts import services
from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def add_person_data(cast, **overrides):
    return {
        "first_name": "Priya", "last_name": "Shah", "email": "p.shah@example.org", "username": "p.shah",
        "role": "careers_leader", "organisation": f"school:{cast.school.pk}", "send_email": "on",
    } | overrides


# The list ---------------------------------------------------------------------------------------
def test_the_list_searches_by_name_username_and_email(cast, client_for):
    client = client_for(cast.hub_manager)
    cast.teacher.first_name, cast.teacher.last_name = "Harriet", "Okafor"
    cast.teacher.save()
    for query in ("okafor", "Harriet Okafor", "teacher", "teacher@example.org"):
        body = client.get("/accounts/people/", {"q": query}).content.decode()
        assert "Harriet Okafor" in body, query
        assert "1 person" in body
    assert "No one matches" in client.get("/accounts/people/", {"q": "nobody-by-this-name"}).content.decode()


def test_the_list_filters_by_role_and_organisation_together(cast, client_for):
    client = client_for(cast.admin)
    leaders = client.get("/accounts/people/", {"role": "careers_leader"}).context["page_obj"]
    assert {p.username for p in leaders} == {"careers_leader", "other_careers_leader"}
    at_school = client.get("/accounts/people/", {"organisation": f"school:{cast.school.pk}"}).context["page_obj"]
    assert {p.username for p in at_school} == {"careers_leader", "teacher", "young_person"}
    both = client.get("/accounts/people/", {"role": "careers_leader", "organisation": f"school:{cast.other_school.pk}"})
    assert [p.username for p in both.context["page_obj"]] == ["other_careers_leader"]


def test_the_list_filters_by_account_status(cast, client_for):
    services.person_deactivate(acting_user=cast.admin, person=cast.mentor)
    client = client_for(cast.admin)
    assert [p.username for p in client.get("/accounts/people/", {"status": "deactivated"}).context["page_obj"]] == ["mentor"]
    assert "mentor" not in {p.username for p in client.get("/accounts/people/", {"status": "active"}).context["page_obj"]}


def test_the_list_leaves_out_people_of_no_role_in_the_partnership(cast, client_for):
    people = client_for(cast.hub_manager).get("/accounts/people/").context["page_obj"]
    usernames = {p.username for p in people}
    assert "outsider" not in usernames
    assert {"teacher", "admin", "hub_manager"} <= usernames


def test_the_list_pages_by_fifty_with_a_flat_query_count(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.hub_manager)
    client.get("/accounts/people/")  # warm the session
    with django_assert_max_num_queries(15) as few:
        client.get("/accounts/people/")
    for n in range(60):
        RoleAssignmentFactory(user=UserFactory(username=f"bulk{n:02d}", last_name=f"Zz{n:02d}"),
                              role=Role.TEACHER, partnership=cast.partnership, school=cast.school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get("/accounts/people/")
    assert len(first.context["page_obj"]) == 50
    total = User.objects.filter(role_assignments__isnull=False).distinct().count()
    body = first.content.decode()
    assert f"Showing 1 to 50 of {total} people" in body
    assert 'rel="next"' in body
    second = client.get("/accounts/people/", {"page": 2})
    assert len(second.context["page_obj"]) == total - 50


# A person's page --------------------------------------------------------------------------------
def test_a_persons_page_shows_roles_and_actions(cast, client_for):
    body = client_for(cast.hub_manager).get(f"/accounts/people/{cast.teacher.pk}/").content.decode()
    assert "Teacher" in body and "Northfield Academy" in body
    assert "Give them a role" in body
    assert "Deactivate the account" in body
    assert "Send a link to set a password" in body
    assert "Unlock the account" not in body


def test_a_hub_manager_sees_an_administrator_but_cannot_change_them(cast, client_for):
    client = client_for(cast.hub_manager)
    body = client.get(f"/accounts/people/{cast.admin.pk}/").content.decode()
    assert "Only an administrator can change an administrator" in body
    assert "Deactivate the account" not in body
    assert client.get(f"/accounts/people/{cast.admin.pk}/deactivate/").status_code == 403
    assert client.post(f"/accounts/people/{cast.admin.pk}/deactivate/").status_code == 403


def test_a_person_outside_the_partnership_is_not_found(cast, client_for):
    assert client_for(cast.hub_manager).get(f"/accounts/people/{cast.outsider.pk}/").status_code == 404


def test_a_locked_account_is_shown_and_unlocked(cast, client_for):
    from django.utils import timezone

    User.objects.filter(pk=cast.teacher.pk).update(failed_sign_ins=5, locked_until=timezone.now() + timezone.timedelta(minutes=10))
    client = client_for(cast.hub_manager)
    body = client.get(f"/accounts/people/{cast.teacher.pk}/").content.decode()
    assert "Locked after 5 failed sign-ins" in body
    done = client.post(f"/accounts/people/{cast.teacher.pk}/unlock/", follow=True)
    assert "is unlocked" in done.content.decode()
    cast.teacher.refresh_from_db()
    assert cast.teacher.locked_until is None


def test_deactivating_and_reactivating_through_the_pages(cast, client_for):
    client = client_for(cast.admin)
    confirm = client.get(f"/accounts/people/{cast.teacher.pk}/deactivate/").content.decode()
    assert "Deactivate their account?" in confirm
    client.post(f"/accounts/people/{cast.teacher.pk}/deactivate/")
    assert not User.objects.get(pk=cast.teacher.pk).is_active
    page = client.get(f"/accounts/people/{cast.teacher.pk}/").content.decode()
    assert "Reactivate the account" in page
    client.post(f"/accounts/people/{cast.teacher.pk}/reactivate/")
    assert User.objects.get(pk=cast.teacher.pk).is_active


def test_deactivating_yourself_is_refused_on_the_page(cast, client_for):
    response = client_for(cast.admin).post(f"/accounts/people/{cast.admin.pk}/deactivate/")
    assert response.status_code == 200
    assert "You cannot deactivate your own account." in response.content.decode()
    assert "<title>Error: " in response.content.decode()


def test_sending_the_password_link_from_the_page(cast, client_for):
    done = client_for(cast.hub_manager).post(f"/accounts/people/{cast.teacher.pk}/password-email/", follow=True)
    assert f"We have emailed {cast.teacher.email}" in done.content.decode()
    assert mail.outbox[0].to == [cast.teacher.email]
    assert "http://testserver/accounts/password-reset/" in mail.outbox[0].body


# Adding people and roles ------------------------------------------------------------------------
def test_adding_a_person_sends_their_password_link(cast, client_for):
    response = client_for(cast.hub_manager).post("/accounts/people/add/", add_person_data(cast), follow=True)
    person = User.objects.get(username="p.shah")
    assert response.redirect_chain[-1][0] == f"/accounts/people/{person.pk}/"
    assert "We have emailed p.shah@example.org" in response.content.decode()
    assert person.has_role(Role.CAREERS_LEADER)
    assert mail.outbox[0].to == ["p.shah@example.org"]


def test_adding_a_person_without_the_email(cast, client_for):
    client_for(cast.hub_manager).post("/accounts/people/add/", add_person_data(cast, send_email=""))
    assert User.objects.filter(username="p.shah").exists()
    assert mail.outbox == []


def test_the_organisation_must_match_the_role_with_a_specific_error(cast, client_for):
    response = client_for(cast.hub_manager).post(
        "/accounts/people/add/", add_person_data(cast, organisation=f"employer:{cast.employer.pk}")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a person" in body
    assert "A careers leader holds their role in a school or college. Choose a school or college, not an employer." in body
    assert 'href="#id_organisation"' in body  # the error summary links to the field
    assert not User.objects.filter(username="p.shah").exists()


def test_missing_details_are_named(cast, client_for):
    body = client_for(cast.hub_manager).post("/accounts/people/add/", {}).content.decode()
    for message in ("Enter their first name", "Enter their last name", "Enter their email address",
                    "Enter a username", "Choose a role", "Choose where they hold the role"):
        assert message in body


def test_the_admin_role_is_offered_to_administrators_only(cast, client_for):
    manager_form = client_for(cast.hub_manager).get("/accounts/people/add/").context["form"]
    assert "admin" not in dict(manager_form.fields["role"].choices)
    posted = client_for(cast.hub_manager).post("/accounts/people/add/", add_person_data(cast, role="admin", organisation=f"partnership:{cast.partnership.pk}"))
    assert "Choose one of the roles listed" in posted.content.decode()
    admin_form = client_for(cast.admin).get("/accounts/people/add/").context["form"]
    assert "admin" in dict(admin_form.fields["role"].choices)
    assert "young_person" not in dict(admin_form.fields["role"].choices)


def test_giving_and_removing_a_role_through_the_pages(cast, client_for):
    client = client_for(cast.hub_manager)
    client.post(f"/accounts/people/{cast.teacher.pk}/roles/add/", {"role": "teacher", "organisation": f"school:{cast.other_school.pk}"})
    added = cast.teacher.role_assignments.get(school=cast.other_school)
    page = client.get(f"/accounts/people/{cast.teacher.pk}/").content.decode()
    assert "Southgate High" in page
    client.post(f"/accounts/people/{cast.teacher.pk}/roles/{added.pk}/remove/")
    assert not cast.teacher.role_assignments.filter(school=cast.other_school).exists()
    last = cast.teacher.role_assignments.get()
    refused = client.post(f"/accounts/people/{cast.teacher.pk}/roles/{last.pk}/remove/")
    assert "A person needs at least one role" in refused.content.decode()


def test_a_role_of_another_person_is_not_found(cast, client_for):
    other = cast.mentor.role_assignments.get()
    assert client_for(cast.hub_manager).get(f"/accounts/people/{cast.teacher.pk}/roles/{other.pk}/remove/").status_code == 404


# A careers leader's staff -----------------------------------------------------------------------
def test_a_careers_leader_adds_a_teacher_and_sees_their_staff(cast, client_for):
    client = client_for(cast.careers_leader)
    response = client.post("/accounts/school-staff/add-teacher/", {
        "first_name": "Tom", "last_name": "Baker", "email": "t.baker@example.org", "username": "t.baker", "send_email": "on",
    }, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/accounts/school-staff/"
    assert "Tom Baker is added as a teacher" in body
    person = User.objects.get(username="t.baker")
    assert person.role_assignments.get().school == cast.school
    assert mail.outbox[0].to == ["t.baker@example.org"]
    assert "Tom Baker" in body and "No password yet" in body
    assert "other_careers_leader" not in body


def test_a_careers_leader_resends_a_teachers_link_from_the_staff_page(cast, client_for):
    response = client_for(cast.careers_leader).post(
        f"/accounts/people/{cast.teacher.pk}/password-email/", {"next": "/accounts/school-staff/"}
    )
    assert response["Location"] == "/accounts/school-staff/"
    assert mail.outbox[0].to == [cast.teacher.email]
    elsewhere = client_for(cast.careers_leader).post(
        f"/accounts/people/{cast.teacher.pk}/password-email/", {"next": "https://elsewhere.example.com/"}
    )
    assert elsewhere["Location"] == "/accounts/school-staff/"
