"""Writes about people, their roles and their API tokens.

Every write takes the person doing it as ``acting_user`` and leaves an audit entry. Business rules
raise ``ValidationError`` (keyed by the form field they concern, for the page to show beside it);
acting beyond one's authority raises ``PermissionDenied``. ``acting_user=None`` means the platform
itself (a management command or the demo city), which is not subject to a person's authority.
"""
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from careershub.core import audit
from careershub.core.models import AuditEntry

from . import organisations
from .authority import grant_refusal, is_admin_of, may_manage, may_send_password_link, scope_error
from .backends import find_user, lockout_window
from .models import ApiToken, RoleAssignment, User
from .roles import PEOPLE_MANAGERS, ROLE_SCOPE, Role

MAX_ACTIVE_API_TOKENS = 10


# Sign-in ----------------------------------------------------------------------------------------
@transaction.atomic
def sign_in_failed(*, username: str) -> User | None:
    """Count a failed sign-in; lock the account once the threshold is reached within the window."""
    user = find_user(username)
    if user is None:
        return None
    now = timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    stale = user.last_failed_sign_in is None or now - user.last_failed_sign_in > lockout_window()
    user.failed_sign_ins = 1 if stale else user.failed_sign_ins + 1
    user.last_failed_sign_in = now
    user.save(update_fields=["failed_sign_ins", "last_failed_sign_in"])
    audit.record(actor=None, action=AuditEntry.Action.SIGN_IN_FAILED, subject=user, summary=f"Failed sign-in for {user.username}")
    if user.failed_sign_ins >= settings.CAREERSHUB_LOCKOUT_THRESHOLD and not user.is_locked_out(now):
        user.locked_until = now + lockout_window()
        user.save(update_fields=["locked_until"])
        audit.record(actor=None, action=AuditEntry.Action.LOCKED_OUT, subject=user,
                     summary=f"Locked for {settings.CAREERSHUB_LOCKOUT_MINUTES} minutes after repeated failures")
    return user


def sign_in_succeeded(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_sign_ins=0, last_failed_sign_in=None, locked_until=None)
    audit.record(actor=user, action=AuditEntry.Action.SIGN_IN, subject=user, summary=f"Signed in as {user.username}")


def _check_may_manage(acting_user, person: User) -> None:
    if acting_user is None:
        return
    if not may_manage(acting_user, person):
        raise PermissionDenied("You cannot change this person's account.")


# People -----------------------------------------------------------------------------------------
def _new_person_errors(*, username: str, email: str) -> dict:
    errors = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = "That username is already taken. Choose another."
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = "Another account already uses that email address."
    return errors


def _role_errors(acting_user, role: str, organisation) -> dict:
    refusal = scope_error(role, organisation)
    if refusal:
        return {"organisation": refusal}
    refusal = grant_refusal(acting_user, role, organisation)
    if refusal:
        return {"role": refusal}
    return {}


@transaction.atomic
def person_create(*, acting_user, first_name: str, last_name: str, email: str, username: str, role: str,
                  organisation) -> User:
    """Create an account holding one role in one organisation. The person has no password until
    they set one from the password-set email (person_send_password_set_email)."""
    username, email = username.strip(), email.strip()
    errors = _new_person_errors(username=username, email=email) | _role_errors(acting_user, role, organisation)
    if errors:
        raise ValidationError(errors)
    person = User(username=username, email=email, first_name=first_name.strip(), last_name=last_name.strip())
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=person,
                 summary=f"Created the account of {person.get_full_name()} ({person.username})")
    role_assign(acting_user=acting_user, user=person, role=role, organisation=organisation)
    return person


def _scope_fields(role: str, organisation) -> dict:
    fields = {"partnership": organisations.partnership_of(organisation)}
    scope = ROLE_SCOPE[Role(role)]
    if scope != "partnership":
        fields[scope] = organisation
    return fields


@transaction.atomic
def role_assign(*, acting_user, user: User, role: str, organisation=None, **scope) -> RoleAssignment:
    """Give a person a role within an organisation (a Partnership, AreaHub, School, Employer or
    Provider). The organisation must be of the kind the role is held within (ROLE_SCOPE), the acting
    person must be allowed to give that role there, and, for an account that already holds roles,
    to manage that account.

    ``**scope`` (partnership=..., school=...) is the older calling form, kept for the platform's own
    callers."""
    if organisation is None:
        organisation = scope.get(ROLE_SCOPE[Role(role)]) or scope.get("partnership")
        if organisation is None:
            raise ValidationError({"organisation": "Choose the organisation the role is held within."})
    errors = _role_errors(acting_user, role, organisation)
    if errors:
        raise ValidationError(errors)
    if acting_user is not None and user.role_assignments.exists():
        _check_may_manage(acting_user, user)
    fields = _scope_fields(role, organisation)
    same = {"area_hub": None, "school": None, "employer": None, "provider": None} | fields
    if RoleAssignment.objects.filter(user=user, role=role, **same).exists():
        raise ValidationError({"role": f"{user} is already {Role(role).label.lower()} at {organisation}."})
    assignment = RoleAssignment(user=user, role=role, **fields)
    assignment.full_clean()
    assignment.save()
    _forget_roles(user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=assignment,
                 summary=f"Gave {user} the role {assignment.get_role_display().lower()} at {assignment.organisation}")
    return assignment


@transaction.atomic
def role_remove(*, acting_user, assignment: RoleAssignment) -> None:
    person = assignment.user
    _check_may_manage(acting_user, person)
    if assignment.role == Role.ADMIN and acting_user is not None and not is_admin_of(acting_user, assignment.partnership_id):
        raise PermissionDenied("Only an administrator can remove the administrator role.")
    if acting_user is not None and person.pk == acting_user.pk and assignment.role in PEOPLE_MANAGERS:
        raise ValidationError(
            "You cannot remove your own hub manager or administrator role. Ask another hub manager or administrator."
        )
    if person.role_assignments.count() <= 1:
        raise ValidationError(
            "A person needs at least one role. To stop them signing in, deactivate their account instead."
        )
    summary = f"Removed the role {assignment.get_role_display().lower()} at {assignment.organisation} from {person}"
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=assignment, summary=summary)
    assignment.delete()
    _forget_roles(person)


def _forget_roles(user: User) -> None:
    """Drop the roles cached on the instance (and any prefetched ones), so it reads them afresh."""
    for attribute in ("_role_set", "_assignment_cache"):
        user.__dict__.pop(attribute, None)
    user.__dict__.get("_prefetched_objects_cache", {}).pop("role_assignments", None)


@transaction.atomic
def person_deactivate(*, acting_user, person: User) -> None:
    """Stop a person signing in (their sessions end at their next request) and revoke their API
    tokens. The account and its history stay; reactivating restores sign-in."""
    _check_may_manage(acting_user, person)
    if acting_user is not None and person.pk == acting_user.pk:
        raise ValidationError("You cannot deactivate your own account.")
    if not person.is_active:
        return
    person.is_active = False
    person.save(update_fields=["is_active"])
    revoked = ApiToken.objects.active().filter(user=person).update(revoked_at=timezone.now())
    summary = f"Deactivated the account of {person}"
    if revoked:
        summary += f" and revoked {revoked} API token{'s' if revoked != 1 else ''}"
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=person, summary=summary)


@transaction.atomic
def person_reactivate(*, acting_user, person: User) -> None:
    _check_may_manage(acting_user, person)
    if person.is_active:
        return
    person.is_active = True
    person.save(update_fields=["is_active"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=person,
                 summary=f"Reactivated the account of {person}")


@transaction.atomic
def person_unlock(*, acting_user, person: User) -> None:
    """Lift a sign-in lockout and forget the failed attempts that led to it."""
    _check_may_manage(acting_user, person)
    person.failed_sign_ins = 0
    person.last_failed_sign_in = None
    person.locked_until = None
    person.save(update_fields=["failed_sign_ins", "last_failed_sign_in", "locked_until"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=person,
                 summary=f"Unlocked the account of {person}")


def person_send_password_set_email(*, acting_user, person: User, site_url: str) -> None:
    """Email the person a single-use link to choose a password (Django's password reset token, so
    the link stops working once used, and after PASSWORD_RESET_TIMEOUT)."""
    if acting_user is not None and not may_send_password_link(acting_user, person):
        raise PermissionDenied("You cannot send this person a password-set email.")
    if not person.is_active:
        raise ValidationError("Reactivate the account before sending a password-set email.")
    if not person.email:
        raise ValidationError("The account has no email address to send the link to.")
    path = reverse("accounts:password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
        "token": default_token_generator.make_token(person),
    })
    context = {
        "person": person,
        "sender": acting_user,
        "link": site_url.rstrip("/") + path,
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    send_mail(
        subject=render_to_string("accounts/password_set_subject.txt", context).strip(),
        message=render_to_string("accounts/password_set_email.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=person,
                 summary=f"Sent {person} a link to set their password")


def password_changed(*, user: User) -> None:
    """Record that a person changed their own password (the form has saved it)."""
    audit.record(actor=user, action=AuditEntry.Action.UPDATE, subject=user, summary="Changed their password")


# API tokens -------------------------------------------------------------------------------------
@transaction.atomic
def api_token_create(*, acting_user, name: str) -> tuple[ApiToken, str]:
    """A new bearer token for acting_user. Returns the token and its secret: the secret is not
    stored (only its SHA-256 hash and a short prefix), so it can be shown this once only."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token"})
    if ApiToken.objects.active().filter(user=acting_user).count() >= MAX_ACTIVE_API_TOKENS:
        raise ValidationError({
            "name": f"You already have {MAX_ACTIVE_API_TOKENS} tokens. Revoke one you no longer use first."
        })
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=acting_user, name=name, prefix=ApiToken.display_prefix_of(key), key_hash=ApiToken.hash_key(key)
    )
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=token,
                 summary=f"Created the API token {name!r} ({token.display_prefix})")
    return token, key


@transaction.atomic
def api_token_revoke(*, acting_user, token: ApiToken) -> None:
    if acting_user is not None and token.user_id != acting_user.pk:
        raise PermissionDenied("You can only revoke your own tokens.")
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=token,
                 summary=f"Revoked the API token {token.name!r} ({token.display_prefix})")
