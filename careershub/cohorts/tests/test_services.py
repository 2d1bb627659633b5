"""The rules of ambassador cohorts, as the services enforce them."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.cohorts import services
from careershub.cohorts.models import ActivityAttendance, Cohort, CohortApplication
from careershub.cohorts.tests.factories import (
    CohortActivityFactory, CohortApplicationFactory, CohortFactory, CohortSchoolFactory, cohort_for, pool_for,
)
from careershub.core.models import AuditEntry
from careershub.network.tests.factories import EmployerFactory, PartnershipFactory
from careershub.network.models import EmployerContact

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def dates(**overrides):
    today = TODAY()
    values = dict(applications_open_on=today, applications_close_on=today + datetime.timedelta(days=14),
                  starts_on=today + datetime.timedelta(days=30), ends_on=today + datetime.timedelta(days=700))
    return values | overrides


# Setting up cohorts ------------------------------------------------------------------------------
def test_hub_staff_set_up_a_cohort_in_their_partnership(cast):
    cohort = services.cohort_create(acting_user=cast.enterprise_coordinator, partnership=cast.partnership,
                                    title="Health and care ambassadors", theme="health_care", description="Wards and labs.",
                                    year_group_from=9, year_group_to=10, places=24, **dates())
    assert cohort.status == Cohort.Status.DRAFT and cohort.created_by == cast.enterprise_coordinator
    assert AuditEntry.objects.filter(subject_type="cohorts.cohort", subject_id=str(cohort.pk)).exists()


def test_nobody_else_sets_up_a_cohort(cast):
    with pytest.raises(PermissionDenied):
        services.cohort_create(acting_user=cast.careers_leader, partnership=cast.partnership, title="X", theme="digital",
                               description="Y", year_group_from=9, year_group_to=10, places=5, **dates())


def test_dates_and_year_groups_must_be_in_order(cast):
    today = TODAY()
    with pytest.raises(ValidationError) as refused:
        services.cohort_create(acting_user=cast.hub_manager, partnership=cast.partnership, title="X", theme="digital",
                               description="Y", year_group_from=11, year_group_to=9, places=5,
                               **dates(applications_close_on=today - datetime.timedelta(days=1),
                                       ends_on=today + datetime.timedelta(days=1)))
    assert set(refused.value.message_dict) == {"year_group_to", "applications_close_on", "ends_on"}


def test_places_cannot_drop_below_those_already_selected(cast):
    cohort, amira, ben = pool_for(cast, places=2)
    services.selection_save(acting_user=cast.hub_manager, cohort=cohort, decisions={amira.pk: "selected", ben.pk: "selected"})
    with pytest.raises(ValidationError) as refused:
        services.cohort_update(acting_user=cast.hub_manager, cohort=cohort, places=1)
    assert "places" in refused.value.message_dict


def test_a_school_joins_with_a_senior_employer_of_the_same_partnership(cast):
    cohort = CohortFactory(partnership=cast.partnership)
    contact = EmployerContact.objects.create(employer=cast.employer, name="Dev Patel", email="dev@example.org")
    link = services.cohort_school_add(acting_user=cast.hub_manager, cohort=cohort, school=cast.school,
                                      employer=cast.employer, lead_contact=contact)
    assert link.lead_contact == contact
    with pytest.raises(ValidationError) as twice:
        services.cohort_school_add(acting_user=cast.hub_manager, cohort=cohort, school=cast.school, employer=cast.employer)
    assert "school" in twice.value.message_dict
    elsewhere = EmployerFactory(partnership=PartnershipFactory(slug="elsewhere"))
    other_contact = EmployerContact.objects.create(employer=cast.other_employer, name="Jo", email="jo@example.org")
    with pytest.raises(ValidationError) as refused:
        services.cohort_school_add(acting_user=cast.hub_manager, cohort=cohort, school=cast.other_school, employer=elsewhere,
                                   lead_contact=other_contact)
    assert set(refused.value.message_dict) == {"employer", "lead_contact"}


def test_a_school_with_applicants_stays_in_the_cohort(cast):
    cohort, amira, _ = pool_for(cast)
    link = cohort.cohort_schools.get(school=cast.school)
    with pytest.raises(ValidationError):
        services.cohort_school_remove(acting_user=cast.hub_manager, link=link)
    spare = CohortSchoolFactory(cohort=cohort)
    services.cohort_school_remove(acting_user=cast.hub_manager, link=spare)
    assert not cohort.cohort_schools.filter(pk=spare.pk).exists()


def test_the_panel_is_hub_staff_and_employer_contacts_only(cast):
    cohort = cohort_for(cast)
    services.panel_member_add(acting_user=cast.hub_manager, cohort=cohort, user=cast.other_employer_contact)
    services.panel_member_add(acting_user=cast.hub_manager, cohort=cohort, user=cast.enterprise_coordinator)
    for person in (cast.careers_leader, cast.young_person, cast.outsider):
        with pytest.raises(ValidationError):
            services.panel_member_add(acting_user=cast.hub_manager, cohort=cohort, user=person)
    with pytest.raises(ValidationError):
        services.panel_member_add(acting_user=cast.hub_manager, cohort=cohort, user=cast.other_employer_contact)
    with pytest.raises(PermissionDenied):
        services.panel_member_add(acting_user=cast.employer_contact, cohort=cohort, user=cast.hub_manager)


# Applying ----------------------------------------------------------------------------------------
def test_a_young_person_in_the_year_groups_at_a_cohort_school_applies_while_it_is_open(cast):
    cohort = cohort_for(cast)
    application = services.application_submit(acting_user=cast.young_person, cohort=cohort,
                                              young_person=cast.young_person_record, statement="  I fix bikes.  ")
    assert application.status == "applied" and application.statement == "I fix bikes."
    entry = AuditEntry.objects.get(subject_type="cohorts.cohortapplication")
    assert entry.young_person_id == cast.young_person_record.pk


@pytest.mark.parametrize("change, message", [
    (dict(status=Cohort.Status.DRAFT), "not taking applications"),
    (dict(status=Cohort.Status.SELECTING), "not taking applications"),
    (dict(year_group_from=11, year_group_to=12), "years 11 to 12"),
])
def test_applications_are_refused_outside_the_rules(cast, change, message):
    cohort = cohort_for(cast, **change)
    with pytest.raises(ValidationError, match=message):
        services.application_submit(acting_user=cast.young_person, cohort=cohort, young_person=cast.young_person_record,
                                    statement="Please")


def test_applications_are_refused_outside_the_window(cast):
    today = TODAY()
    early = cohort_for(cast, applications_open_on=today + datetime.timedelta(days=1))
    late = cohort_for(cast, applications_open_on=today - datetime.timedelta(days=20),
                      applications_close_on=today - datetime.timedelta(days=1))
    for cohort, message in ((early, "Applications open on"), (late, "Applications closed on")):
        with pytest.raises(ValidationError, match=message):
            services.application_submit(acting_user=cast.young_person, cohort=cohort, young_person=cast.young_person_record,
                                        statement="Please")


def test_only_young_people_of_the_cohort_schools_apply_and_only_once(cast):
    cohort = CohortFactory(partnership=cast.partnership)
    CohortSchoolFactory(cohort=cohort, school=cast.other_school)
    with pytest.raises(ValidationError, match="not part of this cohort"):
        services.application_submit(acting_user=cast.young_person, cohort=cohort, young_person=cast.young_person_record,
                                    statement="Please")
    cohort = cohort_for(cast)
    services.application_submit(acting_user=cast.young_person, cohort=cohort, young_person=cast.young_person_record, statement="A")
    with pytest.raises(ValidationError, match="already applied"):
        services.application_submit(acting_user=cast.young_person, cohort=cohort, young_person=cast.young_person_record, statement="B")


def test_young_people_apply_only_for_themselves(cast):
    with pytest.raises(PermissionDenied):
        services.application_submit(acting_user=cast.careers_leader, cohort=cohort_for(cast),
                                    young_person=cast.young_person_record, statement="On her behalf")


def test_the_careers_leader_supports_their_own_schools_applicants_only(cast):
    _, amira, ben = pool_for(cast)
    services.application_support(acting_user=cast.careers_leader, application=amira, note="Runs the robotics club")
    amira.refresh_from_db()
    assert amira.school_support == "Runs the robotics club"
    with pytest.raises(PermissionDenied):
        services.application_support(acting_user=cast.careers_leader, application=ben, note="Not mine")


# Withdrawing -------------------------------------------------------------------------------------
def test_withdrawing_needs_a_reason_and_is_kept_with_it(cast):
    _, amira, _ = pool_for(cast)
    with pytest.raises(ValidationError):
        services.application_withdraw(acting_user=cast.young_person, application=amira, reason="  ")
    services.application_withdraw(acting_user=cast.young_person, application=amira, reason="Moving away")
    amira.refresh_from_db()
    assert amira.status == "withdrawn" and amira.withdrawal_reason == "Moving away" and amira.withdrawn_at
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.application_withdraw(acting_user=cast.hub_manager, application=amira, reason="Again")


def test_who_may_withdraw(cast):
    _, amira, ben = pool_for(cast)
    assert services.may_withdraw(cast.young_person, amira)
    assert services.may_withdraw(cast.careers_leader, amira)
    assert services.may_withdraw(cast.hub_manager, amira)
    assert not services.may_withdraw(cast.careers_leader, ben)
    assert not services.may_withdraw(cast.employer_contact, amira)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(acting_user=cast.employer_contact, application=amira, reason="Panel says so")


# Selecting ---------------------------------------------------------------------------------------
def test_the_panel_decides_many_at_once_and_shortlisting_is_remembered(cast):
    cohort, amira, ben = pool_for(cast)
    changed = services.selection_save(acting_user=cast.employer_contact, cohort=cohort,
                                      decisions={amira.pk: "shortlisted", ben.pk: "not_selected"})
    assert changed == 2
    services.selection_save(acting_user=cast.employer_contact, cohort=cohort, decisions={amira.pk: "selected"})
    amira.refresh_from_db()
    assert amira.status == "selected" and amira.shortlisted_at is not None and amira.decided_by == cast.employer_contact
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk, summary__contains="Panel decision").count() == 2


def test_selection_never_exceeds_the_places_and_is_refused_whole(cast):
    cohort, amira, ben = pool_for(cast, places=1)
    with pytest.raises(ValidationError, match="1 places"):
        services.selection_save(acting_user=cast.hub_manager, cohort=cohort, decisions={amira.pk: "selected", ben.pk: "selected"})
    assert not cohort.applications.exclude(status="applied").exists()


def test_withdrawn_applications_and_unknown_decisions_are_refused(cast):
    cohort, amira, ben = pool_for(cast)
    services.application_withdraw(acting_user=cast.young_person, application=amira, reason="Exams")
    other = CohortApplicationFactory()
    for decisions in ({amira.pk: "selected"}, {ben.pk: "withdrawn"}, {other.pk: "selected"}):
        with pytest.raises(ValidationError):
            services.selection_save(acting_user=cast.hub_manager, cohort=cohort, decisions=decisions)


def test_only_the_panel_and_hub_staff_select_and_not_in_a_draft_cohort(cast):
    cohort, amira, _ = pool_for(cast)
    for person in (cast.other_employer_contact, cast.careers_leader):
        with pytest.raises(PermissionDenied):
            services.selection_save(acting_user=person, cohort=cohort, decisions={amira.pk: "selected"})
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.DRAFT)
    cohort.refresh_from_db()
    with pytest.raises(ValidationError, match="being set up"):
        services.selection_save(acting_user=cast.hub_manager, cohort=cohort, decisions={amira.pk: "selected"})


# Activities and attendance -----------------------------------------------------------------------
def test_hub_staff_add_and_change_activities(cast):
    cohort = cohort_for(cast)
    activity = services.activity_add(acting_user=cast.hub_manager, cohort=cohort, title="Forge visit", occurs_on=TODAY(),
                                     kind="workplace_visit", description="Hot metal")
    services.activity_update(acting_user=cast.hub_manager, activity=activity, title="Forge and foundry visit",
                             occurs_on=TODAY(), kind="workplace_visit", description="Hot metal")
    activity.refresh_from_db()
    assert activity.title == "Forge and foundry visit"
    with pytest.raises(ValidationError):
        services.activity_add(acting_user=cast.hub_manager, cohort=cohort, title=" ", occurs_on=TODAY(), kind="party", description="")
    with pytest.raises(PermissionDenied):
        services.activity_add(acting_user=cast.employer_contact, cohort=cohort, title="X", occurs_on=TODAY(),
                              kind="masterclass", description="Y")


def selected_pool(cast):
    cohort, amira, ben = pool_for(cast)
    services.selection_save(acting_user=None, cohort=cohort, decisions={amira.pk: "selected", ben.pk: "selected"})
    return cohort, amira, ben


def test_a_senior_employer_records_attendance_for_their_schools_ambassadors_only(cast):
    cohort, amira, ben = selected_pool(cast)
    activity = CohortActivityFactory(cohort=cohort)
    assert services.attendance_record(acting_user=cast.employer_contact, activity=activity, attended_ids=[amira.pk]) == 1
    with pytest.raises(ValidationError):
        services.attendance_record(acting_user=cast.employer_contact, activity=activity, attended_ids=[ben.pk])
    assert services.attendance_record(acting_user=cast.hub_manager, activity=activity, attended_ids=[ben.pk]) == 2
    assert dict(ActivityAttendance.objects.values_list("application_id", "attended")) == {amira.pk: False, ben.pk: True}
    with pytest.raises(PermissionDenied):
        services.attendance_record(acting_user=cast.careers_leader, activity=activity, attended_ids=[])


def test_attendance_waits_for_the_day(cast):
    cohort, amira, _ = selected_pool(cast)
    ahead = CohortActivityFactory(cohort=cohort, occurs_on=TODAY() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="on or after the day"):
        services.attendance_record(acting_user=cast.hub_manager, activity=ahead, attended_ids=[amira.pk])


def test_a_young_person_outside_the_year_groups_sees_no_open_cohort(cast):
    from careershub.cohorts.selectors import cohorts_visible_to

    cohort = cohort_for(cast)
    assert cohort in cohorts_visible_to(cast.young_person)
    yp = cast.young_person_record
    yp.year_group = 12
    yp.save()
    assert cohort not in cohorts_visible_to(cast.young_person)
    assert CohortApplication.objects.count() == 0
