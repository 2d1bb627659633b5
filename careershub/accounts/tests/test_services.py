"""The people and token services, called directly: authority, role scope, lockout, audit."""
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.accounts import services
from careershub.accounts.models import ApiToken, RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.core.models import AuditEntry

pytestmark = pytest.mark.django_db

SITE = "https://careershub.example.org"


def new_person(cast, acting_user, **overrides):
    fields = {
        "first_name": "Priya", "last_name": "Shah", "email": "p.shah@example.org", "username": "p.shah",
        "role": Role.TEACHER, "organisation": cast.school,
    } | overrides
    return services.person_create(acting_user=acting_user, **fields)


def errors_of(excinfo) -> dict:
    return {field: [str(m) for m in messages] for field, messages in excinfo.value.message_dict.items()}


# Creating people and giving roles ----------------------------------------------------------------
def test_a_hub_manager_adds_a_person_with_a_role_and_both_are_audited(cast):
    person = new_person(cast, cast.hub_manager)
    assert person.has_role(Role.TEACHER)
    assert not person.has_usable_password()
    assignment = person.role_assignments.get()
    assert (assignment.school, assignment.partnership) == (cast.school, cast.partnership)
    entries = AuditEntry.objects.filter(actor=cast.hub_manager, action="create")
    assert {e.subject_type for e in entries} == {"accounts.user", "accounts.roleassignment"}


@pytest.mark.parametrize(("role", "organisation", "message"), [
    (Role.CAREERS_LEADER, "employer", "A careers leader holds their role in a school or college. Choose a school or college, not an employer."),
    (Role.ENTERPRISE_COORDINATOR, "school", "An enterprise coordinator holds their role in an area hub. Choose an area hub, not a school or college."),
    (Role.MENTOR, "partnership", "A mentor holds their role in a provider. Choose a provider, not the partnership."),
    (Role.ANALYST, "school", "An analyst holds their role in the whole partnership. Choose the partnership, not a school or college."),
    (Role.EMPLOYER_CONTACT, "provider", "An employer contact holds their role in an employer. Choose an employer, not a provider."),
])
def test_the_organisation_must_be_the_kind_the_role_is_held_in(cast, role, organisation, message):
    with pytest.raises(ValidationError) as excinfo:
        new_person(cast, cast.hub_manager, role=role, organisation=getattr(cast, organisation))
    assert errors_of(excinfo) == {"organisation": [message]}
    assert not User.objects.filter(username="p.shah").exists()


@pytest.mark.parametrize(("role", "organisation"), [
    (Role.HUB_MANAGER, "partnership"), (Role.ENTERPRISE_COORDINATOR, "area_hub"), (Role.CAREERS_LEADER, "school"),
    (Role.EMPLOYER_CONTACT, "employer"), (Role.ENTERPRISE_ADVISER, "employer"), (Role.MENTOR, "provider"),
    (Role.CAREERS_ADVISER, "provider"), (Role.ANALYST, "partnership"),
])
def test_each_role_is_held_in_its_own_kind_of_organisation(cast, role, organisation):
    person = new_person(cast, cast.hub_manager, role=role, organisation=getattr(cast, organisation))
    assert person.role_assignments.get().organisation == getattr(cast, organisation)


def test_a_hub_manager_cannot_grant_the_admin_role(cast):
    with pytest.raises(ValidationError) as excinfo:
        new_person(cast, cast.hub_manager, role=Role.ADMIN, organisation=cast.partnership)
    assert errors_of(excinfo) == {"role": ["Only an administrator can give someone the administrator role."]}
    with pytest.raises(ValidationError):
        services.role_assign(acting_user=cast.hub_manager, user=cast.teacher, role=Role.ADMIN, organisation=cast.partnership)
    assert not cast.teacher.role_assignments.filter(role=Role.ADMIN).exists()


def test_an_admin_can_grant_the_admin_role(cast):
    person = new_person(cast, cast.admin, role=Role.ADMIN, organisation=cast.partnership)
    assert person.has_role(Role.ADMIN)


def test_a_hub_manager_cannot_change_an_administrators_account(cast):
    with pytest.raises(PermissionDenied):
        services.person_deactivate(acting_user=cast.hub_manager, person=cast.admin)
    with pytest.raises(PermissionDenied):
        services.role_assign(acting_user=cast.hub_manager, user=cast.admin, role=Role.ANALYST, organisation=cast.partnership)
    assert User.objects.get(pk=cast.admin.pk).is_active


def test_people_outside_management_cannot_add_people(cast):
    for someone in (cast.enterprise_coordinator, cast.teacher, cast.analyst, cast.employer_contact):
        with pytest.raises(ValidationError) as excinfo:
            new_person(cast, someone, username=f"new.{someone.username}", email=f"{someone.username}@new.example.org")
        assert "role" in excinfo.value.message_dict


def test_a_careers_leader_adds_a_teacher_at_their_own_school_only(cast):
    teacher = new_person(cast, cast.careers_leader)
    assert teacher.role_assignments.get().school == cast.school
    with pytest.raises(ValidationError):
        new_person(cast, cast.careers_leader, username="x", email="x@example.org", organisation=cast.other_school)
    with pytest.raises(ValidationError):
        new_person(cast, cast.careers_leader, username="y", email="y@example.org", role=Role.CAREERS_LEADER)
    with pytest.raises(PermissionDenied):  # an existing account is the hub's to change
        services.role_assign(acting_user=cast.careers_leader, user=cast.mentor, role=Role.TEACHER, organisation=cast.school)


def test_usernames_and_emails_are_unique_ignoring_case(cast):
    new_person(cast, cast.hub_manager)
    with pytest.raises(ValidationError) as excinfo:
        new_person(cast, cast.hub_manager, username="P.Shah", email="P.SHAH@example.org")
    assert set(errors_of(excinfo)) == {"username", "email"}


def test_the_same_role_in_the_same_place_twice_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        services.role_assign(acting_user=cast.hub_manager, user=cast.teacher, role=Role.TEACHER, organisation=cast.school)
    assert "already teacher at Northfield Academy" in errors_of(excinfo)["role"][0]


def test_removing_a_role_is_audited_but_the_last_role_stays(cast):
    extra = services.role_assign(acting_user=cast.hub_manager, user=cast.teacher, role=Role.TEACHER, organisation=cast.other_school)
    extra_pk = extra.pk
    services.role_remove(acting_user=cast.hub_manager, assignment=extra)
    assert not RoleAssignment.objects.filter(pk=extra_pk).exists()
    assert AuditEntry.objects.filter(actor=cast.hub_manager, action="delete", subject_id=str(extra_pk)).exists()
    with pytest.raises(ValidationError, match="at least one role"):
        services.role_remove(acting_user=cast.hub_manager, assignment=cast.teacher.role_assignments.get())


def test_no_one_removes_their_own_managing_role_and_only_admins_remove_the_admin_role(cast):
    second = services.role_assign(acting_user=cast.admin, user=cast.hub_manager, role=Role.ANALYST, organisation=cast.partnership)
    own = cast.hub_manager.role_assignments.get(role=Role.HUB_MANAGER)
    with pytest.raises(ValidationError, match="your own"):
        services.role_remove(acting_user=cast.hub_manager, assignment=own)
    assert second.pk
    with pytest.raises(PermissionDenied):
        services.role_remove(acting_user=cast.hub_manager, assignment=cast.admin.role_assignments.get())


# Deactivating, unlocking, password links ---------------------------------------------------------
def test_deactivating_stops_sign_in_revokes_tokens_and_reactivating_restores(cast, client):
    _, secret = services.api_token_create(acting_user=cast.teacher, name="MIS")
    services.person_deactivate(acting_user=cast.hub_manager, person=cast.teacher)
    cast.teacher.refresh_from_db()
    assert not cast.teacher.is_active
    assert not ApiToken.objects.active().filter(user=cast.teacher).exists()
    entry = AuditEntry.objects.get(actor=cast.hub_manager, subject_id=str(cast.teacher.pk), summary__startswith="Deactivated")
    assert "revoked 1 API token" in entry.summary
    assert not client.login(username="teacher", password=cast.password)

    services.person_reactivate(acting_user=cast.hub_manager, person=cast.teacher)
    assert client.login(username="teacher", password=cast.password)
    assert AuditEntry.objects.filter(summary__startswith="Reactivated").count() == 1


def test_no_one_deactivates_themself(cast):
    with pytest.raises(ValidationError):
        services.person_deactivate(acting_user=cast.hub_manager, person=cast.hub_manager)


def test_unlocking_clears_the_lockout(cast, client):
    for _ in range(5):
        client.post("/accounts/sign-in/", {"username": "teacher", "password": "wrong"})
    cast.teacher.refresh_from_db()
    assert cast.teacher.is_locked_out()
    services.person_unlock(acting_user=cast.hub_manager, person=cast.teacher)
    cast.teacher.refresh_from_db()
    assert (cast.teacher.failed_sign_ins, cast.teacher.last_failed_sign_in, cast.teacher.locked_until) == (0, None, None)
    assert client.login(username="teacher", password=cast.password)
    assert AuditEntry.objects.filter(actor=cast.hub_manager, summary__startswith="Unlocked").exists()


def test_the_password_set_email_carries_a_working_single_use_link(cast, client):
    person = new_person(cast, cast.hub_manager)
    services.person_send_password_set_email(acting_user=cast.hub_manager, person=person, site_url=SITE)
    [message] = mail.outbox
    assert message.to == ["p.shah@example.org"]
    assert message.subject == "Set your Careers Hub password"
    link = next(line for line in message.body.splitlines() if line.startswith(SITE))
    path = link.removeprefix(SITE)
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "a-fresh-pass-2026", "new_password2": "a-fresh-pass-2026"})
    assert done.status_code == 302
    assert client.login(username="p.shah", password="a-fresh-pass-2026")
    assert AuditEntry.objects.filter(summary=f"Sent {person} a link to set their password").exists()


def test_password_links_go_only_to_active_accounts_the_sender_may_manage(cast):
    services.person_deactivate(acting_user=cast.hub_manager, person=cast.teacher)
    with pytest.raises(ValidationError, match="Reactivate"):
        services.person_send_password_set_email(acting_user=cast.hub_manager, person=cast.teacher, site_url=SITE)
    with pytest.raises(PermissionDenied):
        services.person_send_password_set_email(acting_user=cast.other_careers_leader, person=cast.careers_leader, site_url=SITE)
    with pytest.raises(PermissionDenied):  # careers leaders resend links to their teachers, not to each other
        services.person_send_password_set_email(acting_user=cast.careers_leader, person=cast.other_careers_leader, site_url=SITE)
    assert mail.outbox == []


def test_a_careers_leader_resends_the_link_to_their_teacher(cast):
    services.person_send_password_set_email(acting_user=cast.careers_leader, person=cast.teacher, site_url=SITE)
    assert mail.outbox[0].to == [cast.teacher.email]


def test_someone_who_never_set_a_password_can_ask_for_a_new_link(cast, client):
    new_person(cast, cast.hub_manager)
    client.post("/accounts/password-reset/", {"email": "p.shah@example.org"})
    assert [m.to for m in mail.outbox] == [["p.shah@example.org"]]


# API tokens -------------------------------------------------------------------------------------
def test_a_token_is_stored_only_as_its_hash_and_a_short_prefix(cast):
    token, secret = services.api_token_create(acting_user=cast.careers_leader, name="MIS sync")
    assert secret.startswith("chub_") and len(secret) > 40
    assert token.key_hash == ApiToken.hash_key(secret)
    assert token.prefix == secret[5:13]
    assert token.display_prefix == f"chub_{secret[5:13]}…"
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in {str(v) for v in stored.values()}
    assert AuditEntry.objects.filter(actor=cast.careers_leader, action="create", subject_type="accounts.apitoken").exists()


def test_revoking_a_token_is_audited_and_only_its_owner_may(cast):
    token, _ = services.api_token_create(acting_user=cast.careers_leader, name="MIS sync")
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(acting_user=cast.other_careers_leader, token=token)
    services.api_token_revoke(acting_user=cast.careers_leader, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(actor=cast.careers_leader, summary__startswith="Revoked the API token").exists()


def test_a_person_holds_at_most_ten_active_tokens(cast):
    for n in range(services.MAX_ACTIVE_API_TOKENS):
        services.api_token_create(acting_user=cast.teacher, name=f"token {n}")
    with pytest.raises(ValidationError, match="Revoke one"):
        services.api_token_create(acting_user=cast.teacher, name="one too many")


def test_last_used_is_written_at_most_once_a_minute(cast, client):
    token, secret = services.api_token_create(acting_user=cast.careers_leader, name="MIS")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client.get("/api/network/schools", **auth)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/network/schools", **auth)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    client.get("/api/network/schools", **auth)
    token.refresh_from_db()
    assert token.last_used_at > first
