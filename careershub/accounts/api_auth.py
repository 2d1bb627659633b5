"""API authentication: the browser's session, or a bearer token for integrations.

A token acts with exactly the roles of the person who created it. Revoked tokens and tokens of
deactivated people are refused (401), as is any bearer value that matches no token.
"""
from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken

# last_used_at is written at most this often per token, so busy integrations do not write every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        if not token:
            return None
        api_token = (
            ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
        )
        if api_token is None or not api_token.user.is_active:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SignedInSession(SessionAuth):
    """Django's session, returning the user so handlers read request.auth the same way."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


API_AUTH = [TokenAuth(), SignedInSession()]
