"""The directory's pages in a real browser: axe finds nothing, and a school can be added by keyboard."""
import re

import pytest

from careershub.conftest import sign_in_through_the_page
from careershub.network.models import EmployerContact, GrowthSector, School

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_every_directory_page_passes_axe(cast, page, axe):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing")
    EmployerContact.objects.create(employer=cast.employer, name="Sam Patel", email="sam@potteries.example",
                                   job_title="Early careers lead", is_primary=True)
    sign_in_through_the_page(page, "hub_manager", cast.password)
    pages = [
        ("/network/", "The partnership network"),
        ("/network/schools/", "Schools and colleges"),
        ("/network/schools/?status=engaged&q=north", "Schools and colleges"),
        (cast.school.get_absolute_url(), "Northfield Academy"),
        ("/network/schools/add/", "Add a school or college"),
        (f"/network/schools/{cast.school.pk}/edit/", "Change school details"),
        ("/network/schools/import/", "Import schools and colleges"),
        ("/network/employers/", "Employers"),
        (cast.employer.get_absolute_url(), "Potteries Precision Ltd"),
        ("/network/employers/add/", "Add an employer"),
        (f"/network/employers/{cast.employer.pk}/contacts/add/", "Add a contact"),
        ("/network/employers/import/", "Import employers"),
        ("/network/providers/", "Providers"),
        (cast.provider.get_absolute_url(), "Open Doors Mentoring"),
        ("/network/providers/add/", "Add a provider"),
        ("/network/area-hubs/", "Area hubs"),
        ("/network/area-hubs/add/", "Add an area hub"),
        ("/network/growth-sectors/", "Growth sectors"),
        ("/network/growth-sectors/C/edit/", "Rename the growth sector"),
    ]
    for url, heading in pages:
        page.goto(url)
        assert page.get_by_role("heading", level=1).inner_text() == heading, url
        assert axe(page) == [], url


def test_a_form_with_errors_passes_axe_and_focuses_the_summary(cast, page, axe):
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto("/network/schools/add/")
    page.get_by_label("URN").fill("12")
    with page.expect_navigation():
        page.get_by_role("button", name="Add school or college").click()
    assert page.title().startswith("Error: Add a school or college")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert " ".join(page.locator("#id_urn-error").text_content().split()) == "Error: A URN is six digits, like 124567"
    assert axe(page) == []


def test_a_rejected_import_lists_its_problems_and_passes_axe(cast, page, axe, tmp_path):
    bad = tmp_path / "schools.csv"
    bad.write_text("urn,name,phase,type,area_hub,status,postcode,website\n"
                   "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\n"
                   "14000X,Tunstall High,secondary,mainstream,Nowhere,target,,\n", encoding="utf-8")
    sign_in_through_the_page(page, "enterprise_coordinator", cast.password)
    page.goto("/network/schools/import/")
    page.get_by_label("CSV file").set_input_files(str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name="Check and import").click()
    assert page.get_by_role("heading", name="schools.csv was not imported").is_visible()
    table = page.locator("#problems")
    assert table.locator("tbody tr").count() == 2
    assert re.sub(r"\s+", " ", table.locator("tbody tr").first.inner_text()).strip() == (
        "3 urn A URN is six digits, like 124567"
    )
    assert axe(page) == []
    assert not School.objects.filter(urn="140001").exists()


def test_a_keyboard_user_adds_a_school(cast, page, axe):
    sign_in_through_the_page(page, "hub_manager", cast.password)
    page.goto("/network/schools/add/")
    tab_to(page, "id_urn")
    page.keyboard.type("140001")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.keyboard.type("Burslem Studio School")
    page.keyboard.press("Tab")  # phase: Secondary is chosen already
    assert page.evaluate("document.activeElement.id") == "id_phase"
    page.keyboard.press("Tab")  # type: Mainstream is chosen already
    assert page.evaluate("document.activeElement.id") == "id_school_type"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_area_hub"
    page.keyboard.press("ArrowDown")  # from "Not in an area hub yet" to North
    page.keyboard.press("Tab")  # into the status radios, on the chosen one (Target)
    assert page.evaluate("document.activeElement.id") == "id_status_0"
    page.keyboard.press("ArrowDown")  # Engaged
    assert page.evaluate("document.activeElement.id") == "id_status_1"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_postcode"
    page.keyboard.type("st6 3aa")
    page.keyboard.press("Tab")
    page.keyboard.type("burslem.example")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Add school or college"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Burslem Studio School"
    school = School.objects.get(urn="140001")
    assert (school.area_hub, school.status, school.postcode, school.website) == (
        cast.area_hub, "engaged", "ST6 3AA", "https://burslem.example"
    )
    assert page.get_by_text("Burslem Studio School added").is_visible()
    assert axe(page) == []
