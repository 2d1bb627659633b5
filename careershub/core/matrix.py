"""The permission matrix: every page and API endpoint, every role, allowed and denied.

Each app lists its pages and endpoints in ``<app>/tests/matrix.py`` as ``ROWS``. The matrix test
(core/tests/test_permission_matrix.py) requests every row as every member of the cast (the twelve
role users, the other school's careers leader, the other employer's contact, a signed-in person with
no role, and nobody signed in) and checks the answer:

- allowed people get ``ok`` (200 unless the row says otherwise, such as 302 for a redirecting home);
- denied people get 403 or 404 (404 when the view hides that the object exists);
- nobody signed in is sent to sign in (pages, 302) or refused (API, 401), unless the row is public.

A further test fails when a URL or API operation has no row, so no page escapes the matrix.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

# Everyone the matrix asks, by cast key. "anonymous" is nobody signed in.
ROLE_KEYS = (
    "hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact",
    "enterprise_adviser", "mentor", "careers_adviser", "young_person", "parent_carer", "analyst", "admin",
)
EXTRA_KEYS = ("other_careers_leader", "other_employer_contact", "outsider")
EVERYONE = ROLE_KEYS + EXTRA_KEYS
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Row:
    """One page or endpoint. ``route`` is the URL name ("network:school_detail") for pages and
    "METHOD /api/path/{param}" for API operations; ``url`` builds the concrete URL from the cast."""

    route: str
    url: Callable
    allowed: frozenset[str]
    ok: int = 200
    public: bool = False
    signed_in_ok: int | None = None  # a public page that answers signed-in people differently
    method: str = "get"
    data: dict | Callable | None = None  # POST data, or a function of the cast returning it
    api: bool = False
    note: str = ""
    denied_statuses: tuple[int, ...] = field(default=(403, 404))


def page(route, url, allowed, **kwargs) -> Row:
    return Row(route=route, url=url, allowed=frozenset(allowed), **kwargs)


def endpoint(route, url, allowed, **kwargs) -> Row:
    return Row(route=route, url=url, allowed=frozenset(allowed), api=True, **kwargs)


def public_page(route, url, **kwargs) -> Row:
    return Row(route=route, url=url, allowed=frozenset(EVERYONE), public=True, **kwargs)
