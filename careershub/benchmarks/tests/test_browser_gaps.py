"""In the browser: a hub manager works from the gap analysis to an action with the keyboard, the action's
owner reports progress, and every gap analysis and action plan page passes axe-core."""
from datetime import timedelta

import pytest
from django.utils import timezone

from careershub.benchmarks.models import Action
from careershub.benchmarks.tests import factories as f
from careershub.benchmarks.tests.test_browser_benchmarks import press_enter_on, tab_to
from careershub.conftest import sign_in_through_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gaps(cast):
    """Targets of 100% on benchmarks 5 and 6; Northfield Academy (North) short on 6, Southgate High (South)
    short on 6 too; cast.employer a cornerstone."""
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term().previous()
    f.submitted(cast.school, cast.careers_leader, term.previous(), met_share={6: 1})
    f.submitted(cast.school, cast.careers_leader, term, met_share={6: 2, 8: 2})
    f.submitted(cast.other_school, cast.other_careers_leader, term, met_share={6: 1})
    f.cornerstone(cast.employer)
    return term


def test_a_hub_manager_goes_from_the_gap_analysis_to_an_action_that_falls_overdue(cast, gaps, page, axe):
    sign_in_through_the_page(page, "hub_manager", cast.password)
    press_enter_on(page, "Gatsby Benchmarks")
    press_enter_on(page, "Gap analysis: where the gaps are and which schools need what")
    page.wait_for_url("**/benchmarks/gaps/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gap analysis"
    assert page.locator("#gap-heatmap tbody tr").count() == 2
    assert axe(page) == []

    # Filter by area hub: North.
    page.locator("#id_area_hub").focus()
    page.locator("#id_area_hub").select_option(label="North")
    press_enter_on(page, "Apply filters")
    assert page.locator("#gap-heatmap tbody tr").count() == 1
    heat = page.locator("#gap-heatmap tbody tr").first.inner_text()
    assert "Northfield Academy" in heat and "67%" in heat and "below target" in heat
    assert axe(page) == []

    # Which schools need what: benchmark 6, then the school.
    press_enter_on(page, "1 school in need on benchmark 6")
    assert page.get_by_role("heading", name="Benchmark 6, Experiences of workplaces: 1 school below the target of 100%").is_visible()
    assert axe(page) == []
    tab_to(page, "Raise an action for these schools")
    press_enter_on(page, "Northfield Academy")
    page.wait_for_url(f"**/benchmarks/schools/{cast.school.pk}/?benchmark=6")
    assert page.get_by_role("heading", level=1).inner_text() == "Northfield Academy"
    assert axe(page) == []

    # Raise a hub action serving it, from the keyboard.
    press_enter_on(page, "Raise a hub action serving Northfield Academy")
    assert page.locator("#id_benchmark_number").input_value() == "6"
    assert page.locator(f"input[name=schools][value='{cast.school.pk}']").is_checked()
    assert axe(page) == []
    page.locator("#id_title").focus()
    page.keyboard.type("Work experience week for year 10")
    page.keyboard.press("Tab")
    page.keyboard.type("Placements with cornerstone employers, prepared in tutor time.")
    page.locator("#id_owner").focus()
    page.locator("#id_owner").select_option(label="Potteries Precision Ltd")
    page.locator("#id_due_on").focus()
    page.keyboard.type((timezone.localdate() + timedelta(days=21)).strftime("%d/%m/%Y"))
    press_enter_on(page, "Raise the action")
    action = Action.objects.get()
    page.wait_for_url(f"**/benchmarks/actions/{action.pk}/")
    assert page.get_by_text("You have raised the action ‘Work experience week for year 10’").is_visible()
    assert page.locator(".govuk-tag", has_text="Overdue").count() == 0, "due in three weeks"
    assert axe(page) == []

    # Time passes: the due date is behind us. The action, its lists and the gap analysis say it is overdue.
    f.make_overdue(action, days=4)
    page.reload()
    assert page.get_by_text("Overdue: this action was due on").is_visible()
    assert page.locator(".govuk-tag", has_text="Overdue").is_visible()
    assert axe(page) == []
    page.goto("/benchmarks/gaps/")
    assert page.get_by_text("1 overdue").first.is_visible()
    press_enter_on(page, "1 overdue")
    page.wait_for_url("**/benchmarks/actions/?status=overdue")
    row = page.locator("tbody tr").first.inner_text()
    assert "Work experience week for year 10" in row and "Overdue" in row
    assert axe(page) == []


def test_the_owner_employer_reports_progress_with_the_keyboard(cast, gaps, page, axe):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=cast.employer,
                          title="Work experience week for year 10")
    sign_in_through_the_page(page, "employer_contact", cast.password)
    page.goto(f"/benchmarks/actions/{action.pk}/")
    assert axe(page) == []
    press_enter_on(page, "Update progress")
    assert axe(page) == []
    press_enter_on(page, "Add the note")
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").get_by_text("Enter what has happened").is_visible()
    assert axe(page) == []
    page.locator("#id_text").focus()
    page.keyboard.type("Twelve placements confirmed")
    page.locator("#id_status_1").focus()  # In progress
    page.keyboard.press("Space")
    press_enter_on(page, "Add the note")
    page.wait_for_url(f"**/benchmarks/actions/{action.pk}/")
    assert page.get_by_text("Marked in progress").is_visible() and page.get_by_text("Twelve placements confirmed").is_visible()
    assert axe(page) == []


def test_every_gap_analysis_and_action_page_passes_axe(cast, gaps, page, axe):
    hub = f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school],
                                      owner=cast.employer))
    own = f.school_action(cast.careers_leader, cast.school)
    sign_in_through_the_page(page, "hub_manager", cast.password)
    for url in ["/benchmarks/gaps/?need=6&sort=overall", "/benchmarks/gaps/?threshold=abc", "/benchmarks/actions/",
                "/benchmarks/actions/?status=overdue", f"/benchmarks/actions/{hub.pk}/edit/",
                f"/benchmarks/actions/{own.pk}/edit/", f"/benchmarks/schools/{cast.school.pk}/actions/new/",
                "/network/dashboard/"]:
        page.goto(url)
        assert axe(page) == [], url
    page.goto("/benchmarks/actions/new/")
    press_enter_on(page, "Raise the action")
    assert page.title().startswith("Error: ") and axe(page) == []

    page.context.clear_cookies()
    sign_in_through_the_page(page, "careers_leader", cast.password)
    for url in [f"/benchmarks/schools/{cast.school.pk}/", f"/benchmarks/actions/{own.pk}/", "/benchmarks/actions/"]:
        page.goto(url)
        assert axe(page) == [], url
