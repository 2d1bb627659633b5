"""The rules of drafting, submitting, reviewing, changing and withdrawing opportunities."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.core.models import AuditEntry, Notification
from careershub.opportunities import services
from careershub.opportunities.models import Application, Opportunity, OpportunityDecision, Placement
from careershub.opportunities.tests.factories import ApplicationFactory
from careershub.opportunities.tests.menu_builders import NEWCASTLE, STOKE, details, future, locate, opportunity

pytestmark = pytest.mark.django_db
S = Opportunity.Status


def notified(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("subject", flat=True))


def problems_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# Creating ----------------------------------------------------------------------------------------------
def test_an_employer_contact_drafts_with_benchmarks_from_the_kind_and_a_location(cast):
    locate(STOKE)
    created = services.opportunity_create(acting_user=cast.employer_contact, host=cast.employer, **details())
    assert created.status == S.DRAFT and created.employer == cast.employer
    assert created.partnership == cast.partnership and created.created_by == cast.employer_contact
    assert created.benchmarks == [6]
    assert created.postcode == "ST4 2RS"
    assert (created.latitude, created.longitude) == (53.0027, -2.1794)
    assert AuditEntry.objects.filter(action="create", subject_id=str(created.pk)).exists()


def test_chosen_benchmarks_are_kept_and_an_unknown_postcode_has_no_location(cast):
    created = services.opportunity_create(acting_user=cast.employer_contact, host=cast.employer,
                                          **details(benchmarks=[5, 6], postcode="ST9 9ZZ"))
    assert created.benchmarks == [5, 6]
    assert created.latitude is None and created.longitude is None


def test_hub_staff_create_for_a_provider_and_other_employers_contacts_cannot(cast):
    created = services.opportunity_create(acting_user=cast.enterprise_coordinator, host=cast.provider,
                                          **details(kind="education_encounter", supervisor_name=""))
    assert created.provider == cast.provider and created.employer is None and created.benchmarks == [7]
    with pytest.raises(PermissionDenied):
        services.opportunity_create(acting_user=cast.other_employer_contact, host=cast.employer, **details())
    with pytest.raises(PermissionDenied):
        services.opportunity_create(acting_user=cast.employer_contact, host=cast.provider, **details())
    with pytest.raises(PermissionDenied):
        services.opportunity_create(acting_user=cast.careers_leader, host=cast.employer, **details())


def test_dates_year_groups_and_closing_date_must_be_in_order(cast):
    found = problems_of(lambda: services.opportunity_create(
        acting_user=cast.employer_contact, host=cast.employer,
        **details(ends_on=future(50), year_group_from=11, year_group_to=10, applications_close_on=future(60),
                  postcode="nonsense", capacity=0, benchmarks=[9]),
    ))
    assert set(found) == {"ends_on", "year_group_to", "applications_close_on", "postcode", "capacity", "benchmarks"}
    assert not Opportunity.objects.exists()


# Submitting --------------------------------------------------------------------------------------------
def test_submitting_records_the_decision_and_notifies_the_reviewers(cast):
    draft = opportunity(cast)
    services.opportunity_submit(acting_user=cast.employer_contact, opportunity=draft)
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.submitted_at is not None
    assert list(draft.decisions.values_list("decision", "by")) == [("submitted", cast.employer_contact.pk)]
    assert notified(cast.hub_manager) == [f"Waiting for approval: {draft.title}"]
    assert notified(cast.enterprise_coordinator) == [f"Waiting for approval: {draft.title}"]
    assert notified(cast.employer_contact) == [] and notified(cast.analyst) == []


def test_submission_needs_everything_a_young_person_needs(cast):
    draft = opportunity(cast, supervisor_name="", postcode="", address="", what_to_bring="", daily_times="",
                        access_information="", applications_close_on=None)
    found = problems_of(lambda: services.opportunity_submit(acting_user=cast.employer_contact, opportunity=draft))
    assert set(found) == {"supervisor_name", "postcode", "address", "what_to_bring", "daily_times",
                          "access_information", "applications_close_on"}
    assert "safeguarding" in found["supervisor_name"][0]
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and not draft.decisions.exists()


def test_an_online_talk_needs_no_place_nor_named_supervisor(cast):
    talk = opportunity(cast, kind="careers_talk", online=True, postcode="", address="", supervisor_name="",
                       how_places_are_given="whole_group", applications_close_on=None)
    services.opportunity_submit(acting_user=cast.employer_contact, opportunity=talk)
    talk.refresh_from_db()
    assert talk.status == S.SUBMITTED


def test_the_start_must_be_in_the_future_and_the_closing_date_before_it(cast):
    late = opportunity(cast, starts_on=future(-1), ends_on=future(3), applications_close_on=future(-5))
    found = problems_of(lambda: services.opportunity_submit(acting_user=cast.employer_contact, opportunity=late))
    assert "starts_on" in found and "applications_close_on" in found


def test_only_drafts_and_returned_ones_are_submitted_by_people_who_manage_them(cast):
    draft = opportunity(cast)
    with pytest.raises(PermissionDenied):
        services.opportunity_submit(acting_user=cast.other_employer_contact, opportunity=draft)
    approved = opportunity(cast, status=S.APPROVED)
    with pytest.raises(ValidationError, match="approved, so it cannot be submitted"):
        services.opportunity_submit(acting_user=cast.employer_contact, opportunity=approved)


# Reviewing ---------------------------------------------------------------------------------------------
def test_approving_puts_it_on_the_menu_and_tells_the_employer(cast):
    submitted = opportunity(cast, status=S.SUBMITTED)
    services.opportunity_approve(acting_user=cast.hub_manager, opportunity=submitted)
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED and submitted.decided_by == cast.hub_manager
    assert list(submitted.decisions.values_list("decision", flat=True)) == ["approved"]
    assert notified(cast.employer_contact) == [f"Approved: {submitted.title}"]
    assert notified(cast.other_employer_contact) == []


def test_only_reviewers_approve_and_only_what_waits(cast):
    submitted = opportunity(cast, status=S.SUBMITTED)
    for person in (cast.employer_contact, cast.careers_leader, cast.analyst):
        with pytest.raises(PermissionDenied):
            services.opportunity_approve(acting_user=person, opportunity=submitted)
    draft = opportunity(cast)
    with pytest.raises(ValidationError, match="not waiting for approval"):
        services.opportunity_approve(acting_user=cast.hub_manager, opportunity=draft)


def test_returning_needs_a_reason_which_the_employer_is_told(cast):
    submitted = opportunity(cast, status=S.SUBMITTED)
    found = problems_of(lambda: services.opportunity_return(acting_user=cast.enterprise_coordinator,
                                                            opportunity=submitted, reason="  "))
    assert found == {"reason": ["Enter what the host needs to change"]}
    services.opportunity_return(acting_user=cast.enterprise_coordinator, opportunity=submitted,
                                reason="Say what happens on Wednesday")
    submitted.refresh_from_db()
    assert submitted.status == S.RETURNED and submitted.return_reason == "Say what happens on Wednesday"
    decision = submitted.decisions.get()
    assert (decision.decision, decision.reason, decision.by) == ("returned", "Say what happens on Wednesday",
                                                                  cast.enterprise_coordinator)
    assert notified(cast.employer_contact) == [f"Returned for changes: {submitted.title}"]
    # Changed and submitted again.
    services.opportunity_update(acting_user=cast.employer_contact, opportunity=submitted,
                                daily_plan="Wednesday: a site tour.")
    services.opportunity_submit(acting_user=cast.employer_contact, opportunity=submitted)
    assert list(submitted.decisions.values_list("decision", flat=True)) == ["returned", "submitted"]


# Changing ----------------------------------------------------------------------------------------------
def test_a_draft_changes_freely_and_a_new_postcode_moves_it(cast):
    locate(STOKE, NEWCASTLE)
    draft = opportunity(cast, postcode="ST4 2RS")
    saved = services.opportunity_update(acting_user=cast.employer_contact, opportunity=draft,
                                        title="Machine shop week", postcode="st5 1aa")
    assert saved.status == S.DRAFT and saved.title == "Machine shop week"
    assert (saved.postcode, saved.latitude) == ("ST5 1AA", 53.0109)


def test_a_submitted_or_withdrawn_one_cannot_be_changed(cast):
    for status in (S.SUBMITTED, S.WITHDRAWN):
        with pytest.raises(ValidationError):
            services.opportunity_update(acting_user=cast.employer_contact, opportunity=opportunity(cast, status=status),
                                        title="Another title")


def test_minor_changes_to_an_approved_one_keep_it_on_the_menu(cast):
    approved = opportunity(cast, status=S.APPROVED)
    saved = services.opportunity_update(acting_user=cast.employer_contact, opportunity=approved, capacity=6,
                                        what_to_bring="Lunch and a coat.")
    assert saved.status == S.APPROVED and saved.capacity == 6
    assert not saved.decisions.exists()


def test_a_change_of_substance_by_the_host_sends_it_back_for_approval(cast):
    approved = opportunity(cast, status=S.APPROVED)
    application = ApplicationFactory(opportunity=approved, young_person=cast.young_person_record)
    saved = services.opportunity_update(acting_user=cast.employer_contact, opportunity=approved,
                                        starts_on=future(61), daily_plan="A different week.")
    assert saved.status == S.SUBMITTED
    decision = saved.decisions.get()
    assert decision.decision == "submitted" and "start date" in decision.reason and "plan of the days" in decision.reason
    assert notified(cast.hub_manager) == [f"Changed after approval: {saved.title}"]
    assert notified(cast.young_person) == [f"{saved.title} has changed"]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_the_same_change_by_hub_staff_keeps_it_approved_on_record(cast):
    approved = opportunity(cast, status=S.APPROVED)
    saved = services.opportunity_update(acting_user=cast.hub_manager, opportunity=approved, title="Retitled")
    assert saved.status == S.APPROVED
    assert saved.decisions.get().reason == "Changed by the hub after approval: title"


def test_places_cannot_fall_below_those_given(cast):
    approved = opportunity(cast, status=S.APPROVED)
    ApplicationFactory.create_batch(2, opportunity=approved, status=Application.Status.ACCEPTED)
    found = problems_of(lambda: services.opportunity_update(acting_user=cast.employer_contact, opportunity=approved,
                                                            capacity=1))
    assert "2 places have already been given" in found["capacity"][0]


# Withdrawing ---------------------------------------------------------------------------------------------
def test_withdrawing_with_applicants_needs_a_reason_and_declines_them(cast):
    approved = opportunity(cast, status=S.APPROVED)
    application = ApplicationFactory(opportunity=approved, young_person=cast.young_person_record,
                                     status=Application.Status.ACCEPTED)
    placement = Placement.objects.create(application=application)
    found = problems_of(lambda: services.opportunity_withdraw(acting_user=cast.employer_contact, opportunity=approved))
    assert "1 young person has applied" in found["reason"][0]
    services.opportunity_withdraw(acting_user=cast.employer_contact, opportunity=approved,
                                  reason="The workshop is closed for repairs")
    approved.refresh_from_db()
    application.refresh_from_db()
    placement.refresh_from_db()
    assert approved.status == S.WITHDRAWN
    assert application.status == Application.Status.DECLINED
    assert application.decision_reason == "The opportunity was withdrawn: The workshop is closed for repairs"
    assert placement.status == Placement.Status.CANCELLED
    assert notified(cast.young_person) == [f"Withdrawn: {approved.title}"]
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk).exists()
    assert approved.decisions.get().decision == OpportunityDecision.Decision.WITHDRAWN
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.opportunity_withdraw(acting_user=cast.employer_contact, opportunity=approved)


def test_a_draft_is_withdrawn_without_a_reason_but_not_by_outsiders(cast):
    draft = opportunity(cast)
    with pytest.raises(PermissionDenied):
        services.opportunity_withdraw(acting_user=cast.other_employer_contact, opportunity=draft)
    services.opportunity_withdraw(acting_user=cast.hub_manager, opportunity=draft)
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    assert notified(cast.employer_contact) == [f"Withdrawn by the hub: {draft.title}"]
