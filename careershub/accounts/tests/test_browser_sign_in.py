import pytest

from careershub.conftest import sign_in_through_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_careers_leader_signs_in_with_the_keyboard_and_lands_on_their_school(cast, page, axe):
    page.goto("/")
    assert axe(page) == []
    page.goto("/accounts/sign-in/")
    assert axe(page) == []
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.get_by_label("Username").fill("careers_leader")
    page.get_by_label("Password").fill(cast.password)
    with page.expect_navigation():
        page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"**{cast.school.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == cast.school.name
    assert axe(page) == []


def test_a_wrong_password_shows_an_error_summary_that_passes_axe(cast, page, axe):
    sign_in_through_the_page(page, "careers_leader", "not-the-password")
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe(page) == []
