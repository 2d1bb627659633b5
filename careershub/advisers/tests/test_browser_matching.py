import pytest

from careershub.advisers.models import AdviserMatch
from careershub.advisers.tests.factories import EnterpriseAdviserFactory
from careershub.conftest import sign_in_through_the_page
from careershub.network.models import GrowthSector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ada(cast):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing", priority=1)
    return EnterpriseAdviserFactory(partnership=cast.partnership, employer=cast.other_employer, name="Ada Okafor",
                                    area_hub=cast.other_area_hub, capacity=2)


def focused_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent.trim() : ''")


def test_a_hub_manager_finds_a_school_without_an_adviser_and_matches_one_with_the_keyboard(cast, ada, page, axe):
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.wait_for_url("**/network/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hub dashboard"
    assert page.get_by_text("1 of 2", exact=True).first.is_visible()
    assert axe(page) == []

    page.get_by_role("link", name="1 without an adviser").click()
    page.wait_for_url("**/advisers/schools-without-an-adviser/")
    assert axe(page) == []
    page.get_by_role("link", name="Find an adviser for Southgate High").click()
    page.wait_for_url(f"**/advisers/schools/{cast.other_school.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Southgate High"
    assert page.get_by_text("Same area hub (South); employer in priority growth sector 1 Advanced manufacturing").is_visible()
    assert axe(page) == []

    # Keyboard only: Tab through the page until the candidate's button has focus, then Enter.
    target = "Match Ada Okafor with Southgate High"
    for _ in range(80):
        page.keyboard.press("Tab")
        if focused_text(page) == target:
            break
    assert focused_text(page) == target
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/advisers/schools/{cast.other_school.pk}/")
    assert page.get_by_text("Ada Okafor is now Southgate High’s enterprise adviser").is_visible()
    card = page.locator("#current-adviser")
    assert "Ada Okafor" in card.inner_text()
    assert axe(page) == []
    match = AdviserMatch.objects.get(school=cast.other_school, ended_on__isnull=True)
    assert match.adviser == ada and match.matched_by == cast.hub_manager


def test_every_adviser_page_passes_axe(cast, ada, page, axe):
    """Each page of the adviser network in its usual states, including a form with errors."""
    sign_in_through_the_page(page, "hub_manager", cast.password)
    adviser = cast.enterprise_adviser_record
    AdviserMatch.objects.create(adviser=adviser, school=cast.other_school, started_on="2025-09-01", ended_on="2026-07-01",
                                end_reason="School asked for a change", explanation="Same area hub (North)")
    match = AdviserMatch.objects.get(school=cast.school, ended_on__isnull=True)
    for url in [
        "/advisers/", "/advisers/?matched=no", f"/advisers/{adviser.pk}/", "/advisers/new/",
        f"/advisers/{adviser.pk}/edit/", f"/advisers/{adviser.pk}/deactivate/", f"/advisers/schools/{cast.school.pk}/",
        f"/advisers/matches/{match.pk}/end/", "/network/dashboard/",
    ]:
        page.goto(url)
        assert axe(page) == [], url

    page.goto("/advisers/new/")
    page.get_by_role("button", name="Add adviser").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    assert axe(page) == []

    page.goto("/advisers/?area_hub=999999")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe(page) == []

    # A refused match shows the error summary on the candidates page.
    page.goto(f"/advisers/schools/{cast.other_school.pk}/")
    AdviserMatch.objects.create(adviser=ada, school=cast.other_school, started_on="2026-09-01")
    page.get_by_role("button", name="Match Ada Okafor with Southgate High").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "already has an enterprise adviser" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []


def test_an_enterprise_advisers_home_passes_axe(cast, page, axe):
    sign_in_through_the_page(page, "enterprise_adviser", cast.password)
    page.wait_for_url("**/advisers/my-schools/")
    assert "Northfield Academy" in page.locator("main").inner_text()
    assert axe(page) == []
