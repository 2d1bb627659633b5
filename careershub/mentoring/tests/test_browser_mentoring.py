"""In the browser: the mentor's caseload dashboard and the session form with an error pass axe-core,
and so does every mentoring page in the matrix, seen by someone allowed to open it."""
import pytest

from careershub.conftest import sign_in_through_the_page
from careershub.core.tests.test_browser_every_page import sign_in_context, viewer_for

from . import matrix
from .factories import amira_referral, session_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_caseload_dashboard_and_a_session_form_with_an_error_pass_axe(cast, page, axe):
    referral = amira_referral(cast)
    session_with(cast, [referral], days_from_today=-30)
    session_with(cast, [referral], days_from_today=3)
    sign_in_through_the_page(page, "mentor", cast.password)
    page.goto("/mentoring/caseload/")
    assert page.get_by_role("heading", name="Your caseload", exact=True).is_visible()
    assert page.get_by_role("heading", name="Not seen in the last 21 days").is_visible()
    assert axe(page) == []

    page.goto("/mentoring/sessions/new/")
    page.get_by_label("One-to-one").check()
    page.get_by_label("Start time").fill("16:30")
    page.get_by_label("End time").fill("15:30")
    page.get_by_label("Online").check()
    page.get_by_label("What the session will work on").fill("Practise an interview")
    page.get_by_label("Amira Khan, year 10, Northfield Academy").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Book session").click()
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert "The end time must be after the start time" in summary.inner_text()
    assert axe(page) == []


def test_every_mentoring_page_passes_axe(cast, page, axe, live_server):
    failures = {}
    for row in matrix.ROWS:
        if row.api or row.method != "get" or row.ok != 200:
            continue
        who = viewer_for(row)
        url = row.url(cast)
        sign_in_context(page, live_server, cast.users[who])
        response = page.goto(url)
        assert response.status == 200, f"{url} as {who}: {response.status}"
        violations = axe(page)
        if violations:
            failures[f"{url} as {who}"] = violations
    assert failures == {}
