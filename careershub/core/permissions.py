"""Declared access for every view and API operation.

Each view carries exactly one declaration, read by the meta-test that walks the URL configuration:

- ``@public``: anyone, signed in or not (start page, sign-in, credential verification).
- ``@signed_in``: any signed-in person; the view scopes what it shows to them.
- ``@roles(Role.HUB_MANAGER, ...)``: signed-in people holding at least one of the roles.

Object-level checks happen as views fetch (``get_<thing>_for_user`` selectors that 404 outsiders).
"""
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

ACCESS_ATTRIBUTE = "careershub_access"
PUBLIC = "public"
SIGNED_IN = "signed-in"


def _declare(view, access):
    setattr(view, ACCESS_ATTRIBUTE, access)
    return view


def public(view):
    return _declare(view, PUBLIC)


def signed_in(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapper, SIGNED_IN)


def roles(*allowed):
    allowed_roles = frozenset(str(r) for r in allowed)
    if not allowed_roles:
        raise ValueError("roles() needs at least one role")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_any_role(allowed_roles):
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        return _declare(wrapper, allowed_roles)

    return decorator


def access_of(view) -> object:
    """The declaration on a view (or a class-based view's view function), or None."""
    return getattr(view, ACCESS_ATTRIBUTE, None)
