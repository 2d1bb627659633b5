"""In the browser: a young person applies through the three screens (sending it from the keyboard),
every screen passes axe-core, and the employer gives them a place."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careershub.conftest import sign_in_through_the_page
from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import EncounterFactory, OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page) -> str:
    return page.evaluate("document.activeElement ? (document.activeElement.textContent || '').trim() : ''")


def press_enter_on(page, text: str, limit: int = 200) -> None:
    """Tab until the control with this text has focus, then press Enter and wait for the next page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == text:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"never reached {text!r} with Tab")


def test_a_young_person_applies_and_the_employer_accepts(cast, page, axe):
    starts_on = timezone.localdate() + timedelta(days=40)
    opportunity = OpportunityFactory(employer=cast.employer, partnership=cast.partnership, title="Engineering week",
                                     starts_on=starts_on, ends_on=starts_on + timedelta(days=4), capacity=2)
    EncounterFactory(young_person=cast.young_person_record, title="Careers talk: life as an engineer")
    sign_in_through_the_page(page, "young_person", cast.password)

    # Screen 1: the application, typed and ticked from the keyboard.
    page.goto(reverse("opportunities:apply", args=[opportunity.pk]))
    assert page.get_by_role("heading", level=1).inner_text() == "Apply for Engineering week"
    assert axe(page) == []
    page.locator("#id_interest").focus()
    page.keyboard.type("I like making things and I want to see how a machine shop works.")
    page.locator("#id_shared_2").focus()  # Activities I have done through Careers Hub
    page.keyboard.press("Space")
    press_enter_on(page, "Continue")

    # Screen 2: check your answers.
    page.wait_for_url(f"**{reverse('opportunities:apply_check', args=[opportunity.pk])}")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending your application"
    assert page.get_by_text("Careers talk: life as an engineer").is_visible()
    assert axe(page) == []
    press_enter_on(page, "Send application")

    # Screen 3: sent.
    application = Application.objects.get()
    page.wait_for_url(f"**{reverse('opportunities:application_submitted', args=[application.pk])}")
    assert page.get_by_role("heading", level=1).inner_text() == "Application sent"
    assert axe(page) == []
    assert application.shared == ["school", "year_group", "encounters"]

    # Their applications, and the application itself.
    page.goto(reverse("opportunities:my_applications"))
    assert axe(page) == []
    page.goto(reverse("opportunities:application_detail", args=[application.pk]))
    assert axe(page) == []

    # The employer sees the applicants, and gives Amira a place.
    page.context.clear_cookies()
    sign_in_through_the_page(page, "employer_contact", cast.password)
    page.goto(reverse("opportunities:applicants", args=[opportunity.pk]))
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("table").get_by_role("link", name="Amira K.").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Application from Amira K."
    assert "Khan" not in page.content()
    assert axe(page) == []
    page.get_by_label("Decline: they will not get a place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your decision").click()
    assert page.locator("#id_reason-error").inner_text().endswith("Give a reason: the young person will see it")
    assert axe(page) == []
    page.get_by_label("Accept: give them a place").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save your decision").click()
    assert page.get_by_text("You have given Amira K. a place").is_visible()
    assert axe(page) == []
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert Placement.objects.filter(application=application).exists()
