"""Writes about people and their accounts."""
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry

from .backends import find_user, lockout_window
from .models import RoleAssignment, User


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
    audit.record(actor=user, action=AuditEntry.Action.SIGN_IN, subject=user)


def role_assign(*, acting_user, user: User, role: str, **scope) -> RoleAssignment:
    assignment = RoleAssignment(user=user, role=role, **scope)
    assignment.full_clean()
    assignment.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=assignment, summary=str(assignment))
    return assignment
