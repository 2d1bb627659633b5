"""In the browser: a careers leader tries to confirm a placement with checks missing and sees exactly
what is missing; the parent, the host and the young person complete their checks; the placement is
confirmed; the host records attendance and the young person's record shows the encounter. The
placement page and the whole-group encounter form pass axe-core."""
import datetime

import pytest
from django.utils import timezone

from careershub.conftest import press_button as submit
from careershub.conftest import sign_in_afresh as as_user
from careershub.opportunities.models import Encounter, Placement
from careershub.opportunities.tests.matrix_placements import amiras_placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_placement_is_checked_confirmed_and_attended(cast, page, axe):
    today = timezone.localdate()
    placement = amiras_placement(cast, starts_on=today - datetime.timedelta(days=1),
                                 ends_on=today + datetime.timedelta(days=3))
    detail = f"/opportunities/placements/{placement.pk}/"
    last_day = (today + datetime.timedelta(days=3))

    # The careers leader tries to confirm too early and is told exactly what is missing.
    as_user(page, "careers_leader", cast.password)
    page.goto(detail)
    assert axe(page) == []
    submit(page, "Confirm the placement")
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("li").all_inner_texts() == [
        "Parental consent has not been given",
        "The employer has not confirmed its risk assessment",
        "The supervisor's safeguarding check has not been recorded",
        "No emergency contact has been given",
        "The plan of the days has not been agreed by the young person or the employer",
    ]
    assert axe(page) == []

    # The parent gives consent and an emergency contact.
    as_user(page, "parent_carer", cast.password)
    page.goto(detail)
    page.get_by_role("link", name="Parental consent").click()
    assert axe(page) == []
    page.get_by_label("I give my consent for my child to take part in this placement").check()
    submit(page, "Give consent")
    assert page.get_by_text("Thank you: your consent is recorded.").is_visible()
    page.get_by_role("link", name="Emergency contact").click()
    page.get_by_label("Name").fill("Parveen Khan")
    page.get_by_label("Phone number").fill("07700 900982")
    submit(page, "Save the emergency contact")

    # The host confirms its risk assessment, records the supervisor's check (first one that runs out
    # too soon), and agrees the plan.
    as_user(page, "employer_contact", cast.password)
    page.goto(detail)
    assert page.get_by_text("Amira K.").first.is_visible()
    assert axe(page) == []
    page.get_by_role("link", name="Employer's risk assessment").click()
    page.get_by_label("What your risk assessment covers").fill("Machine guarding, ear defenders, no forklift areas.")
    page.get_by_label("We have assessed the risks").check()
    submit(page, "Confirm the risk assessment")
    page.get_by_role("link", name="Supervisor's safeguarding check").click()
    assert axe(page) == []
    page.get_by_label("Supervisor's full name").fill("Jo Patel")
    page.get_by_label("Enhanced DBS check certificate number").fill("001234567890")
    page.get_by_label("Date the check expires").fill(f"{last_day:%d/%m/%Y}")
    submit(page, "Save the check")
    assert page.get_by_text(f"expires on {last_day.day} {last_day:%B %Y}, the day the placement ends").is_visible()
    page.get_by_role("link", name="Supervisor's safeguarding check").click()
    page.get_by_label("Date the check expires").fill("1/9/2030")
    submit(page, "Save the check")
    page.get_by_role("link", name="Plan of the days").click()
    submit(page, "I have read and agree this plan")

    # The young person agrees the plan.
    as_user(page, "young_person", cast.password)
    page.goto(detail)
    page.get_by_role("link", name="Plan of the days").click()
    assert axe(page) == []
    submit(page, "I have read and agree this plan")

    # The careers leader confirms.
    as_user(page, "careers_leader", cast.password)
    page.goto(detail)
    assert page.locator(".govuk-task-list__status").all_inner_texts() == ["Completed"] * 5
    submit(page, "Confirm the placement")
    assert page.get_by_text("The placement is confirmed.").is_visible()
    assert axe(page) == []
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CONFIRMED

    # The host records attendance.
    as_user(page, "employer_contact", cast.password)
    page.goto(f"/opportunities/{placement.application.opportunity_id}/attendance/")
    assert axe(page) == []
    page.get_by_label("Amira K.").check()
    submit(page, "Save attendance")
    assert page.get_by_text("Attendance saved: 1 young person attended").is_visible()
    assert Encounter.objects.filter(young_person=cast.young_person_record).count() == 1

    # Amira's record shows it, and the completed placement.
    as_user(page, "young_person", cast.password)
    page.goto(f"/young-people/{cast.young_person_record.pk}/")
    assert page.get_by_text("1 of 3 experiences of a workplace").is_visible()
    assert page.get_by_role("cell", name="Machine shop week").first.is_visible()
    assert page.get_by_text("Completed").first.is_visible()
    assert axe(page) == []


def test_the_whole_group_encounter_form_passes_axe_with_and_without_errors(cast, page, axe):
    as_user(page, "careers_leader", cast.password)
    page.goto("/opportunities/group-encounters/new/")
    assert axe(page) == []
    submit(page, "Log the encounter")
    assert page.title().startswith("Error: ")
    assert page.locator(".govuk-error-summary").get_by_text("Enter a title").is_visible()
    assert axe(page) == []
    page.get_by_label("Kind of encounter").select_option(label="Careers talk")
    page.get_by_label("Title").fill("Year 10 assembly: careers in ceramics")
    page.get_by_label("Date").fill((timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.locator("#id_employer").select_option(label=cast.employer.name)
    page.get_by_label("Year 10").check()
    submit(page, "Log the encounter")
    assert page.get_by_text("is on the records of 1 young person").is_visible()
    assert axe(page) == []
    page.goto("/opportunities/group-encounters/")
    assert axe(page) == []
