"""The rules of applying, withdrawing, the host's decisions and messages, in the services directly."""
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.core.models import AuditEntry, Notification
from careershub.opportunities import application_services as services
from careershub.opportunities.kinds import Kind
from careershub.opportunities.models import Application, Message, Opportunity, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def soon(days=60):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def opportunity(cast):
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, starts_on=soon(),
                              ends_on=soon(64), capacity=2, title="Engineering week")


def apply(cast, opportunity, **overrides):
    arguments = {"acting_user": cast.young_person, "opportunity": opportunity,
                 "young_person": cast.young_person_record, "interest": "I like making things.",
                 "availability": "", "shared": ["school", "year_group"], **overrides}
    return services.application_submit(**arguments)


def applicant(cast, opportunity, **kwargs):
    """Another young person at cast.school with an account, and their application."""
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.YOUNG_PERSON, partnership=cast.partnership, school=cast.school)
    young_person = YoungPersonFactory(school=cast.school, user=user)
    return ApplicationFactory(opportunity=opportunity, young_person=young_person, **kwargs)


def refusal(error) -> str:
    return " ".join(error.value.messages)


# Applying ---------------------------------------------------------------------------------------
def test_a_young_person_applies_and_the_host_is_told(cast, opportunity):
    application = apply(cast, opportunity, shared=["year_group", "school", "school"])
    assert application.status == Application.Status.SUBMITTED
    assert application.shared == ["school", "year_group"]  # in the form's order, each once
    assert application.submitted_by == cast.young_person
    entry = AuditEntry.objects.get(subject_type="opportunities.application", subject_id=str(application.pk))
    assert entry.young_person_id == cast.young_person_record.pk and entry.action == AuditEntry.Action.CREATE
    note = Notification.objects.get(user=cast.employer_contact)
    assert note.subject == "New application for Engineering week"
    assert "Amira K." in note.body and "Khan" not in note.body
    assert not Notification.objects.filter(user=cast.other_employer_contact).exists()


@pytest.mark.parametrize("who", ["parent_carer", "careers_leader", "employer_contact", "hub_manager"])
def test_only_the_young_person_themself_applies(cast, opportunity, who):
    with pytest.raises(PermissionDenied):
        apply(cast, opportunity, acting_user=cast.users[who])
    assert not Application.objects.exists()


def test_a_young_person_cannot_apply_for_someone_else(cast, opportunity):
    with pytest.raises(PermissionDenied):
        apply(cast, opportunity, young_person=cast.other_young_person_record)


@pytest.mark.parametrize(("change", "expected"), [
    ({"status": Opportunity.Status.SUBMITTED}, "not open for applications"),
    ({"applications_close_on": timezone.localdate() - timedelta(days=1)}, "Applications closed on"),
    ({"starts_on": timezone.localdate(), "ends_on": timezone.localdate() + timedelta(days=2)}, "started on"),
    ({"how_places_are_given": Opportunity.HowPlacesAreGiven.ALLOCATION}, "allocation round"),
    ({"how_places_are_given": Opportunity.HowPlacesAreGiven.WHOLE_GROUP}, "whole group"),
])
def test_applications_only_while_open_and_given_by_application(cast, opportunity, change, expected):
    Opportunity.objects.filter(pk=opportunity.pk).update(**change)
    opportunity.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity)
    assert expected in refusal(error)
    assert error.value.code == "not_open"


def test_the_closing_day_itself_is_still_open(cast, opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(applications_close_on=timezone.localdate())
    opportunity.refresh_from_db()
    assert apply(cast, opportunity).status == Application.Status.SUBMITTED


def test_the_year_group_must_be_one_the_opportunity_is_for(cast, opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(year_group_from=12, year_group_to=13)
    opportunity.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity)
    assert refusal(error) == "This opportunity is for year 12 to year 13, so you cannot apply from year 10."


def test_one_application_per_opportunity(cast, opportunity):
    apply(cast, opportunity)
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity)
    assert error.value.code == "already_applied"
    assert Application.objects.count() == 1


def test_only_the_parts_of_the_record_that_may_be_shared(cast, opportunity):
    for forbidden in (["date_of_birth"], ["send"], ["school", "email"]):
        with pytest.raises(ValidationError) as error:
            apply(cast, opportunity, shared=forbidden)
        assert "shared" in error.value.message_dict
    assert not Application.objects.exists()


def test_an_application_needs_a_reason_for_interest(cast, opportunity):
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity, interest="   ")
    assert error.value.message_dict == {"interest": ["Tell the employer why you are interested"]}


def test_a_withdrawn_application_may_be_sent_again_while_applications_are_open(cast, opportunity):
    first = apply(cast, opportunity)
    services.application_withdraw(acting_user=cast.young_person, application=first)
    again = apply(cast, opportunity, interest="I still want to go.", shared=[])
    assert again.pk == first.pk
    assert (again.status, again.interest, again.shared) == (Application.Status.SUBMITTED, "I still want to go.", [])
    assert AuditEntry.objects.filter(subject_id=str(first.pk), summary__startswith="Applied again").exists()


def test_no_second_try_after_withdrawing_from_a_place(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=application)
    services.application_withdraw(acting_user=cast.young_person, application=application)
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity)
    assert "after a decision was made" in refusal(error)


def test_no_second_try_after_being_declined(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_decline(acting_user=cast.employer_contact, application=application, reason="We chose others.")
    with pytest.raises(ValidationError) as error:
        apply(cast, opportunity)
    assert "not successful" in refusal(error)


# Withdrawing ------------------------------------------------------------------------------------
def test_withdrawing_an_accepted_application_frees_the_place_and_cancels_the_placement(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=application)
    Notification.objects.all().delete()
    services.application_withdraw(acting_user=cast.young_person, application=application, reason="I am moving away.")
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    placement = Placement.objects.get(application=application)
    assert placement.status == Placement.Status.CANCELLED
    assert placement.cancelled_reason == "The young person withdrew their application: I am moving away."
    note = Notification.objects.get(user=cast.employer_contact)
    assert "place is free again" in note.body
    # The freed place can be given to someone else.
    other = applicant(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=other)
    third = applicant(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=third)


def test_only_the_young_person_withdraws(cast, opportunity):
    application = apply(cast, opportunity)
    for who in ("parent_carer", "careers_leader", "employer_contact"):
        with pytest.raises(PermissionDenied):
            services.application_withdraw(acting_user=cast.users[who], application=application)


def test_a_declined_or_withdrawn_application_cannot_be_withdrawn(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_decline(acting_user=cast.employer_contact, application=application, reason="Full week.")
    with pytest.raises(ValidationError) as error:
        services.application_withdraw(acting_user=cast.young_person, application=application)
    assert error.value.code == "not_withdrawable"


def test_no_withdrawing_once_the_opportunity_has_ended(cast, opportunity):
    application = apply(cast, opportunity)
    with pytest.raises(ValidationError) as error:
        services.application_withdraw(acting_user=cast.young_person, application=application, today=soon(65))
    assert "ended on" in refusal(error)


# The host's decisions ---------------------------------------------------------------------------
def test_only_the_host_employers_contacts_decide(cast, opportunity):
    application = apply(cast, opportunity)
    for who in ("other_employer_contact", "enterprise_adviser", "careers_leader", "hub_manager", "young_person"):
        for decide in (services.application_shortlist, services.application_accept):
            with pytest.raises(PermissionDenied):
                decide(acting_user=cast.users[who], application=application)
        with pytest.raises(PermissionDenied):
            services.application_decline(acting_user=cast.users[who], application=application, reason="No.")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_shortlisting_then_accepting_tells_the_young_person_and_their_parent(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_shortlist(acting_user=cast.employer_contact, application=application)
    assert Application.objects.get(pk=application.pk).status == Application.Status.SHORTLISTED
    assert set(Notification.objects.filter(subject__contains="shortlist").values_list("user__username", flat=True)) == {
        "young_person", "parent_carer"}
    services.application_accept(acting_user=cast.employer_contact, application=application)
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.decided_by == cast.employer_contact and application.decided_at is not None
    assert set(Notification.objects.filter(subject__startswith="You have a place").values_list(
        "user__username", flat=True)) == {"young_person", "parent_carer"}
    entries = AuditEntry.objects.filter(subject_id=str(application.pk), young_person_id=cast.young_person_record.pk)
    assert {"Shortlisted the application for Engineering week",
            "Accepted the application for Engineering week (place 1 of 2)"} <= set(entries.values_list("summary", flat=True))


def test_accepting_a_kind_that_needs_safeguarding_makes_a_placement(cast, opportunity):
    application = apply(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=application)
    placement = Placement.objects.get(application=application)
    assert placement.status == Placement.Status.AWAITING_CHECKS
    assert placement.supervisor_name == opportunity.supervisor_name


def test_accepting_a_kind_without_safeguarding_makes_no_placement(cast):
    masterclass = OpportunityFactory(employer=cast.employer, partnership=cast.partnership, kind=Kind.MASTERCLASS,
                                     starts_on=soon(), ends_on=soon())
    application = apply(cast, masterclass)
    services.application_accept(acting_user=cast.employer_contact, application=application)
    assert not Placement.objects.exists()


def test_accepting_never_exceeds_the_places(cast, opportunity):
    first, second, third = (applicant(cast, opportunity) for _ in range(3))
    services.application_accept(acting_user=cast.employer_contact, application=first)
    services.application_accept(acting_user=cast.employer_contact, application=second)
    with pytest.raises(ValidationError) as error:
        services.application_accept(acting_user=cast.employer_contact, application=third)
    assert refusal(error) == "All 2 places are taken"
    assert error.value.code == "places_taken"
    assert Application.objects.filter(status=Application.Status.ACCEPTED).count() == 2
    assert Application.objects.get(pk=third.pk).status == Application.Status.SUBMITTED


def test_the_only_place_taken_is_said_plainly(cast, opportunity):
    Opportunity.objects.filter(pk=opportunity.pk).update(capacity=1)
    first, second = applicant(cast, opportunity), applicant(cast, opportunity)
    services.application_accept(acting_user=cast.employer_contact, application=first)
    with pytest.raises(ValidationError) as error:
        services.application_accept(acting_user=cast.employer_contact, application=second)
    assert refusal(error) == "The only place is taken"


def test_declining_needs_a_reason_the_young_person_sees(cast, opportunity):
    application = apply(cast, opportunity)
    with pytest.raises(ValidationError) as error:
        services.application_decline(acting_user=cast.employer_contact, application=application, reason="  ")
    assert error.value.message_dict == {"reason": ["Give a reason: the young person will see it"]}
    services.application_decline(acting_user=cast.employer_contact, application=application,
                                 reason="We had many applicants who live closer.")
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decision_reason == "We had many applicants who live closer."
    note = Notification.objects.get(user=cast.young_person, subject__contains="not successful")
    assert "We had many applicants who live closer." in note.body


@pytest.mark.parametrize("status", [Application.Status.ACCEPTED, Application.Status.DECLINED,
                                    Application.Status.WITHDRAWN])
def test_decisions_only_on_open_applications(cast, opportunity, status):
    application = applicant(cast, opportunity, status=status)
    for decide in (services.application_shortlist, services.application_accept):
        with pytest.raises(ValidationError) as error:
            decide(acting_user=cast.employer_contact, application=application)
        assert error.value.code == "not_decidable"
    with pytest.raises(ValidationError):
        services.application_decline(acting_user=cast.employer_contact, application=application, reason="No.")


def test_a_shortlisted_application_is_not_shortlisted_twice(cast, opportunity):
    application = applicant(cast, opportunity, status=Application.Status.SHORTLISTED)
    with pytest.raises(ValidationError):
        services.application_shortlist(acting_user=cast.employer_contact, application=application)


def test_no_place_on_an_opportunity_no_longer_approved(cast, opportunity):
    application = apply(cast, opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.WITHDRAWN)
    with pytest.raises(ValidationError) as error:
        services.application_accept(acting_user=cast.employer_contact, application=application)
    assert "no longer approved" in refusal(error)


def test_decide_by_name(cast, opportunity):
    application = apply(cast, opportunity)
    with pytest.raises(ValidationError) as error:
        services.application_decide(acting_user=cast.employer_contact, application=application, decision="maybe")
    assert "decision" in error.value.message_dict
    services.application_decide(acting_user=cast.employer_contact, application=application, decision="decline",
                                reason="The week is full.")
    assert Application.objects.get(pk=application.pk).status == Application.Status.DECLINED


# Messages ---------------------------------------------------------------------------------------
def test_a_message_from_the_young_person_reaches_the_host(cast, opportunity):
    application = apply(cast, opportunity)
    Notification.objects.all().delete()
    message = services.message_send(acting_user=cast.young_person, application=application, body=" Is lunch provided? ")
    assert message.body == "Is lunch provided?" and message.author == cast.young_person
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["employer_contact"]
    assert AuditEntry.objects.filter(subject_type="opportunities.message", young_person_id=cast.young_person_record.pk).exists()


def test_a_message_from_the_host_reaches_the_young_person_and_their_parent(cast, opportunity):
    application = apply(cast, opportunity)
    Notification.objects.all().delete()
    services.message_send(acting_user=cast.employer_contact, application=application, body="Bring a packed lunch.")
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"young_person", "parent_carer"}


@pytest.mark.parametrize("who", ["parent_carer", "careers_leader", "teacher"])
def test_the_applicants_side_writes_in_the_thread(cast, opportunity, who):
    application = apply(cast, opportunity)
    services.message_send(acting_user=cast.users[who], application=application, body="A question about transport.")
    assert Message.objects.filter(author=cast.users[who]).exists()


@pytest.mark.parametrize("who", ["hub_manager", "enterprise_coordinator", "other_employer_contact",
                                 "other_careers_leader", "enterprise_adviser", "outsider"])
def test_others_do_not_write_in_the_thread(cast, opportunity, who):
    application = apply(cast, opportunity)
    with pytest.raises(PermissionDenied):
        services.message_send(acting_user=cast.users[who], application=application, body="Hello")


def test_a_message_needs_words_and_an_open_application(cast, opportunity):
    application = apply(cast, opportunity)
    with pytest.raises(ValidationError) as error:
        services.message_send(acting_user=cast.young_person, application=application, body="  ")
    assert error.value.message_dict == {"body": ["Write your message"]}
    services.application_withdraw(acting_user=cast.young_person, application=application)
    with pytest.raises(ValidationError) as error:
        services.message_send(acting_user=cast.employer_contact, application=application, body="Hello")
    assert error.value.code == "withdrawn"
