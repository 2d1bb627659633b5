"""Writes to the network: validation, scope and the audit log."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.core.models import AuditEntry
from careershub.network import services
from careershub.network.models import AreaHub, Employer, EmployerContact, GrowthSector, School
from careershub.network.tests.factories import AreaHubFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: TODAY)


def new_school(cast, acting_user, **overrides):
    values = dict(urn="131313", name="Burslem Studio School", phase="secondary", school_type="mainstream",
                  area_hub=cast.area_hub, status="target")
    values.update(overrides)
    return services.school_create(acting_user=acting_user, partnership=cast.partnership, **values)


# Schools ----------------------------------------------------------------------------------------------
def test_a_hub_manager_adds_a_school_and_it_is_audited(cast):
    school = new_school(cast, cast.hub_manager, postcode="ST6 3AA", status="engaged")
    assert (school.targeted_on, school.engaged_on) == (TODAY, TODAY)
    entry = AuditEntry.objects.get(action="create", subject_type="network.school")
    assert entry.actor == cast.hub_manager
    assert entry.subject_id == str(school.pk)
    assert entry.summary == "Added school Burslem Studio School (URN 131313)"


def test_a_coordinator_adds_schools_only_to_their_own_area_hub(cast):
    school = new_school(cast, cast.enterprise_coordinator)
    assert school.area_hub == cast.area_hub
    with pytest.raises(ValidationError) as error:
        new_school(cast, cast.enterprise_coordinator, urn="131314", area_hub=cast.other_area_hub)
    assert error.value.message_dict == {"area_hub": ["Choose one of your own area hubs"]}
    with pytest.raises(ValidationError):
        new_school(cast, cast.enterprise_coordinator, urn="131315", area_hub=None)
    assert not School.objects.filter(urn__in=["131314", "131315"]).exists()


def test_an_area_hub_of_another_partnership_is_refused(cast):
    elsewhere = AreaHubFactory(partnership=PartnershipFactory(slug="elsewhere", name="Elsewhere"))
    with pytest.raises(ValidationError) as error:
        new_school(cast, cast.hub_manager, area_hub=elsewhere)
    assert "area_hub" in error.value.message_dict


def test_school_validation_refuses_a_bad_urn_and_postcode(cast):
    with pytest.raises(ValidationError) as error:
        new_school(cast, cast.hub_manager, urn="12345", postcode="NOT A CODE")
    assert set(error.value.message_dict) == {"urn", "postcode"}
    assert not AuditEntry.objects.filter(action="create").exists()


def test_changing_status_stamps_its_date_and_keeps_earlier_ones(cast):
    school = new_school(cast, cast.hub_manager)
    services.school_update(acting_user=cast.hub_manager, school=school, status="engaged")
    services.school_update(acting_user=cast.hub_manager, school=school, status="declined")
    school.refresh_from_db()
    assert (school.status, school.engaged_on, school.declined_on) == ("declined", TODAY, TODAY)
    summaries = list(AuditEntry.objects.filter(action="update").values_list("summary", flat=True))
    assert summaries == ["Changed status of Burslem Studio School"] * 2


def test_an_update_that_changes_nothing_leaves_no_entry(cast):
    services.school_update(acting_user=cast.hub_manager, school=cast.school, name=cast.school.name)
    assert not AuditEntry.objects.filter(action="update").exists()


def test_the_audit_entry_names_every_changed_field(cast):
    services.school_update(acting_user=cast.hub_manager, school=cast.school, name="Northfield Academy Trust",
                           postcode="ST4 1AB", website="https://northfield.example")
    entry = AuditEntry.objects.get(action="update")
    assert entry.summary == "Changed name, postcode, website of Northfield Academy Trust"


def test_a_coordinator_cannot_change_another_hubs_school_or_move_theirs_away(cast):
    with pytest.raises(PermissionDenied):
        services.school_update(acting_user=cast.enterprise_coordinator, school=cast.other_school, name="Taken")
    with pytest.raises(ValidationError):
        services.school_update(acting_user=cast.enterprise_coordinator, school=cast.school,
                               area_hub=cast.other_area_hub)
    cast.school.refresh_from_db()
    assert cast.school.area_hub == cast.area_hub


def test_the_command_line_acts_without_a_person(cast):
    school = new_school(cast, None, area_hub=None)
    assert AuditEntry.objects.get(subject_id=str(school.pk), action="create").actor is None


# Area hubs ----------------------------------------------------------------------------------------------
def test_area_hubs_are_unique_by_name_ignoring_case(cast):
    with pytest.raises(ValidationError) as error:
        services.area_hub_create(acting_user=cast.hub_manager, partnership=cast.partnership, name="north")
    assert error.value.message_dict == {"name": ["There is already an area hub called north"]}
    hub = services.area_hub_create(acting_user=cast.hub_manager, partnership=cast.partnership, name="East")
    services.area_hub_update(acting_user=cast.hub_manager, area_hub=hub, name="Eastbank")
    assert AreaHub.objects.get(pk=hub.pk).name == "Eastbank"
    assert AuditEntry.objects.filter(subject_type="network.areahub").count() == 2


def test_only_the_hub_manager_manages_area_hubs(cast):
    with pytest.raises(PermissionDenied):
        services.area_hub_create(acting_user=cast.enterprise_coordinator, partnership=cast.partnership, name="East")


# Employers and contacts ---------------------------------------------------------------------------------
def test_employers_are_unique_within_the_partnership_ignoring_case(cast):
    with pytest.raises(ValidationError) as error:
        services.employer_create(acting_user=cast.hub_manager, partnership=cast.partnership,
                                 name="POTTERIES PRECISION LTD", sic_section="C", size_band="small")
    assert "name" in error.value.message_dict
    employer = services.employer_create(acting_user=cast.hub_manager, partnership=cast.partnership,
                                        name="Trentham Care Homes", sic_section="Q", size_band="medium",
                                        is_cornerstone=True)
    assert employer.is_cornerstone


def test_only_the_hub_manager_changes_employers(cast):
    with pytest.raises(PermissionDenied):
        services.employer_update(acting_user=cast.enterprise_coordinator, employer=cast.employer, size_band="large")
    services.employer_update(acting_user=cast.hub_manager, employer=cast.employer, size_band="large")
    assert Employer.objects.get(pk=cast.employer.pk).size_band == "large"


def test_an_employer_has_one_main_contact(cast):
    first = services.employer_contact_create(acting_user=cast.hub_manager, employer=cast.employer,
                                             name="Sam Patel", email="sam@potteries.example")
    assert first.is_primary, "the first contact is the main one"
    second = services.employer_contact_create(acting_user=cast.hub_manager, employer=cast.employer,
                                              name="Jo Reid", email="jo@potteries.example", is_primary=True)
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    services.employer_contact_remove(acting_user=cast.hub_manager, contact=second)
    first.refresh_from_db()
    assert first.is_primary, "removing the main contact passes the role on"
    assert AuditEntry.objects.filter(subject_type="network.employercontact", action="delete").count() == 1


def test_a_contact_needs_a_real_email_address(cast):
    with pytest.raises(ValidationError) as error:
        services.employer_contact_create(acting_user=cast.hub_manager, employer=cast.employer, name="Sam",
                                         email="not-an-address")
    assert "email" in error.value.message_dict
    assert not EmployerContact.objects.exists()


# Growth sectors ------------------------------------------------------------------------------------------
def sectors(cast):
    return list(GrowthSector.objects.filter(partnership=cast.partnership).values_list("sic_section", "priority"))


def test_growth_sectors_are_added_last_moved_and_removed_in_order(cast):
    for section, label in (("C", "Advanced manufacturing"), ("J", "Digital"), ("Q", "Health and social care")):
        services.growth_sector_add(acting_user=cast.hub_manager, partnership=cast.partnership,
                                   sic_section=section, label=label)
    assert sectors(cast) == [("C", 1), ("J", 2), ("Q", 3)]
    services.growth_sector_move(acting_user=cast.hub_manager, growth_sector=GrowthSector.objects.get(sic_section="Q"),
                                up=True)
    assert sectors(cast) == [("C", 1), ("Q", 2), ("J", 3)]
    services.growth_sector_move(acting_user=cast.hub_manager, growth_sector=GrowthSector.objects.get(sic_section="C"),
                                up=True)
    assert sectors(cast) == [("C", 1), ("Q", 2), ("J", 3)], "the first cannot move up"
    services.growth_sector_remove(acting_user=cast.hub_manager, growth_sector=GrowthSector.objects.get(sic_section="C"))
    assert sectors(cast) == [("Q", 1), ("J", 2)]
    assert AuditEntry.objects.filter(subject_type="network.growthsector").count() == 5, "the move that did nothing is not logged"


def test_a_section_is_a_growth_sector_once(cast):
    services.growth_sector_add(acting_user=cast.hub_manager, partnership=cast.partnership, sic_section="C", label="Making")
    with pytest.raises(ValidationError):
        services.growth_sector_add(acting_user=cast.hub_manager, partnership=cast.partnership, sic_section="C",
                                   label="Again")


def test_only_the_hub_manager_sets_growth_sectors(cast):
    with pytest.raises(PermissionDenied):
        services.growth_sector_add(acting_user=cast.analyst, partnership=cast.partnership, sic_section="C",
                                   label="Making")
