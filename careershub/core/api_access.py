"""Declared access for API operations, the counterpart of core.permissions for django-ninja.

Authentication (session or bearer token) is done by the API's auth classes; these decorators check
the role and mark the operation for the meta-test that walks every endpoint.
"""
from functools import wraps

from ninja.errors import HttpError

from .permissions import ACCESS_ATTRIBUTE, PUBLIC, SIGNED_IN


def api_public(func):
    setattr(func, ACCESS_ATTRIBUTE, PUBLIC)
    return func


def api_signed_in(func):
    setattr(func, ACCESS_ATTRIBUTE, SIGNED_IN)
    return func


def api_roles(*allowed):
    allowed_roles = frozenset(str(r) for r in allowed)

    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            if not request.auth.has_any_role(allowed_roles):
                raise HttpError(403, "Your role does not give access to this endpoint.")
            return func(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, allowed_roles)
        return wrapper

    return decorator
