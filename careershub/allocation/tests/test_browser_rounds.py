"""In the browser: a young person ranks their choices, staff run and publish the round, and the young
person sees their result and why; every page on the way passes axe-core."""
import pytest

from careershub.allocation.tests.matrix import host_entry, open_round
from careershub.conftest import sign_in_through_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def test_choices_run_publish_and_result(page, axe, cast):
    allocation_round = open_round(cast)
    entry = host_entry(cast)

    sign_in_through_the_page(page, "young_person", cast.password)
    page.goto("/allocation/rounds/")
    assert axe(page) == []
    page.get_by_role("link", name=f"Change your choices for {allocation_round.name}").click()
    page.get_by_label("1st choice").select_option(str(entry.opportunity_id))
    page.get_by_label("2nd choice").select_option(str(entry.opportunity_id))
    with page.expect_navigation():
        page.get_by_role("button", name="Save your choices").click()
    assert "You have already chosen this as your 1st choice" in page.content()
    assert axe(page) == []
    page.get_by_label("2nd choice").select_option("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save your choices").click()
    assert "Your choices for" in page.content()
    sign_out(page)

    sign_in_through_the_page(page, "employer_contact", cast.password)
    page.goto(f"/allocation/entries/{entry.pk}/ranking/")
    assert axe(page) == []
    page.get_by_label("Amira K., Northfield Academy, year 10").fill("1")
    with page.expect_navigation():
        page.get_by_role("button", name="Save your ranking").click()
    sign_out(page)

    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto(f"/allocation/rounds/{allocation_round.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Close the round for choices").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Run the allocation").click()
    assert "Runs compared side by side" in page.content()
    assert axe(page) == []
    page.get_by_role("link", name="Publish run 1").click()
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Publish run 1").click()
    assert "everyone in the round has been told" in page.content()
    page.goto(f"/allocation/runs/{allocation_round.runs.get().pk}/outcomes/")
    assert axe(page) == []
    sign_out(page)

    sign_in_through_the_page(page, "young_person", cast.password)
    page.goto(f"/allocation/rounds/{allocation_round.pk}/my-result/")
    assert "You got your 1st choice: Engineering week at Potteries Precision Ltd." in page.content()
    assert axe(page) == []


def test_pledge_dashboard_is_accessible(page, axe, cast):
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto("/opportunities/pledge/")
    assert axe(page) == []
    page.goto("/allocation/rounds/new/?policy=fewest_first")
    assert axe(page) == []


def test_every_round_and_pledge_page_passes_axe(page, axe, cast, live_server):
    """Each GET page row of the allocation and pledge matrices, as the first person allowed to see it."""
    from careershub.allocation.tests.matrix import ROWS as ROUND_ROWS
    from careershub.core.tests.test_browser_every_page import is_html_page, sign_in_context, viewer_for
    from careershub.opportunities.tests.matrix_pledge import ROWS as PLEDGE_ROWS

    failures = {}
    for row in [*ROUND_ROWS, *PLEDGE_ROWS]:
        if row.api or row.method != "get" or row.ok != 200:
            continue
        who = viewer_for(row)
        url = row.url(cast)
        client = sign_in_context(page, live_server, cast.users[who])
        if not is_html_page(client, url):
            continue
        response = page.goto(url)
        if response is None or response.status != 200:
            failures[f"{url} as {who}"] = f"status {response.status if response else 'none'}"
            continue
        violations = axe(page)
        if violations:
            failures[f"{url} as {who}"] = violations
    assert failures == {}
