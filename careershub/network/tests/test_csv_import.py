"""Importing and exporting schools and employers as CSV."""
import contextlib
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import transaction

from careershub.core.csv_import import export_csv
from careershub.core.models import AuditEntry
from careershub.network import services
from careershub.network.csv_formats import EmployerCsv, SchoolCsv, employers_for_export, schools_for_export
from careershub.network.models import AreaHub, Employer, GrowthSector, School
from careershub.network.tests.factories import PartnershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SCHOOL_HEADER = "urn,name,phase,type,area_hub,status,postcode,website\r\n"
EMPLOYER_HEADER = "name,sic_section,size_band,cornerstone,postcode,website\r\n"


def import_schools(cast, content, acting_user=None):
    return services.schools_import(acting_user=acting_user or cast.hub_manager, partnership=cast.partnership,
                                   content=content, file_name="schools.csv")


def schools_csv(partnership) -> str:
    return export_csv(SchoolCsv, schools_for_export(School.objects.filter(partnership=partnership)))


# Schools ----------------------------------------------------------------------------------------------
def test_a_schools_file_adds_and_updates_and_is_audited(cast):
    content = SCHOOL_HEADER + (
        "140001,Burslem Studio School,Secondary,mainstream,north,Engaged,st63aa,burslem.example\r\n"
        f"{cast.school.urn},Northfield Academy,secondary,MAINSTREAM,North,declined,,\r\n"
        f"{cast.other_school.urn},{cast.other_school.name},secondary,mainstream,South,engaged,,\r\n"
    )
    result = import_schools(cast, content.encode("utf-8-sig"))
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    added = School.objects.get(urn="140001")
    assert (added.area_hub, added.status, added.postcode, added.website) == (
        cast.area_hub, "engaged", "ST6 3AA", "https://burslem.example"
    )
    assert added.engaged_on == added.targeted_on is not None
    cast.school.refresh_from_db()
    assert cast.school.status == "declined" and cast.school.declined_on is not None
    entry = AuditEntry.objects.get(action="import")
    assert entry.actor == cast.hub_manager
    assert entry.summary == "Imported schools from schools.csv: 1 added, 1 updated, 1 unchanged"


def test_a_schools_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(cast):
    before = list(School.objects.order_by("pk").values())
    content = SCHOOL_HEADER + (
        "140001,Burslem Studio School,secondary,mainstream,North,engaged,,\r\n"
        "140002,Tunstall High,secondary,mainstream,Westport,target,,\r\n"
        f"{cast.school.urn},Northfield Academy,secondary,mainstream,North,declined,,\r\n"
    )
    result = import_schools(cast, content)
    assert [str(error) for error in result.errors] == [
        "row 3, column area_hub: There is no area hub called “Westport”. The area hubs are: North, South"
    ]
    assert list(School.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.get(action="import").summary == "Refused schools.csv: Nothing imported: 1 problem in the file"


def test_every_kind_of_bad_cell_is_reported(cast):
    content = SCHOOL_HEADER + (
        "12345,A School,secondary,mainstream,North,target,,\r\n"
        "140002,,tertiary,grammar,North,maybe,XX,not a url\r\n"
        "140003," + "N" * 201 + ",secondary,mainstream,North,target,,\r\n"
        "140002,Again,secondary,mainstream,North,target,,\r\n"
    )
    result = import_schools(cast, content)
    assert [str(error) for error in result.errors] == [
        "row 2, column urn: A URN is six digits, like 124567",
        "row 3, column name: Enter the school's name",
        "row 3, column phase: “tertiary” is not a phase. Use one of: secondary, middle_deemed_secondary, "
        "all_through, 16_plus, not_applicable",
        "row 3, column type: “grammar” is not a type of school. Use one of: mainstream, special, pru, middle, "
        "fe_college, sixth_form_college",
        "row 3, column status: “maybe” is not a status. Use one of: target, engaged, declined",
        "row 3, column postcode: Enter a real UK postcode, like ST4 1AB",
        "row 3, column website: “not a url” is not a web address. Enter one like https://www.example.org",
        "row 4, column name: Ensure this value has at most 200 characters (it has 201).",
        "row 5, column urn: urn “140002” is also on row 3. Each school can be in the file only once",
    ]
    assert not School.objects.filter(urn__startswith="14000").exists()


def test_reimporting_an_export_changes_nothing(cast):
    exported = schools_csv(cast.partnership)
    School.objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    result = import_schools(cast, exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert not School.objects.exclude(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)).exists()


def test_an_urn_of_another_partnership_is_refused(cast):
    SchoolFactory(partnership=PartnershipFactory(slug="elsewhere", name="Elsewhere"), urn="150000", area_hub=None)
    result = import_schools(cast, SCHOOL_HEADER + "150000,Taken,secondary,mainstream,,target,,\r\n")
    assert [str(e) for e in result.errors] == ["row 2, column urn: URN 150000 belongs to a school in another partnership"]


def test_a_coordinator_imports_only_schools_of_their_own_area_hubs(cast):
    content = SCHOOL_HEADER + (
        "140001,Burslem Studio School,secondary,mainstream,North,target,,\r\n"
        "140002,Longton High,secondary,mainstream,South,target,,\r\n"
        f"{cast.other_school.urn},{cast.other_school.name},secondary,mainstream,North,engaged,,\r\n"
        "140003,Fenton Academy,secondary,mainstream,,target,,\r\n"
    )
    result = import_schools(cast, content, acting_user=cast.enterprise_coordinator)
    assert [str(e) for e in result.errors] == [
        "row 3, column area_hub: Enter one of your own area hubs: North",
        f"row 4, column urn: The school with URN {cast.other_school.urn} is not in one of your area hubs, "
        "so you cannot change it",
        "row 5, column area_hub: Enter one of your own area hubs: North",
    ]
    assert not School.objects.filter(urn__startswith="14000").exists()
    good = import_schools(cast, SCHOOL_HEADER + "140001,Burslem Studio School,secondary,mainstream,North,target,,\r\n",
                          acting_user=cast.enterprise_coordinator)
    assert good.ok and good.created == 1


def test_formula_like_names_survive_the_round_trip(cast):
    School.objects.filter(pk=cast.school.pk).update(name="=Northfield + Co")
    exported = schools_csv(cast.partnership)
    assert "'=Northfield + Co" in exported
    School.objects.filter(pk=cast.school.pk).update(name="Something else")
    result = import_schools(cast, exported)
    assert result.updated == 1
    assert School.objects.get(pk=cast.school.pk).name == "=Northfield + Co"


def test_the_export_is_exactly_the_import_format(cast):
    School.objects.filter(pk=cast.school.pk).update(postcode="ST4 1AB", website="https://northfield.example")
    assert schools_csv(cast.partnership).splitlines() == [
        "urn,name,phase,type,area_hub,status,postcode,website",
        f"{cast.school.urn},Northfield Academy,secondary,mainstream,North,engaged,ST4 1AB,https://northfield.example",
        f"{cast.other_school.urn},Southgate High,secondary,mainstream,South,engaged,,",
    ]


# Employers --------------------------------------------------------------------------------------------
def import_employers(cast, content):
    return services.employers_import(acting_user=cast.hub_manager, partnership=cast.partnership, content=content,
                                     file_name="employers.csv")


def test_an_employers_file_matches_names_ignoring_case(cast):
    content = EMPLOYER_HEADER + (
        "POTTERIES PRECISION LTD,C,medium,yes,,\r\n"
        "Trentham Care Homes,Human health and social work activities,Small (10–49),no,ST4 8AA,\r\n"
    )
    result = import_employers(cast, content)
    assert result.ok, [str(e) for e in result.errors]
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)
    cast.employer.refresh_from_db()
    assert (cast.employer.name, cast.employer.is_cornerstone) == ("POTTERIES PRECISION LTD", True)
    care = Employer.objects.get(name="Trentham Care Homes")
    assert (care.sic_section, care.size_band, care.postcode) == ("Q", "small", "ST4 8AA")


def test_bad_employer_cells_are_reported(cast):
    result = import_employers(cast, EMPLOYER_HEADER + "Kiln Logistics Ltd,Z,huge,perhaps,,\r\n")
    assert [str(e) for e in result.errors] == [
        "row 2, column sic_section: “Z” is not a SIC 2007 section. Use a section letter from A to U, like C for manufacturing",
        "row 2, column size_band: “huge” is not a size band. Use one of: micro, small, medium, large",
        "row 2, column cornerstone: “perhaps” is not yes or no. Use yes or no",
    ]


def test_the_employers_export_round_trips(cast):
    exported = export_csv(EmployerCsv, employers_for_export(Employer.objects.filter(partnership=cast.partnership)))
    assert exported.splitlines()[0] == "name,sic_section,size_band,cornerstone,postcode,website"
    result = import_employers(cast, exported)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_only_the_hub_manager_imports_employers(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.employers_import(acting_user=cast.enterprise_coordinator, partnership=cast.partnership,
                                  content=EMPLOYER_HEADER + "A,C,small,no,,\r\n")


# Properties, against the database ----------------------------------------------------------------------
names = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=10),
    min_size=1, max_size=3,
).map(" ".join)
postcodes = st.sampled_from(["", "ST4 1AB", "B1 1BB", "SW1A 1AA", "M60 2LA"])
websites = st.sampled_from(["", "https://example.org", "https://www.example.org/careers"])


@st.composite
def school_rows(draw):
    count = draw(st.integers(1, 12))
    urns = draw(st.lists(st.integers(100000, 999999), min_size=count, max_size=count, unique=True))
    return [
        School(urn=str(urn), name=draw(names), phase=draw(st.sampled_from(School.Phase.values)),
               school_type=draw(st.sampled_from(School.Type.values)), status=draw(st.sampled_from(School.Status.values)),
               postcode=draw(postcodes), website=draw(websites))
        for urn in urns
    ]


@st.composite
def employer_rows(draw):
    rows = draw(st.lists(names, min_size=1, max_size=12, unique_by=str.casefold))
    return [
        Employer(name=name, sic_section=draw(st.sampled_from([c for c in "ABCDEFGHIJKLMNOPQRSTU"])),
                 size_band=draw(st.sampled_from(Employer.SizeBand.values)), is_cornerstone=draw(st.booleans()),
                 postcode=draw(postcodes), website=draw(websites))
        for name in rows
    ]


@contextlib.contextmanager
def rolled_back_partnership():
    """A fresh partnership with two area hubs, all rolled back when the example ends."""
    with transaction.atomic():
        partnership = PartnershipFactory(slug="round-trip", name="Round trip")
        hubs = [AreaHub.objects.create(partnership=partnership, name=n) for n in ("North", "South")]
        yield partnership, hubs
        transaction.set_rollback(True)


PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@PROPERTY_SETTINGS
@given(rows=school_rows(), data=st.data())
def test_schools_import_export_import_is_a_no_op(db, rows, data):
    with rolled_back_partnership() as (partnership, hubs):
        for row in rows:
            row.area_hub = data.draw(st.sampled_from([None, *hubs]))
        result = services.schools_import(acting_user=None, partnership=partnership, content=export_csv(SchoolCsv, rows))
        assert result.ok, [str(e) for e in result.errors]
        exported = export_csv(SchoolCsv, schools_for_export(School.objects.filter(partnership=partnership)))
        again = services.schools_import(acting_user=None, partnership=partnership, content=exported)
        assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows))


@PROPERTY_SETTINGS
@given(rows=employer_rows())
def test_employers_import_export_import_is_a_no_op(db, rows):
    with rolled_back_partnership() as (partnership, _):
        GrowthSector.objects.create(partnership=partnership, sic_section="C", label="Making")
        result = services.employers_import(acting_user=None, partnership=partnership,
                                           content=export_csv(EmployerCsv, rows))
        assert result.ok, [str(e) for e in result.errors]
        stored = Employer.objects.filter(partnership=partnership)
        exported = export_csv(EmployerCsv, employers_for_export(stored))
        again = services.employers_import(acting_user=None, partnership=partnership, content=exported)
        assert (again.created, again.updated, again.unchanged) == (0, 0, len(rows))
        assert export_csv(EmployerCsv, employers_for_export(stored)) == exported


@PROPERTY_SETTINGS
@given(rows=school_rows(), data=st.data())
def test_a_schools_file_with_one_bad_row_writes_nothing(db, rows, data):
    with rolled_back_partnership() as (partnership, _):
        bad = data.draw(st.integers(0, len(rows) - 1), label="bad row")
        lines = export_csv(SchoolCsv, rows).split("\r\n")
        cells = lines[1 + bad].split(",", 1)
        lines[1 + bad] = "00000," + cells[1]  # the URN is first and never quoted
        result = services.schools_import(acting_user=None, partnership=partnership, content="\r\n".join(lines))
        assert not result.ok
        assert (bad + 2, "urn") in {(e.row, e.column) for e in result.errors}
        assert not School.objects.filter(partnership=partnership).exists()
