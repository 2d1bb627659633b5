"""In the browser: a careers leader completes, submits and reopens a self-assessment with the keyboard,
and every Gatsby Benchmarks page passes axe-core."""
import pytest

from careershub.benchmarks.models import Answer, Assessment
from careershub.benchmarks.tests import factories as f
from careershub.conftest import sign_in_through_the_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTE = "Programme approved by governors; published under Careers on the website"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def focused(page) -> str:
    return page.evaluate("document.activeElement ? (document.activeElement.textContent || '').trim() : ''")


def tab_to(page, text: str, limit: int = 200) -> None:
    """Press Tab until the element with this text has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == text:
            return
    raise AssertionError(f"never reached {text!r} with Tab")


def press_enter_on(page, text: str) -> None:
    tab_to(page, text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_page(page, assessment: Assessment, number: int) -> None:
    """Answer one benchmark's criteria from the keyboard: Space on a radio or checkbox, typing a figure."""
    answers = Answer.objects.filter(assessment=assessment, criterion__benchmark__number=number).select_related("criterion")
    for answer in answers.order_by("criterion__order"):
        c = answer.criterion
        if c.is_counted and c.post_16_only and number == 6:
            page.locator(f"#id_c{c.pk}-not_applicable").focus()
            page.keyboard.press("Space")
        elif c.is_counted:
            page.locator(f"#id_c{c.pk}-figure").focus()
            page.keyboard.press("Control+A")
            page.keyboard.type("100")
        else:
            page.locator(f"#id_c{c.pk}-status_0").focus()  # Met
            page.keyboard.press("Space")


def test_a_careers_leader_completes_submits_and_reopens_a_self_assessment_with_the_keyboard(cast, page, axe, media):
    f.framework()
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term().label
    sign_in_through_the_page(page, "careers_leader", cast.password)
    page.wait_for_url(f"**{cast.school.get_absolute_url()}")

    # From the service navigation to the school's overview, and start this term's self-assessment.
    press_enter_on(page, "Gatsby Benchmarks")
    page.wait_for_url(f"**/benchmarks/schools/{cast.school.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == cast.school.name
    assert axe(page) == []
    press_enter_on(page, f"Start the {term} self-assessment")
    assessment = Assessment.objects.get(school=cast.school)
    page.wait_for_url(f"**/benchmarks/assessments/{assessment.pk}/")
    assert page.get_by_text(f"You have started the {term} self-assessment").is_visible()
    assert axe(page) == []

    # Benchmark 1, with a note and a file of evidence.
    press_enter_on(page, "1. A stable careers programme")
    assert axe(page) == []
    answer_page(page, assessment, 1)
    first = Answer.objects.filter(assessment=assessment, criterion__benchmark__number=1).order_by("criterion__order").first()
    page.locator(f"#id_c{first.criterion_id}-evidence_note").focus()
    page.keyboard.type(NOTE)
    pdf = media / "Careers programme.pdf"
    pdf.write_bytes(b"%PDF-1.7\nThe careers programme")
    page.locator(f"#id_c{first.criterion_id}-evidence_file").set_input_files(str(pdf))
    press_enter_on(page, "Save and continue to benchmark 2")

    # Benchmarks 2 to 8; on benchmark 5 a figure over 100 first, which is refused.
    for number in range(2, 9):
        page.wait_for_url(f"**/benchmarks/assessments/{assessment.pk}/benchmarks/{number}/")
        if number == 5:
            counted = Answer.objects.get(assessment=assessment, criterion__benchmark__number=5, criterion__order=1)
            page.locator(f"#id_c{counted.criterion_id}-figure").focus()
            page.keyboard.type("150")
            press_enter_on(page, "Save and continue to benchmark 6")
            assert page.title().startswith("Error: ")
            assert page.locator(".govuk-error-summary").get_by_text("Criterion 5.1: Enter a percentage from 0 to 100").is_visible()
            assert axe(page) == []
        answer_page(page, assessment, number)
        if number == 6:
            assert axe(page) == []
        press_enter_on(page, "Save and check your answers" if number == 8 else f"Save and continue to benchmark {number + 1}")

    # Check the answers and submit.
    page.wait_for_url(f"**/benchmarks/assessments/{assessment.pk}/check/")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before submitting"
    assert page.get_by_text(NOTE).is_visible() and page.get_by_text("Careers programme.pdf").is_visible()
    assert axe(page) == []
    press_enter_on(page, "Submit self-assessment")
    page.wait_for_url(f"**/benchmarks/schools/{cast.school.pk}/")
    assert page.get_by_text("Self-assessment submitted: 8 of 8 benchmarks fully achieved, 100% overall").is_visible()
    assert page.locator("#latest-scores").is_visible()
    assert axe(page) == []

    # Reopen it, with a reason.
    press_enter_on(page, f"See the answers and evidence for {term}")
    assert axe(page) == []
    press_enter_on(page, "Reopen this self-assessment")
    assert axe(page) == []
    page.get_by_label("Why are you reopening the self-assessment?").fill("The year 13 placements were not counted")
    press_enter_on(page, "Reopen self-assessment")
    page.wait_for_url(f"**/benchmarks/assessments/{assessment.pk}/")
    assert page.get_by_text(f"The {term} self-assessment has been reopened").is_visible()
    assert page.get_by_text("“The year 13 placements were not counted”").is_visible()
    assert page.get_by_role("heading", name="Answer each benchmark").is_visible()
    assert axe(page) == []
    assessment.refresh_from_db()
    assert assessment.status == "reopened" and assessment.benchmarks_achieved == 8


def test_every_benchmarks_page_passes_axe(cast, page, axe, media):
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term()
    submitted = f.submitted(cast.school, cast.careers_leader, term.previous().previous(), met_share={6: 1, 8: 2})
    latest = f.submitted(cast.school, cast.careers_leader, term.previous(), met_share={6: 2})
    f.submitted(cast.other_school, cast.other_careers_leader, term.previous())
    draft = f.draft(cast.school, cast.careers_leader)

    sign_in_through_the_page(page, "hub_manager", cast.password)
    for url in ["/benchmarks/", "/benchmarks/?below_target=on", "/benchmarks/hub/", "/benchmarks/settings/",
                f"/benchmarks/schools/{cast.school.pk}/", f"/benchmarks/assessments/{latest.pk}/",
                f"/benchmarks/assessments/{draft.pk}/", f"/network/schools/{cast.school.pk}/"]:
        page.goto(url)
        assert axe(page) == [], url
    page.goto("/benchmarks/settings/")
    page.locator("#id_target_7").fill("abc")
    with page.expect_navigation():
        page.get_by_role("button", name="Save settings").click()
    assert page.title().startswith("Error: ") and axe(page) == []

    page.context.clear_cookies()
    sign_in_through_the_page(page, "enterprise_coordinator", cast.password)
    page.goto(f"/benchmarks/assessments/{submitted.pk}/")
    assert axe(page) == []
    page.goto(f"/benchmarks/assessments/{latest.pk}/reopen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Reopen self-assessment").click()
    assert page.title().startswith("Error: ") and axe(page) == []

    page.context.clear_cookies()
    sign_in_through_the_page(page, "enterprise_adviser", cast.password)
    for url in ["/benchmarks/", f"/benchmarks/schools/{cast.school.pk}/", "/benchmarks/hub/"]:
        page.goto(url)
        assert axe(page) == [], url

    page.context.clear_cookies()
    sign_in_through_the_page(page, "careers_leader", cast.password)
    for url in [f"/benchmarks/assessments/{draft.pk}/check/"]:
        page.goto(url)
        assert axe(page) == [], url
    with page.expect_navigation():
        page.get_by_role("button", name="Submit self-assessment").click()
    assert page.title().startswith("Error: ") and axe(page) == []
