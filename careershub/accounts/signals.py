from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_login_failed)
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    services.sign_in_failed(username=credentials.get("username", ""))


@receiver(user_logged_in)
def reset_failed_sign_ins(sender, request, user, **kwargs):
    services.sign_in_succeeded(user=user)
