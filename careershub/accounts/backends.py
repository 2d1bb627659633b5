"""Authentication with lockout after repeated failed sign-ins."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked account even with the right password.

    Counting failures and locking happen in accounts.services.sign_in_failed, called by the
    user_login_failed signal, so every sign-in path (form, admin) counts toward the lockout.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and user.is_locked_out():
            if request is not None:
                request.careershub_locked_out = True
            return None
        return user


def lockout_window() -> timedelta:
    return timedelta(minutes=settings.CAREERSHUB_LOCKOUT_MINUTES)


def find_user(username: str):
    User = get_user_model()
    return User.objects.filter(username__iexact=username).first() if username else None


def now():
    return timezone.now()
