"""In the browser: the panel's selection page works without JavaScript and passes axe-core before and
after saving (with the balance of the selection) and with a refusal shown; every cohort page passes
axe-core as someone allowed to see it."""
import pytest

from careershub.cohorts.models import CohortApplication
from careershub.cohorts.tests import matrix
from careershub.cohorts.tests.factories import CohortApplicationFactory, pool_for
from careershub.core.tests.test_browser_every_page import sign_in_context, viewer_for
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_panel_selects_without_javascript_and_every_state_passes_axe(cast, chromium, live_server, axe):
    cohort, amira, ben = pool_for(cast, places=3)
    others = [CohortApplicationFactory(cohort=cohort, young_person=YoungPersonFactory(school=cast.school, sex="M"))
              for _ in range(6)]
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in_context(page, live_server, cast.employer_contact)
        page.goto(f"/cohorts/{cohort.pk}/selection/")
        page.get_by_label(f"Decision for Amira K., {cast.school.name}").select_option("selected")
        page.get_by_label(f"Decision for Ben L., {cast.other_school.name}").select_option("selected")
        page.get_by_label(f"Decision for {others[0].young_person.first_name} {others[0].young_person.last_name[0]}., "
                          f"{cast.school.name}").select_option("shortlisted")
        with page.expect_navigation():
            page.get_by_role("button", name="Save the decisions").click()
        assert "You have saved the panel's decisions" in page.content()
        assert page.get_by_role("table", name="Gender at each stage").is_visible()
    finally:
        context.close()
    assert set(cohort.applications.filter(status="selected").values_list("pk", flat=True)) == {amira.pk, ben.pk}
    assert CohortApplication.objects.get(pk=others[0].pk).shortlisted_at is not None


def test_the_selection_page_passes_axe_saved_and_refused(cast, page, axe, live_server):
    cohort, amira, ben = pool_for(cast, places=1)
    sign_in_context(page, live_server, cast.employer_contact)
    page.goto(f"/cohorts/{cohort.pk}/selection/")
    assert axe(page) == []
    page.get_by_label(f"Decision for Amira K., {cast.school.name}").select_option("selected")
    page.get_by_label(f"Decision for Ben L., {cast.other_school.name}").select_option("selected")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the decisions").click()
    assert "Select 1 fewer" in page.content()
    assert axe(page) == []
    page.get_by_label(f"Decision for Ben L., {cast.other_school.name}").select_option("not_selected")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the decisions").click()
    assert "Balance of the selection as saved" in page.content()
    assert axe(page) == []


def test_every_cohort_page_passes_axe(cast, page, axe, live_server):
    failures = {}
    for row in matrix.ROWS:
        if row.api or row.method != "get":
            continue
        who = viewer_for(row)
        url = row.url(cast)
        sign_in_context(page, live_server, cast.users[who])
        response = page.goto(url)
        assert response.status == row.ok, url
        violations = axe(page)
        if violations:
            failures[f"{url} as {who}"] = violations
    assert failures == {}
