"""The account, API token, people, staff and audit pages in a real browser: each passes axe, forms
with errors included, and the main paths work without a mouse."""
import re

import pytest

from careershub.accounts import services
from careershub.conftest import sign_in_through_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def visit(page, axe, url):
    page.goto(url)
    assert axe(page) == [], url


def test_a_hub_manager_manages_people_and_reads_the_audit_log(cast, page, axe):
    second = services.role_assign(acting_user=None, user=cast.teacher, role="teacher", organisation=cast.other_school)
    sign_in_through_the_page(page, "hub_manager", cast.password)
    visit(page, axe, "/accounts/people/")
    visit(page, axe, f"/accounts/people/?q=teacher&role=teacher&organisation=school:{cast.school.pk}&status=active")
    visit(page, axe, f"/accounts/people/{cast.teacher.pk}/")
    visit(page, axe, f"/accounts/people/{cast.admin.pk}/")
    visit(page, axe, f"/accounts/people/{cast.teacher.pk}/roles/add/")
    visit(page, axe, f"/accounts/people/{cast.teacher.pk}/roles/{second.pk}/remove/")
    visit(page, axe, f"/accounts/people/{cast.teacher.pk}/deactivate/")
    visit(page, axe, "/accounts/audit/")

    # Adding a person with the wrong kind of organisation shows the error, then succeeds.
    visit(page, axe, "/accounts/people/add/")
    page.get_by_label("First name").fill("Priya")
    page.get_by_label("Last name").fill("Shah")
    page.get_by_label("Email address").fill("p.shah@example.org")
    page.get_by_label("Username").fill("p.shah")
    page.get_by_label("Role", exact=True).select_option(label="Careers leader")
    page.get_by_label("Where they hold the role").select_option(label=cast.employer.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the person").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Choose a school or college, not an employer" in summary.inner_text()
    assert axe(page) == []
    page.get_by_label("Where they hold the role").select_option(label=cast.school.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Add the person").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Priya Shah"
    assert "We have emailed p.shah@example.org" in page.locator(".govuk-notification-banner").inner_text()
    assert axe(page) == []

    # The audit log shows it, and a bad date is explained.
    visit(page, axe, "/accounts/audit/?actor=hub_manager&action=create")
    assert "Created the account of Priya Shah" in page.locator("table").inner_text()
    visit(page, axe, "/accounts/audit/?date_from=31/02/2026")
    assert page.title().startswith("Error: ")


def test_an_admin_uses_the_keyboard_to_unlock_an_account(cast, page, axe):
    from django.utils import timezone

    from careershub.accounts.models import User

    User.objects.filter(pk=cast.teacher.pk).update(failed_sign_ins=5, locked_until=timezone.now() + timezone.timedelta(minutes=10))
    sign_in_through_the_page(page, "admin", cast.password)
    assert page.url.endswith("/accounts/admin/")
    assert axe(page) == []
    tab_to(page, "People")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_label("Name, username or email").fill("teacher")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the search
    tab_to(page, cast.teacher.get_full_name())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert axe(page) == []
    tab_to(page, "Unlock the account")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "is unlocked" in page.locator(".govuk-notification-banner").inner_text()
    assert axe(page) == []


def test_account_password_and_api_token_pages(cast, page, axe):
    sign_in_through_the_page(page, "careers_leader", cast.password)
    visit(page, axe, "/accounts/me/")
    visit(page, axe, "/accounts/me/password/")
    page.get_by_label("Current password").fill("wrong")
    page.get_by_label("New password", exact=True).fill("kiln-harbour-lantern-2026")
    page.get_by_label("Confirm the new password").fill("kiln-harbour-lantern-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Change the password").click()
    assert "Your current password is not right" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []

    visit(page, axe, "/accounts/me/api-tokens/")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the token").click()
    assert "Enter a name for the token" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []
    page.get_by_label("Token name").fill("MIS nightly sync")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the token").click()
    secret = page.get_by_label("Your new token").input_value()
    assert re.fullmatch(r"chub_[\w-]{40,}", secret)
    assert axe(page) == []
    page.goto("/accounts/me/api-tokens/")  # shown once: coming back shows only the prefix
    assert secret not in page.content()
    assert f"chub_{secret[5:13]}…" in page.get_by_role("table").inner_text()
    page.get_by_role("link", name="Revoke the token MIS nightly sync").click()
    page.wait_for_url("**/revoke/")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Revoke the token").click()
    assert axe(page) == []


def test_a_careers_leader_adds_a_teacher(cast, page, axe):
    sign_in_through_the_page(page, "careers_leader", cast.password)
    visit(page, axe, "/accounts/school-staff/")
    visit(page, axe, "/accounts/school-staff/add-teacher/")
    page.get_by_label("First name").fill("Tom")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the teacher").click()
    assert page.title().startswith("Error: ")
    assert "Enter their last name" in page.locator(".govuk-error-summary").inner_text()
    assert axe(page) == []
    page.get_by_label("Last name").fill("Baker")
    page.get_by_label("Email address").fill("t.baker@example.org")
    page.get_by_label("Username").fill("t.baker")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the teacher").click()
    assert "Tom Baker is added as a teacher" in page.locator(".govuk-notification-banner").inner_text()
    assert axe(page) == []


def tab_to(page, text: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text is (or starts with) the given text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("(document.activeElement.innerText || document.activeElement.value || '').trim()")
        if focused == text or focused.startswith(text):
            return
    raise AssertionError(f"Tab never reached {text!r}")
