"""The directory's pages: lists with filters, forms, detail pages, import and export."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from careershub.core.models import AuditEntry
from careershub.network.models import AreaHub, Employer, EmployerContact, GrowthSector, Provider, School
from careershub.network.tests.factories import EmployerFactory, ProviderFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


# Lists --------------------------------------------------------------------------------------------------
def test_the_school_list_shows_the_hubs_schools_with_filters_and_search(cast, client_for):
    client = client_for(cast.hub_manager)
    SchoolFactory(partnership=cast.partnership, area_hub=cast.other_area_hub, name="Longton Special School",
                  school_type="special", status="target")
    page = text(client.get("/network/schools/"))
    assert "Northfield Academy" in page and "Southgate High" in page and "Longton Special School" in page
    assert "3 schools and colleges." in page

    page = text(client.get("/network/schools/", {"school_type": "special"}))
    assert "Longton Special School" in page and "Northfield Academy" not in page
    assert "1 school or college matches your filters" in page
    assert 'href="/network/schools/export/?school_type=special"' in page

    page = text(client.get("/network/schools/", {"q": cast.school.urn}))
    assert "Northfield Academy" in page and "Southgate High" not in page

    page = text(client.get("/network/schools/", {"area_hub": cast.other_area_hub.pk, "status": "engaged"}))
    assert "Southgate High" in page and "Longton" not in page and "Northfield" not in page


def test_an_unknown_filter_value_is_ignored(cast, client_for):
    response = client_for(cast.hub_manager).get("/network/schools/", {"status": "closed", "area_hub": "999"})
    assert response.status_code == 200
    assert "Northfield Academy" in text(response)


def test_a_coordinator_lists_only_their_area_hubs_schools(cast, client_for):
    page = text(client_for(cast.enterprise_coordinator).get("/network/schools/"))
    assert "Northfield Academy" in page and "Southgate High" not in page
    assert f'<option value="{cast.area_hub.pk}">North</option>' in page
    assert f'<option value="{cast.other_area_hub.pk}">' not in page, "only their own area hubs to filter by"


def test_the_school_list_shows_whether_each_school_has_an_enterprise_adviser(cast, client_for):
    page = text(client_for(cast.analyst).get("/network/schools/"))
    northfield = page[page.index("Northfield Academy"):page.index("Southgate High")]
    assert "Matched" in northfield
    assert "Not matched" in page[page.index("Southgate High"):]


def test_analysts_read_but_are_offered_no_changes(cast, client_for):
    client = client_for(cast.analyst)
    page = text(client.get("/network/schools/"))
    assert "Add a school or college" not in page and "Import from a CSV file" not in page
    assert "Change school details" not in text(client.get(cast.school.get_absolute_url()))
    assert client.get("/network/schools/add/").status_code == 403


def test_the_list_is_paginated_govuk_style(cast, client_for):
    for n in range(120):
        SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name=f"Academy {n:03d}")
    client = client_for(cast.hub_manager)
    page = text(client.get("/network/schools/", {"q": "Academy", "page": 2}))
    assert "Schools and colleges (page 2 of 3)" in page
    assert 'aria-current="page">2</a>' in page
    assert 'href="?q=Academy&amp;page=1" rel="prev"' in page
    assert 'href="?q=Academy&amp;page=3" rel="next"' in page
    assert "Academy 050" in page and "Academy 049" not in page


@pytest.mark.parametrize(("url", "make"), [
    ("/network/schools/", lambda cast, n: SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub,
                                                       name=f"Extra school {n}")),
    ("/network/employers/", lambda cast, n: EmployerFactory(partnership=cast.partnership, name=f"Extra employer {n}")),
    ("/network/providers/", lambda cast, n: ProviderFactory(partnership=cast.partnership, name=f"Extra provider {n}")),
    ("/network/area-hubs/", lambda cast, n: AreaHub.objects.create(partnership=cast.partnership, name=f"Hub {n}")),
    ("/network/", lambda cast, n: SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)),
])
def test_list_queries_do_not_grow_with_the_list(cast, client_for, django_assert_max_num_queries, url, make):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing")
    client = client_for(cast.hub_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for n in range(3):
        make(cast, n)
    with_three = count()
    for n in range(3, 30):
        make(cast, n)
    with django_assert_max_num_queries(with_three):
        assert client.get(url).status_code == 200
    assert with_three <= 12


def test_employers_are_flagged_and_filtered_by_growth_sector(cast, client_for):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="Q", label="Health and social care")
    EmployerFactory(partnership=cast.partnership, name="Trentham Care Homes", sic_section="Q", is_cornerstone=True)
    client = client_for(cast.hub_manager)
    page = text(client.get("/network/employers/", {"growth_sector": "yes"}))
    assert "Trentham Care Homes" in page and "Potteries Precision" not in page
    assert "Growth sector: Health and social care" in page and "Cornerstone" in page
    page = text(client.get("/network/employers/", {"growth_sector": "no", "cornerstone": "no"}))
    assert "Potteries Precision" in page and "Trentham" not in page


def test_providers_filter_by_kind(cast, client_for):
    ProviderFactory(partnership=cast.partnership, name="Staffordshire University", kind="university")
    page = text(client_for(cast.enterprise_coordinator).get("/network/providers/", {"kind": "university"}))
    assert "Staffordshire University" in page and "Open Doors Mentoring" not in page


def test_the_area_hub_list_counts_schools(cast, client_for):
    page = text(client_for(cast.hub_manager).get("/network/area-hubs/"))
    assert f'href="/network/schools/?area_hub={cast.area_hub.pk}">North</a>' in page
    assert "Rename<span class=\"govuk-visually-hidden\"> North</span>" in page


# Forms ----------------------------------------------------------------------------------------------------
SCHOOL_FORM = {"urn": "140001", "name": "Burslem  Studio School", "phase": "secondary", "school_type": "mainstream",
               "status": "engaged", "postcode": "st6 3aa", "website": "burslem.example"}


def test_a_hub_manager_adds_a_school(cast, client_for):
    client = client_for(cast.hub_manager)
    response = client.post("/network/schools/add/", {**SCHOOL_FORM, "area_hub": cast.other_area_hub.pk})
    school = School.objects.get(urn="140001")
    assert response.status_code == 302 and response["Location"] == school.get_absolute_url()
    assert (school.name, school.postcode, school.website, school.area_hub) == (
        "Burslem Studio School", "ST6 3AA", "https://burslem.example", cast.other_area_hub
    )
    assert school.engaged_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="create", subject_id=str(school.pk), via="web").exists()
    assert "Burslem Studio School added" in text(client.get(response["Location"]))


def test_a_form_with_errors_is_shown_again_with_messages_beside_the_fields(cast, client_for):
    client = client_for(cast.hub_manager)
    response = client.post("/network/schools/add/", {**SCHOOL_FORM, "urn": cast.school.urn, "postcode": "nowhere",
                                                     "name": ""})
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: Add a school or college" in page
    assert "There is a problem" in page
    assert 'id="id_urn-error"' in page and "Another school already has this URN" in page
    assert "Enter the name of the school or college" in page
    assert "Enter a real UK postcode, like ST4 1AB" in page
    assert 'name="postcode" value="nowhere"' in page, "what was typed is shown again"
    assert not School.objects.filter(name="").exists()


def test_a_coordinator_chooses_only_their_own_area_hub(cast, client_for):
    client = client_for(cast.enterprise_coordinator)
    page = text(client.get("/network/schools/add/"))
    assert f'<option value="{cast.area_hub.pk}" selected>North</option>' in page
    assert "South" not in page
    response = client.post("/network/schools/add/", {**SCHOOL_FORM, "area_hub": cast.other_area_hub.pk})
    assert response.status_code == 200
    assert "Select one of your area hubs" in text(response)
    assert not School.objects.filter(urn="140001").exists()


def test_changing_a_schools_status_stamps_the_date_shown_on_its_page(cast, client_for):
    client = client_for(cast.enterprise_coordinator)
    form = {**SCHOOL_FORM, "urn": cast.school.urn, "name": cast.school.name, "area_hub": cast.area_hub.pk,
            "status": "declined"}
    response = client.post(f"/network/schools/{cast.school.pk}/edit/", form)
    assert response.status_code == 302
    cast.school.refresh_from_db()
    assert cast.school.declined_on == timezone.localdate()
    page = text(client.get(cast.school.get_absolute_url()))
    assert "Declined" in page and timezone.localdate().strftime("%-d %B %Y") in page


def test_a_coordinator_cannot_open_another_hubs_school_to_edit(cast, client_for):
    assert client_for(cast.enterprise_coordinator).get(f"/network/schools/{cast.other_school.pk}/edit/").status_code == 404


def test_employers_are_added_and_changed_by_the_hub_manager(cast, client_for):
    client = client_for(cast.hub_manager)
    response = client.post("/network/employers/add/", {"name": "Trentham Care Homes", "sic_section": "Q",
                                                       "size_band": "small", "is_cornerstone": "on"})
    employer = Employer.objects.get(name="Trentham Care Homes")
    assert response.status_code == 302 and employer.is_cornerstone
    response = client.post(f"/network/employers/{employer.pk}/edit/", {"name": "Kiln logistics ltd",
                                                                       "sic_section": "Q", "size_band": "small"})
    assert response.status_code == 200
    assert "There is already an employer called Kiln logistics ltd" in text(response)


def test_employer_contacts_are_added_changed_and_removed(cast, client_for):
    client = client_for(cast.hub_manager)
    base = f"/network/employers/{cast.employer.pk}/contacts"
    response = client.post(f"{base}/add/", {"name": "Sam Patel", "email": "sam@potteries.example",
                                            "job_title": "Early careers lead"})
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.is_primary
    page = text(client.get(cast.employer.get_absolute_url()))
    assert "Sam Patel (main contact)" in page and "Early careers lead" in page
    response = client.post(f"{base}/{contact.pk}/edit/", {"name": "Sam Patel", "email": "bad"})
    assert "Enter an email address in the correct format, like name@example.org" in text(response)
    assert client.post(f"{base}/{contact.pk}/remove/").status_code == 302
    assert not EmployerContact.objects.exists()


def test_an_employer_contact_sees_their_employer_without_change_links(cast, client_for):
    EmployerContact.objects.create(employer=cast.employer, name="Sam Patel", email="sam@potteries.example")
    page = text(client_for(cast.employer_contact).get(cast.employer.get_absolute_url()))
    assert "Sam Patel" in page
    assert "Change employer details" not in page and "Add a contact" not in page
    assert "govuk-breadcrumbs" not in page


def test_providers_are_added_and_changed(cast, client_for):
    client = client_for(cast.hub_manager)
    response = client.post("/network/providers/add/", {"name": "Stoke Careers Service", "kind": "careers_service",
                                                       "contact_email": "hello@stoke-careers.example"})
    provider = Provider.objects.get(name="Stoke Careers Service")
    assert response.status_code == 302
    response = client.post(f"/network/providers/{provider.pk}/edit/", {"name": "Stoke Careers Service",
                                                                       "kind": "university"})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.kind == "university" and provider.contact_email == ""


def test_area_hubs_are_added_and_renamed(cast, client_for):
    client = client_for(cast.hub_manager)
    assert client.post("/network/area-hubs/add/", {"name": "Eastbank"}).status_code == 302
    response = client.post("/network/area-hubs/add/", {"name": "NORTH"})
    assert "There is already an area hub called NORTH" in text(response)
    response = client.post(f"/network/area-hubs/{cast.area_hub.pk}/edit/", {"name": "Northmoor"})
    assert response.status_code == 302
    assert AreaHub.objects.filter(name__in=["Eastbank", "Northmoor"]).count() == 2


def test_the_hub_manager_orders_the_growth_sectors(cast, client_for):
    client = client_for(cast.hub_manager)
    for section, label in (("C", "Advanced manufacturing"), ("J", "Digital")):
        assert client.post("/network/growth-sectors/", {"action": "add", "sic_section": section,
                                                        "label": label}).status_code == 302
    client.post("/network/growth-sectors/", {"action": "up", "sic_section": "J"})
    assert list(GrowthSector.objects.values_list("sic_section", flat=True)) == ["J", "C"]
    response = client.post("/network/growth-sectors/", {"action": "add", "sic_section": "J", "label": "Again"})
    assert response.status_code == 200
    assert "Select a section that is not a growth sector yet" in text(response)
    page = text(client.get("/network/growth-sectors/"))
    assert '<option value="J">' not in page and '<option value="F">F: Construction</option>' in page
    client.post("/network/growth-sectors/C/edit/", {"label": "Ceramics and advanced manufacturing"})
    client.post("/network/growth-sectors/", {"action": "remove", "sic_section": "J"})
    assert list(GrowthSector.objects.values_list("label", flat=True)) == ["Ceramics and advanced manufacturing"]


def test_a_coordinator_reads_the_growth_sectors_but_cannot_change_them(cast, client_for):
    client = client_for(cast.enterprise_coordinator)
    page = text(client.get("/network/growth-sectors/"))
    assert "Add a growth sector" not in page
    response = client.post("/network/growth-sectors/", {"action": "add", "sic_section": "C", "label": "Making"})
    assert response.status_code == 403
    assert not GrowthSector.objects.exists()


# Detail pages -------------------------------------------------------------------------------------------
def test_the_school_page_shows_status_area_hub_and_the_matched_adviser(cast, client_for):
    adviser = cast.enterprise_adviser_record
    page = text(client_for(cast.careers_leader).get(cast.school.get_absolute_url()))
    assert "Engaged" in page and "North" in page
    assert f"{adviser.name}, Potteries Precision Ltd" in page
    assert f'href="mailto:{adviser.email}"' in page
    assert "Change school details" not in page


def test_young_people_see_their_adviser_without_an_email_address(cast, client_for):
    page = text(client_for(cast.young_person).get(cast.school.get_absolute_url()))
    assert cast.enterprise_adviser_record.name in page
    assert cast.enterprise_adviser_record.email not in page


def test_school_staff_get_a_link_to_their_young_people_where_that_list_exists(cast, client_for):
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("young_people:school_list")
    except NoReverseMatch:
        pytest.skip("the young people list is not part of this build")
    link = f'<a class="govuk-link" href="{url}">See the young people at Northfield Academy</a>'
    assert link in text(client_for(cast.careers_leader).get(cast.school.get_absolute_url()))
    assert "See the young people" not in text(client_for(cast.hub_manager).get(cast.school.get_absolute_url()))


def test_hub_staff_see_change_links_on_the_school_page(cast, client_for):
    page = text(client_for(cast.enterprise_coordinator).get(cast.school.get_absolute_url()))
    assert f'href="/network/schools/{cast.school.pk}/edit/"' in page
    page = text(client_for(cast.enterprise_coordinator).get(cast.other_school.get_absolute_url()))
    assert "Change school details" not in page


def test_a_school_without_an_adviser_says_so(cast, client_for):
    page = text(client_for(cast.hub_manager).get(cast.other_school.get_absolute_url()))
    assert "Not matched yet" in page


def test_the_employer_page_shows_sector_flags(cast, client_for):
    GrowthSector.objects.create(partnership=cast.partnership, sic_section="C", label="Advanced manufacturing")
    Employer.objects.filter(pk=cast.employer.pk).update(is_cornerstone=True)
    page = text(client_for(cast.enterprise_adviser).get(cast.employer.get_absolute_url()))
    assert "Yes: Advanced manufacturing" in page and "Cornerstone" in page
    assert "Manufacturing (SIC 2007 section C)" in page


def test_a_mentor_sees_their_providers_page(cast, client_for):
    page = text(client_for(cast.mentor).get(cast.provider.get_absolute_url()))
    assert "Open Doors Mentoring" in page and "Community organisation" in page
    assert "Change provider details" not in page


# Import and export ----------------------------------------------------------------------------------------
def upload(content: str, name: str = "schools.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def test_the_import_page_documents_every_column(cast, client_for):
    page = text(client_for(cast.hub_manager).get("/network/schools/import/"))
    for header in ("urn", "name", "phase", "type", "area_hub", "status", "postcode", "website"):
        assert f"<code>{header}</code>" in page
    assert "urn,name,phase,type,area_hub,status,postcode,website" in page


def test_importing_a_bad_file_lists_problems_by_row_and_column_and_changes_nothing(cast, client_for):
    content = ("urn,name,phase,type,area_hub,status,postcode,website\n"
               "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\n"
               "14000X,Tunstall High,secondary,mainstream,North,target,,\n")
    response = client_for(cast.hub_manager).post("/network/schools/import/", {"file": upload(content)})
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: Import schools and colleges" in page
    assert "schools.csv was not imported" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert '<td class="govuk-table__cell">urn</td>' in page and "A URN is six digits, like 124567" in page
    assert not School.objects.filter(urn="140001").exists()


def test_importing_a_good_file_shows_the_counts(cast, client_for):
    content = ("urn,name,phase,type,area_hub,status,postcode,website\n"
               "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\n")
    client = client_for(cast.enterprise_coordinator)
    page = text(client.post("/network/schools/import/", {"file": upload(content)}))
    assert "schools.csv imported" in page and "1 added, 0 updated, 0 unchanged" in page
    page = text(client.post("/network/schools/import/", {"file": upload(content)}))
    assert "0 added, 0 updated, 1 unchanged" in page
    assert AuditEntry.objects.filter(action="import", actor=cast.enterprise_coordinator).count() == 2


def test_the_import_form_needs_a_file(cast, client_for):
    page = text(client_for(cast.hub_manager).post("/network/employers/import/", {}))
    assert "<title>Error: Import employers" in page and "Select a CSV file" in page
    page = text(client_for(cast.hub_manager).post("/network/employers/import/",
                                                  {"file": SimpleUploadedFile("e.csv", b"")}))
    assert "The selected file is empty" in page


def test_the_export_respects_the_list_filters_and_is_audited(cast, client_for):
    SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name="Longton High", status="target",
                  urn="140009")
    response = client_for(cast.hub_manager).get("/network/schools/export/", {"status": "target"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="schools-')
    assert csv_rows(response) == [
        ["urn", "name", "phase", "type", "area_hub", "status", "postcode", "website"],
        ["140009", "Longton High", "secondary", "mainstream", "North", "target", "", ""],
    ]
    assert AuditEntry.objects.get(action="export").summary == "Exported 1 school"


def test_a_coordinator_exports_only_their_schools(cast, client_for):
    rows = csv_rows(client_for(cast.enterprise_coordinator).get("/network/schools/export/"))
    assert [row[1] for row in rows[1:]] == ["Northfield Academy"]


def test_the_employer_export_downloads_the_import_format(cast, client_for):
    rows = csv_rows(client_for(cast.analyst).get("/network/employers/export/", {"q": "kiln"}))
    assert rows == [["name", "sic_section", "size_band", "cornerstone", "postcode", "website"],
                    ["Kiln Logistics Ltd", "C", "medium", "no", "", ""]]
