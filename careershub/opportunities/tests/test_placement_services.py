"""Recording each safeguarding check by the person responsible, confirming and cancelling."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.core.models import AuditEntry, Notification
from careershub.opportunities import placement_selectors
from careershub.opportunities import placement_services as services
from careershub.opportunities.models import Application, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.opportunities.tests.matrix_placements import amiras_placement, complete_checks
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(cast):
    return amiras_placement(cast)


def audited(placement) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(subject_type="opportunities.placement", subject_id=str(placement.pk))
                .order_by("pk"))


def test_a_placement_starts_with_the_opportunitys_supervisor_and_plan(placement):
    assert placement.status == Placement.Status.AWAITING_CHECKS
    assert placement.supervisor_name == "Jo Patel"
    assert placement.plan.startswith("Monday: safety induction")


def test_a_linked_parent_gives_consent_and_it_is_audited_against_the_young_person(cast, placement):
    services.consent_give(acting_user=cast.parent_carer, placement=placement)
    placement.refresh_from_db()
    assert placement.parental_consent_by == cast.parent_carer and placement.parental_consent_at
    [entry] = audited(placement)
    assert entry.young_person_id == cast.young_person_record.pk and entry.actor == cast.parent_carer
    with pytest.raises(ValidationError, match="already been given"):
        services.consent_give(acting_user=cast.parent_carer, placement=placement)


def test_the_careers_leader_records_consent_on_paper_but_nobody_else_gives_it(cast, placement):
    for user in (cast.young_person, cast.employer_contact, cast.teacher, cast.hub_manager, cast.other_careers_leader):
        with pytest.raises(PermissionDenied):
            services.consent_give(acting_user=user, placement=placement)
    with pytest.raises(PermissionDenied):
        services.consent_give(acting_user=cast.parent_carer, placement=placement, on_paper=True)
    services.consent_give(acting_user=cast.careers_leader, placement=placement, on_paper=True)
    assert "on paper" in audited(placement)[0].summary


def test_an_unlinked_parent_cannot_give_consent(cast, placement):
    stranger = UserFactory()
    RoleAssignmentFactory(user=stranger, role=Role.PARENT_CARER, partnership=cast.partnership)
    with pytest.raises(PermissionDenied):
        services.consent_give(acting_user=stranger, placement=placement)


def test_consent_is_refused_for_a_young_person_who_is_18_when_it_starts(cast):
    adult = YoungPersonFactory(school=cast.school, date_of_birth=datetime.date(2008, 1, 1), year_group=13)
    application = ApplicationFactory(opportunity=OpportunityFactory(employer=cast.employer), young_person=adult,
                                     status=Application.Status.ACCEPTED)
    from careershub.opportunities import placing

    placement = placing.placement_for(application)
    with pytest.raises(ValidationError, match="18 or over"):
        services.consent_give(acting_user=cast.careers_leader, placement=placement, on_paper=True)
    assert not services.needs_parental_consent(placement)


def test_the_host_confirms_its_risk_assessment_with_notes(cast, placement):
    with pytest.raises(ValidationError):
        services.risk_assessment_confirm(acting_user=cast.employer_contact, placement=placement, notes="  ")
    for user in (cast.careers_leader, cast.other_employer_contact, cast.parent_carer):
        with pytest.raises(PermissionDenied):
            services.risk_assessment_confirm(acting_user=user, placement=placement, notes="Guarding")
    services.risk_assessment_confirm(acting_user=cast.employer_contact, placement=placement, notes="Guarding")
    placement.refresh_from_db()
    assert placement.risk_assessment_by == cast.employer_contact and placement.risk_assessment_notes == "Guarding"


def test_the_host_records_the_supervisors_check(cast, placement):
    with pytest.raises(ValidationError) as error:
        services.supervisor_check_record(acting_user=cast.employer_contact, placement=placement, supervisor_name="",
                                         reference="", expires_on=None)
    assert set(error.value.message_dict) == {"supervisor_name", "reference", "expires_on"}
    with pytest.raises(PermissionDenied):
        services.supervisor_check_record(acting_user=cast.careers_leader, placement=placement, supervisor_name="Jo",
                                         reference="1", expires_on=datetime.date(2028, 1, 1))
    services.supervisor_check_record(acting_user=cast.employer_contact, placement=placement, supervisor_name="Sam Ortiz",
                                     reference="009988776655", expires_on=datetime.date(2027, 2, 1))
    placement.refresh_from_db()
    assert placement.supervisor_name == "Sam Ortiz"
    assert services.missing_checks(placement, datetime.date(2026, 12, 1))[2] == (
        "The supervisor's safeguarding check expires on 1 February 2027, before the placement ends on 19 February 2027"
    )


def test_only_the_school_decides_a_supervisor_needs_no_check_and_gives_its_reason(cast, placement):
    """The host may not waive its own supervisor's check; the careers leader or hub manager may, with a reason."""
    for user in (cast.employer_contact, cast.teacher, cast.enterprise_coordinator, cast.parent_carer, cast.young_person):
        with pytest.raises(PermissionDenied):
            services.supervisor_check_not_required(acting_user=user, placement=placement, reason="Never alone")
    with pytest.raises(ValidationError):
        services.supervisor_check_not_required(acting_user=cast.careers_leader, placement=placement, reason=" ")
    services.supervisor_check_not_required(acting_user=cast.careers_leader, placement=placement,
                                           reason="Never alone with Amira: an open-plan office")
    placement.refresh_from_db()
    assert not placement.supervisor_check_required
    assert placement_selectors.supervisor_not_required_reason(placement) == "Never alone with Amira: an open-plan office"
    assert services.checklist(placement, datetime.date(2026, 12, 1))[2].status == "not_required"
    services.supervisor_check_required_again(acting_user=cast.hub_manager, placement=placement)
    placement.refresh_from_db()
    assert placement.supervisor_check_required
    assert placement_selectors.supervisor_not_required_reason(placement) == ""


def test_the_emergency_contact_comes_from_a_parent_or_the_careers_leader(cast, placement):
    with pytest.raises(PermissionDenied):
        services.emergency_contact_record(acting_user=cast.employer_contact, placement=placement, name="A", phone="07700 900982")
    with pytest.raises(ValidationError) as error:
        services.emergency_contact_record(acting_user=cast.parent_carer, placement=placement, name="Parveen", phone="call me")
    assert "phone" in error.value.message_dict
    services.emergency_contact_record(acting_user=cast.parent_carer, placement=placement, name="Parveen Khan",
                                      phone="07700 900982")
    services.emergency_contact_record(acting_user=cast.careers_leader, placement=placement, name="Imran Khan",
                                      phone="+44 1632 960001")
    placement.refresh_from_db()
    assert placement.emergency_contact_name == "Imran Khan"


def test_both_agree_the_plan_and_a_change_by_the_host_clears_both_agreements(cast, placement):
    services.plan_agree(acting_user=cast.young_person, placement=placement)
    services.plan_agree(acting_user=cast.employer_contact, placement=placement)
    placement.refresh_from_db()
    assert placement.plan_agreed_by_young_person_at and placement.plan_agreed_by_host_at
    assert not services.plan_update(acting_user=cast.employer_contact, placement=placement, plan=placement.plan + "  ")
    placement.refresh_from_db()
    assert placement.plan_agreed_by_young_person_at, "the same text changes nothing"
    assert services.plan_update(acting_user=cast.employer_contact, placement=placement, plan="Monday to Friday: the shop floor")
    placement.refresh_from_db()
    assert placement.plan == "Monday to Friday: the shop floor"
    assert placement.plan_agreed_by_young_person_at is None and placement.plan_agreed_by_host_at is None
    for user in (cast.parent_carer, cast.careers_leader):
        with pytest.raises(PermissionDenied):
            services.plan_agree(acting_user=user, placement=placement)
    with pytest.raises(PermissionDenied):
        services.plan_update(acting_user=cast.young_person, placement=placement, plan="Nothing")


def test_confirming_with_checks_missing_lists_them_and_changes_nothing(cast, placement):
    with pytest.raises(ValidationError) as error:
        services.placement_confirm(acting_user=cast.careers_leader, placement=placement)
    assert "Parental consent has not been given" in error.value.messages
    assert len(error.value.messages) == 5
    placement.refresh_from_db()
    assert placement.status == Placement.Status.AWAITING_CHECKS


def test_only_the_careers_leader_or_hub_manager_confirms(cast, placement):
    complete_checks(placement, cast)
    for user in (cast.teacher, cast.enterprise_coordinator, cast.employer_contact, cast.parent_carer,
                 cast.other_careers_leader):
        with pytest.raises(PermissionDenied):
            services.placement_confirm(acting_user=user, placement=placement)


def test_confirming_tells_the_young_person_parents_and_host_and_closes_the_checks(cast, placement):
    complete_checks(placement, cast)
    services.placement_confirm(acting_user=cast.careers_leader, placement=placement)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CONFIRMED and placement.confirmed_by == cast.careers_leader
    told = set(Notification.objects.filter(subject__startswith="Placement confirmed").values_list("user", flat=True))
    assert told == {cast.young_person.pk, cast.parent_carer.pk, cast.employer_contact.pk}
    assert audited(placement)[-1].young_person_id == cast.young_person_record.pk
    with pytest.raises(ValidationError, match="confirmed"):
        services.plan_update(acting_user=cast.employer_contact, placement=placement, plan="Something else")
    with pytest.raises(ValidationError):
        services.placement_confirm(acting_user=cast.careers_leader, placement=placement)


def test_cancelling_needs_a_reason_and_tells_the_others(cast, placement):
    with pytest.raises(ValidationError):
        services.placement_cancel(acting_user=cast.employer_contact, placement=placement, reason="")
    with pytest.raises(PermissionDenied):
        services.placement_cancel(acting_user=cast.parent_carer, placement=placement, reason="Ill")
    services.placement_cancel(acting_user=cast.employer_contact, placement=placement, reason="Machine shop closed")
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CANCELLED and placement.cancelled_reason == "Machine shop closed"
    told = set(Notification.objects.filter(subject__startswith="Placement cancelled").values_list("user", flat=True))
    assert told == {cast.young_person.pk, cast.parent_carer.pk}
    with pytest.raises(ValidationError):
        services.placement_cancel(acting_user=cast.careers_leader, placement=placement, reason="Again")
