"""In the browser: an employer drafts an opportunity, submits it, the hub approves it and a young person
finds it on the menu; every page on the way passes axe-core."""
import pytest

from careershub.conftest import sign_in_through_the_page
from careershub.network.models import School
from careershub.opportunities.models import Opportunity
from careershub.opportunities.tests.menu_builders import STOKE, future, locate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page, axe):
    assert axe(page) == [], page.url


def test_create_submit_approve_and_find_on_the_menu(cast, page, axe):
    locate(STOKE)
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 2RS")
    sign_in_through_the_page(page, "employer_contact", cast.password)
    page.goto("/opportunities/ours/")
    check(page, axe)
    page.get_by_role("button", name="Create an opportunity").click()
    page.wait_for_url("**/opportunities/new/")
    check(page, axe)

    # Saving with gaps shows the errors beside the fields.
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    check(page, axe)

    page.get_by_label("Kind of opportunity", exact=True).select_option("work_experience")
    page.get_by_label("Title", exact=True).fill("Engineering work experience week")
    page.get_by_label("Summary", exact=True).fill("A week in our machine shop, working alongside apprentices.")
    page.get_by_label("Sector", exact=True).select_option("C")
    page.get_by_label("From year group", exact=True).select_option("10")
    page.get_by_label("To year group", exact=True).select_option("11")
    page.get_by_label("Number of places", exact=True).fill("4")
    page.get_by_label("The employer chooses from applications").check()
    page.get_by_label("Start date", exact=True).fill(future(60).strftime("%d/%m/%Y"))
    page.get_by_label("End date", exact=True).fill(future(64).strftime("%d/%m/%Y"))
    page.get_by_label("Times", exact=True).fill("9am to 3pm")
    page.get_by_label("Closing date for applications").fill(future(30).strftime("%d/%m/%Y"))
    page.get_by_label("Address", exact=True).fill("Unit 4, Kiln Lane, Stoke-on-Trent")
    page.get_by_label("Postcode", exact=True).fill("st4 2rs")
    page.get_by_label("What the young person will do each day", exact=True).fill(
        "Monday: safety induction. Tuesday to Thursday: shadowing an apprentice. Friday: a small project.")
    page.get_by_label("What to bring", exact=True).fill("A packed lunch. Safety boots are provided.")
    page.get_by_label("Who supervises them", exact=True).fill("Jo Patel, apprentice manager, supervises all week.")
    page.get_by_label("Name of the supervisor", exact=True).fill("Jo Patel")
    page.get_by_label("Access information", exact=True).fill("Step-free access throughout; a quiet room is available.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as a draft").click()
    opportunity = Opportunity.objects.get()
    assert opportunity.status == Opportunity.Status.DRAFT and opportunity.benchmarks == [6]
    check(page, axe)

    page.get_by_role("button", name="Submit for approval").click()
    page.wait_for_url(f"**/opportunities/{opportunity.pk}/submit/")
    check(page, axe)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for approval").click()
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.SUBMITTED
    check(page, axe)

    page.context.clear_cookies()
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto("/opportunities/approvals/")
    check(page, axe)
    page.get_by_role("link", name="Engineering work experience week").click()
    page.wait_for_url(f"**/opportunities/{opportunity.pk}/review/")
    check(page, axe)
    page.get_by_label("Return it to the host for changes").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your decision").click()
    assert page.locator("#id_reason-error").is_visible()
    check(page, axe)
    page.get_by_label("Approve it: it goes on the menu").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your decision").click()
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.APPROVED
    check(page, axe)

    page.context.clear_cookies()
    sign_in_through_the_page(page, "young_person", cast.password)
    page.goto("/opportunities/?within=5")
    assert page.get_by_role("link", name="Engineering work experience week").is_visible()
    check(page, axe)
    page.get_by_role("link", name="Engineering work experience week").click()
    page.wait_for_url(f"**/opportunities/{opportunity.pk}/")
    assert page.get_by_text("Monday: safety induction.").is_visible()
    check(page, axe)


def test_every_menu_page_passes_axe_for_each_kind_of_visitor(cast, page, axe, live_server):
    """The matrix's pages of the menu, as a young person, the host and a reviewer where each may see them
    (the pages differ by visitor: the call to apply, the host's buttons and history, the review form)."""
    from careershub.core.tests.test_browser_every_page import sign_in_context
    from careershub.opportunities.tests.matrix_menu import ROWS

    failures = {}
    for row in ROWS:
        if row.api or row.method != "get":
            continue
        url = row.url(cast)
        for who in ("young_person", "employer_contact", "hub_manager"):
            if who not in row.allowed:
                continue
            sign_in_context(page, live_server, cast.users[who])
            response = page.goto(url)
            if response is None or response.status != row.ok:
                failures[f"{url} as {who}"] = f"status {response.status if response else 'none'}"
                continue
            violations = axe(page)
            if violations:
                failures[f"{url} as {who}"] = violations
    assert failures == {}
