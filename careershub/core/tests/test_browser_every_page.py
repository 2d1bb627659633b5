"""axe-core on every page of the matrix, as someone allowed to see it.

The apps' own browser tests visit their pages in context (forms with errors, keyboard paths); this
sweep makes sure no page listed in the permission matrix escapes the accessibility check.
"""
import pytest
from django.conf import settings
from django.test import Client

from careershub.core.matrix import ROLE_KEYS

from .test_permission_matrix import collect_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def viewer_for(row) -> str | None:
    """The first role in the usual order that may see the page; None for public pages."""
    if row.public:
        return None
    for key in (*ROLE_KEYS, "other_careers_leader", "other_employer_contact", "outsider"):
        if key in row.allowed:
            return key
    return None


def is_html_page(client, url) -> bool:
    """Downloads (CSV exports, PDFs) are not pages to check."""
    return client.get(url)["Content-Type"].startswith("text/html")


def sign_in_context(page, live_server, user) -> Client:
    page.context.clear_cookies()
    client = Client()
    if user is None:
        return client
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    return client


def test_every_page_in_the_matrix_passes_axe(cast, page, axe, live_server):
    rows = [row for row in collect_rows() if not row.api and row.method == "get" and row.ok == 200]
    assert len(rows) > 30
    failures = {}
    visited = set()
    for row in rows:
        who = viewer_for(row)
        url = row.url(cast)
        if (url, who) in visited:
            continue
        visited.add((url, who))
        client = sign_in_context(page, live_server, cast.users[who] if who else None)
        if not is_html_page(client, url):
            continue
        response = page.goto(url)
        if response is None or response.status != 200:
            failures[f"{row.route} {url} as {who}"] = f"status {response.status if response else 'none'}"
            continue
        violations = axe(page)
        if violations:
            failures[f"{row.route} {url} as {who}"] = violations
    assert failures == {}
