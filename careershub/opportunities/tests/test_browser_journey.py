"""The whole journey in the browser, as issue acceptance asks: a young person finds an opportunity on
the menu and applies; the employer accepts; safeguarding blocks confirmation until every check is
complete; attendance adds an encounter to the young person's record."""
import datetime

import pytest
from django.utils import timezone

from careershub.conftest import press_button as submit
from careershub.conftest import sign_in_afresh as as_user
from careershub.opportunities.kinds import Kind
from careershub.opportunities.models import Application, Encounter, Opportunity, Placement
from careershub.opportunities.tests.factories import OpportunityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_apply_accept_safeguard_confirm_attend(cast, page, axe):
    today = timezone.localdate()
    starts_on = today + datetime.timedelta(days=30)
    OpportunityFactory(employer=cast.other_employer, partnership=cast.partnership, title="Warehouse taster day",
                       kind=Kind.WORK_TASTER, starts_on=starts_on, ends_on=starts_on)
    opportunity = OpportunityFactory(
        employer=cast.employer, partnership=cast.partnership, title="Machine shop week", capacity=2,
        starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=4),
        applications_close_on=today + datetime.timedelta(days=10),
    )

    # Amira finds it on the menu by kind and opens it.
    as_user(page, "young_person", cast.password)
    page.goto("/opportunities/")
    page.get_by_label("Kind of opportunity").select_option(label="Work experience placement")
    submit(page, "Show opportunities")
    assert page.get_by_role("link", name="Machine shop week").is_visible()
    assert page.get_by_text("Warehouse taster day").count() == 0
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Machine shop week").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Machine shop week"
    assert axe(page) == []

    # She applies: the form, check your answers, sent.
    with page.expect_navigation():
        page.get_by_role("button", name="Apply for Machine shop week").click()
    page.locator("#id_interest").fill("I like making things and want to see how a machine shop works.")
    submit(page, "Continue")
    submit(page, "Send application")
    assert page.get_by_role("heading", level=1).inner_text() == "Application sent"
    application = Application.objects.get(opportunity=opportunity)

    # The employer accepts.
    as_user(page, "employer_contact", cast.password)
    page.goto(f"/opportunities/applications/{application.pk}/")
    page.get_by_label("Accept: give them a place").check()
    submit(page, "Save your decision")
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    placement = Placement.objects.get(application=application)

    # The week arrives.
    Opportunity.objects.filter(pk=opportunity.pk).update(
        applications_close_on=today - datetime.timedelta(days=10), starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=3))
    detail = f"/opportunities/placements/{placement.pk}/"

    # The careers leader cannot confirm: the page says exactly what is missing.
    as_user(page, "careers_leader", cast.password)
    page.goto(detail)
    submit(page, "Confirm the placement")
    assert page.locator(".govuk-error-summary li").all_inner_texts() == [
        "Parental consent has not been given",
        "The employer has not confirmed its risk assessment",
        "The supervisor's safeguarding check has not been recorded",
        "No emergency contact has been given",
        "The plan of the days has not been agreed by the young person or the employer",
    ]
    placement.refresh_from_db()
    assert placement.status == Placement.Status.AWAITING_CHECKS

    # Each check by the person it belongs to.
    as_user(page, "parent_carer", cast.password)
    page.goto(detail)
    page.get_by_role("link", name="Parental consent").click()
    page.get_by_label("I give my consent for my child to take part in this placement").check()
    submit(page, "Give consent")
    page.get_by_role("link", name="Emergency contact").click()
    page.get_by_label("Name").fill("Parveen Khan")
    page.get_by_label("Phone number").fill("07700 900982")
    submit(page, "Save the emergency contact")

    as_user(page, "employer_contact", cast.password)
    page.goto(detail)
    page.get_by_role("link", name="Employer's risk assessment").click()
    page.get_by_label("What your risk assessment covers").fill("Machine guarding, ear defenders, no forklift areas.")
    page.get_by_label("We have assessed the risks").check()
    submit(page, "Confirm the risk assessment")
    page.get_by_role("link", name="Supervisor's safeguarding check").click()
    page.get_by_label("Supervisor's full name").fill("Jo Patel")
    page.get_by_label("Enhanced DBS check certificate number").fill("001234567890")
    page.get_by_label("Date the check expires").fill("1/9/2030")
    submit(page, "Save the check")
    page.get_by_role("link", name="Plan of the days").click()
    submit(page, "I have read and agree this plan")

    # One check still missing: confirmation is still refused, naming only that one.
    as_user(page, "careers_leader", cast.password)
    page.goto(detail)
    submit(page, "Confirm the placement")
    assert page.locator(".govuk-error-summary li").all_inner_texts() == [
        "The plan of the days has not been agreed by the young person"]

    as_user(page, "young_person", cast.password)
    page.goto(detail)
    page.get_by_role("link", name="Plan of the days").click()
    submit(page, "I have read and agree this plan")

    as_user(page, "careers_leader", cast.password)
    page.goto(detail)
    submit(page, "Confirm the placement")
    assert page.get_by_text("The placement is confirmed.").is_visible()

    # The host records attendance; Amira's record shows the encounter.
    as_user(page, "employer_contact", cast.password)
    page.goto(f"/opportunities/{opportunity.pk}/attendance/")
    page.get_by_label("Amira K.").check()
    submit(page, "Save attendance")
    assert Encounter.objects.filter(young_person=cast.young_person_record, opportunity=opportunity).count() == 1

    as_user(page, "young_person", cast.password)
    page.goto("/young-people/me/")
    assert page.get_by_text("1 of 3 experiences of a workplace").is_visible()
    assert page.get_by_role("cell", name="Machine shop week").first.is_visible()
    assert axe(page) == []
