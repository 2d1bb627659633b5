"""In the browser: every parents and consents page passes axe-core as someone allowed to see it,
and the school's link form with its errors does too."""
import pytest

from careershub.core.tests.test_browser_every_page import sign_in_context, viewer_for
from careershub.young_people.models import Consent
from careershub.young_people.tests.matrix_parents import ROWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_parents_page_passes_axe(cast, page, axe, live_server):
    failures = {}
    for row in ROWS:
        if row.method != "get":
            continue
        who = viewer_for(row)
        url = row.url(cast)
        sign_in_context(page, live_server, cast.users[who])
        assert page.goto(url).status == row.ok, url
        violations = axe(page)
        if violations:
            failures[f"{url} as {who}"] = violations
    assert failures == {}


def test_the_link_form_with_errors_and_the_record_sections_pass_axe(cast, page, axe, live_server):
    sign_in_context(page, live_server, cast.careers_leader)
    page.goto(f"/young-people/{cast.young_person_record.pk}/parents/link/")
    page.get_by_label("Email address").fill("not an email")
    with page.expect_navigation():
        page.get_by_role("button", name="Link the parent or carer").click()
    assert "There is a problem" in page.content()
    assert axe(page) == []
    page.goto(f"/young-people/{cast.young_person_record.pk}/")
    assert axe(page) == []
    Consent.objects.create(young_person=cast.young_person_record, purpose="photos", given_by=cast.parent_carer,
                           given_at="2026-09-01T10:00:00Z")
    sign_in_context(page, live_server, cast.parent_carer)
    page.goto(f"/young-people/{cast.young_person_record.pk}/consents/")
    assert axe(page) == []
