from careershub.core.matrix import EVERYONE, ROLE_KEYS, page, public_page

WITH_A_ROLE = ROLE_KEYS + ("other_careers_leader", "other_employer_contact")
PEOPLE_MANAGERS = ["hub_manager", "admin"]
CAREERS_LEADERS = ["careers_leader", "other_careers_leader"]
NEW_PASSWORD = "kiln-harbour-lantern-2026"


def _careers_leader_token(cast):
    from careershub.accounts import services

    token, _ = services.api_token_create(acting_user=cast.careers_leader, name="MIS sync")
    return token


def _teacher_second_role(cast):
    """A second role for the teacher (so one can be removed); made inside each test, rolled back."""
    from careershub.accounts.models import RoleAssignment

    assignment, _ = RoleAssignment.objects.get_or_create(
        user=cast.teacher, role="teacher", partnership=cast.partnership, school=cast.other_school,
    )
    return assignment


def _deactivated_person(cast):
    from careershub.accounts.models import RoleAssignment, User

    person, _ = User.objects.get_or_create(username="left.school", defaults={"is_active": False, "email": "left@example.org"})
    RoleAssignment.objects.get_or_create(user=person, role="teacher", partnership=cast.partnership, school=cast.school)
    return person


def _person_data(cast):
    return {
        "first_name": "Priya", "last_name": "Shah", "email": "p.shah@example.org", "username": "p.shah",
        "role": "careers_leader", "organisation": f"school:{cast.school.pk}", "send_email": "on",
    }


ROWS = [
    public_page("accounts:sign_in", lambda cast: "/accounts/sign-in/", signed_in_ok=302),
    public_page("accounts:sign_out", lambda cast: "/accounts/sign-out/", method="post", ok=302),
    public_page("accounts:password_reset", lambda cast: "/accounts/password-reset/"),
    public_page("accounts:password_reset_done", lambda cast: "/accounts/password-reset/sent/"),
    public_page("accounts:password_reset_confirm", lambda cast: "/accounts/password-reset/MQ/bad-token/"),
    public_page("accounts:password_reset_complete", lambda cast: "/accounts/password-reset/complete/"),
    # Everyone with a role is sent on to their home page; a person with no role is told so.
    page("accounts:home", lambda cast: "/accounts/home/", WITH_A_ROLE, ok=302),
    page("accounts:admin_home", lambda cast: "/accounts/admin/", ["admin"]),
    # Your account: everyone signed in, even without a role.
    page("accounts:account", lambda cast: "/accounts/me/", EVERYONE),
    page("accounts:password_change", lambda cast: "/accounts/me/password/", EVERYONE),
    page("accounts:password_change", lambda cast: "/accounts/me/password/", EVERYONE, method="post", ok=302,
         data=lambda cast: {"old_password": cast.password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
    # API tokens: everyone holding a role; a token is only ever its owner's.
    page("accounts:api_tokens", lambda cast: "/accounts/me/api-tokens/", WITH_A_ROLE),
    page("accounts:api_tokens", lambda cast: "/accounts/me/api-tokens/", WITH_A_ROLE, method="post",
         data={"name": "MIS sync"}, note="creates a token and shows its secret once"),
    page("accounts:api_token_revoke", lambda cast: f"/accounts/me/api-tokens/{_careers_leader_token(cast).pk}/revoke/",
         ["careers_leader"], note="the careers leader's own token; to anyone else it does not exist (404)"),
    page("accounts:api_token_revoke", lambda cast: f"/accounts/me/api-tokens/{_careers_leader_token(cast).pk}/revoke/",
         ["careers_leader"], method="post", ok=302),
    # People management: hub managers and administrators.
    page("accounts:people", lambda cast: "/accounts/people/", PEOPLE_MANAGERS),
    page("accounts:person_add", lambda cast: "/accounts/people/add/", PEOPLE_MANAGERS),
    page("accounts:person_add", lambda cast: "/accounts/people/add/", PEOPLE_MANAGERS, method="post", ok=302,
         data=_person_data),
    page("accounts:person_detail", lambda cast: f"/accounts/people/{cast.teacher.pk}/", PEOPLE_MANAGERS),
    page("accounts:person_detail", lambda cast: f"/accounts/people/{cast.admin.pk}/", PEOPLE_MANAGERS,
         note="a hub manager sees an administrator's page, without the actions"),
    page("accounts:person_role_add", lambda cast: f"/accounts/people/{cast.teacher.pk}/roles/add/", PEOPLE_MANAGERS),
    page("accounts:person_role_add", lambda cast: f"/accounts/people/{cast.teacher.pk}/roles/add/", PEOPLE_MANAGERS,
         method="post", ok=302, data=lambda cast: {"role": "careers_leader", "organisation": f"school:{cast.school.pk}"}),
    page("accounts:person_role_add", lambda cast: f"/accounts/people/{cast.admin.pk}/roles/add/", ["admin"],
         note="only an administrator changes an administrator's account"),
    page("accounts:person_role_remove",
         lambda cast: f"/accounts/people/{cast.teacher.pk}/roles/{_teacher_second_role(cast).pk}/remove/", PEOPLE_MANAGERS),
    page("accounts:person_role_remove",
         lambda cast: f"/accounts/people/{cast.teacher.pk}/roles/{_teacher_second_role(cast).pk}/remove/", PEOPLE_MANAGERS,
         method="post", ok=302),
    page("accounts:person_deactivate", lambda cast: f"/accounts/people/{cast.teacher.pk}/deactivate/", PEOPLE_MANAGERS),
    page("accounts:person_deactivate", lambda cast: f"/accounts/people/{cast.teacher.pk}/deactivate/", PEOPLE_MANAGERS,
         method="post", ok=302),
    page("accounts:person_reactivate", lambda cast: f"/accounts/people/{_deactivated_person(cast).pk}/reactivate/",
         PEOPLE_MANAGERS, method="post", ok=302),
    page("accounts:person_unlock", lambda cast: f"/accounts/people/{cast.teacher.pk}/unlock/", PEOPLE_MANAGERS,
         method="post", ok=302),
    page("accounts:person_send_password_email", lambda cast: f"/accounts/people/{cast.teacher.pk}/password-email/",
         PEOPLE_MANAGERS + ["careers_leader"], method="post", ok=302,
         note="the teacher's own careers leader may resend it; the other school's gets 404"),
    # A careers leader's staff.
    page("accounts:school_staff", lambda cast: "/accounts/school-staff/", CAREERS_LEADERS),
    page("accounts:teacher_add", lambda cast: "/accounts/school-staff/add-teacher/", CAREERS_LEADERS),
    page("accounts:teacher_add", lambda cast: "/accounts/school-staff/add-teacher/", CAREERS_LEADERS, method="post",
         ok=302, data={"first_name": "Tom", "last_name": "Baker", "email": "t.baker@example.org", "username": "t.baker"}),
    # The audit log.
    page("accounts:audit_log", lambda cast: "/accounts/audit/", PEOPLE_MANAGERS),
    page("accounts:audit_log", lambda cast: "/accounts/audit/?actor=careers&action=view&date_from=1/9/2026", PEOPLE_MANAGERS),
]
