"""The young people list and record in a real browser: axe clean, and usable with the keyboard only."""
import pytest

from careershub.accounts.tests.test_browser_accounts import tab_to
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_signs_in_opens_the_list_and_a_record_with_the_keyboard_only(cast, page, axe):
    for n in range(55):
        YoungPersonFactory(school=cast.school, last_name=f"Surname{n:02d}", year_group=7 + n % 5)
    page.goto("/accounts/sign-in/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "id_username":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("teacher")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(cast.password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(cast.school.get_absolute_url())

    tab_to(page, "Young people")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Young people"
    assert "Showing 1 to 50 of 56 young people" in page.get_by_role("status").inner_text()
    assert axe(page) == []

    tab_to(page, "Khan, Amira")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Amira Khan"
    assert "Parents and carers" in page.content()
    assert axe(page) == []


def test_the_list_with_filters_pages_and_an_error(cast, page, axe):
    from careershub.conftest import sign_in_through_the_page

    for n in range(55):
        YoungPersonFactory(school=cast.other_school, last_name=f"Surname{n:02d}")
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto("/young-people/")
    assert axe(page) == []
    page.get_by_label("School or college").select_option(label="Southgate High")
    page.get_by_label("SEND").select_option(label="No SEND")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert "Showing 1 to 50 of 56" in page.get_by_role("status").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Next page").click()
    assert "Showing 51 to 56 of 56" in page.get_by_role("status").inner_text()
    assert axe(page) == []
    page.goto("/young-people/?year_group=99")
    assert page.title().startswith("Error: ")
    assert axe(page) == []
    page.goto(f"/young-people/schools/{cast.school.pk}/")
    assert axe(page) == []
    page.goto(cast.young_person_record.get_absolute_url())
    assert axe(page) == []


def test_the_young_persons_and_parents_own_pages(cast, page, axe):
    from careershub.conftest import sign_in_through_the_page

    sign_in_through_the_page(page, "young_person", cast.password)
    page.goto("/young-people/me/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your record"
    assert axe(page) == []
