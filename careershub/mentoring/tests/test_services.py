"""The rules of mentoring, in the services and selectors."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.core.models import AuditEntry, Notification
from careershub.mentoring import selectors, services
from careershub.mentoring.models import (
    Consent,
    MentoringSession,
    ProviderSafeguardingLead,
    Referral,
    SchoolSafeguardingLead,
    SessionAttendee,
)
from careershub.network.tests.factories import ProviderFactory
from careershub.young_people.selectors import young_people_visible_to
from careershub.young_people.tests.factories import YoungPersonFactory

from .factories import NOTE_TEXT, ReferralFactory, amira_referral, consent, note_on, session_with

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


def _refer(cast, **kwargs):
    return services.referral_create(acting_user=cast.careers_leader, young_person=cast.young_person_record,
                                    provider=cast.provider, reason=kwargs.pop("reason", "low_confidence"), today=TODAY,
                                    **kwargs)


def _second_mentor(cast, provider=None):
    user = UserFactory(first_name="Kofi", last_name="Mensah")
    RoleAssignmentFactory(user=user, role=Role.MENTOR, partnership=cast.partnership, provider=provider or cast.provider)
    return user


# Ages ----------------------------------------------------------------------------------------------------------
def test_age_and_the_sixteenth_birthday():
    assert selectors.age_on(datetime.date(2010, 11, 25), TODAY) == 16
    assert selectors.age_on(datetime.date(2010, 11, 26), TODAY) == 15
    assert selectors.birthday_cutoff(TODAY) == datetime.date(2010, 11, 25)
    assert selectors.birthday_cutoff(datetime.date(2100, 2, 28)) == datetime.date(2084, 2, 28)


# Referring ------------------------------------------------------------------------------------------------------
def test_the_careers_leader_refers_and_the_young_person_and_parent_are_asked(cast):
    referral = _refer(cast, details="Quiet in lessons")
    assert referral.status == Referral.Status.OPEN and referral.referred_by == cast.careers_leader
    asked = set(Notification.objects.filter(subject__contains="consent").values_list("user__username", flat=True))
    assert asked == {"young_person", "parent_carer"}
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk, action="create").exists()


def test_a_teacher_refers_too_but_not_other_schools_or_other_roles(cast):
    assert services.referral_create(acting_user=cast.teacher, young_person=cast.young_person_record, provider=cast.provider,
                                    reason="low_attendance", today=TODAY)
    for user in (cast.other_careers_leader, cast.mentor, cast.hub_manager, cast.employer_contact, cast.parent_carer):
        with pytest.raises(PermissionDenied):
            services.referral_create(acting_user=user, young_person=cast.young_person_record, provider=cast.provider,
                                     reason="low_attendance", today=TODAY)


def test_a_referral_goes_only_to_a_provider_serving_the_school_and_once(cast):
    elsewhere = ProviderFactory(partnership=cast.partnership, name="Far Away Mentors")
    with pytest.raises(ValidationError) as refused:
        services.referral_create(acting_user=cast.careers_leader, young_person=cast.young_person_record,
                                 provider=elsewhere, reason="low_attendance", today=TODAY)
    assert "does not work with Northfield Academy" in str(refused.value)
    _refer(cast)
    with pytest.raises(ValidationError, match="already has a referral"):
        _refer(cast)
    with pytest.raises(ValidationError, match="Say why"):
        services.referral_create(acting_user=cast.careers_leader, young_person=YoungPersonFactory(school=cast.school),
                                 provider=cast.provider, reason="other", today=TODAY)


# Consent --------------------------------------------------------------------------------------------------------
def test_under_16_needs_the_young_person_and_a_parent_and_the_page_says_whose_is_missing(cast):
    referral = _refer(cast)
    assert selectors.missing_consents(referral, today=TODAY) == [
        "Amira Khan", "a parent or carer (Parveen Khan), because Amira is under 16"]
    services.consent_give(acting_user=cast.young_person, referral=referral, today=TODAY)
    referral = Referral.objects.get(pk=referral.pk)
    assert selectors.missing_consents(referral, today=TODAY) == ["a parent or carer (Parveen Khan), because Amira is under 16"]
    with pytest.raises(ValidationError, match="Waiting for consent from a parent or carer"):
        services.referral_accept(acting_user=cast.mentor, referral=referral, mentor=cast.mentor, today=TODAY)
    services.consent_give(acting_user=cast.parent_carer, referral=referral, today=TODAY)
    assert selectors.missing_consents(Referral.objects.get(pk=referral.pk), today=TODAY) == []
    # The provider's mentors are told a referral is ready, without a name.
    ready = Notification.objects.get(user=cast.mentor, subject="A referral is waiting for a mentor")
    assert "Amira" not in ready.body and "Northfield Academy" in ready.body


def test_from_16_the_young_persons_consent_is_enough(cast):
    sixteen = YoungPersonFactory(school=cast.school, date_of_birth=datetime.date(2010, 11, 25), user=UserFactory())
    RoleAssignmentFactory(user=sixteen.user, role=Role.YOUNG_PERSON, partnership=cast.partnership, school=cast.school)
    referral = services.referral_create(acting_user=cast.careers_leader, young_person=sixteen, provider=cast.provider,
                                        reason="at_risk_of_neet", today=TODAY)
    services.consent_give(acting_user=sixteen.user, referral=referral, today=TODAY)
    assert selectors.missing_consents(Referral.objects.get(pk=referral.pk), today=TODAY) == []
    # The day before their birthday, a parent would still have been needed.
    assert selectors.needs_parental_consent(sixteen, TODAY - datetime.timedelta(days=1))


def test_a_young_person_without_an_account_or_parent_is_explained(cast):
    person = YoungPersonFactory(school=cast.school, first_name="Zac", last_name="Hill")
    referral = services.referral_create(acting_user=cast.careers_leader, young_person=person, provider=cast.provider,
                                        reason="low_confidence", today=TODAY)
    missing = selectors.missing_consents(referral, today=TODAY)
    assert "needs an account first" in missing[0] and "no parent or carer is linked" in missing[1]


def test_only_the_young_person_and_their_parents_consent(cast):
    referral = _refer(cast)
    for user in (cast.careers_leader, cast.mentor, cast.hub_manager, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.consent_give(acting_user=user, referral=referral, today=TODAY)
    services.consent_give(acting_user=cast.young_person, referral=referral, today=TODAY)
    with pytest.raises(ValidationError, match="already given"):
        services.consent_give(acting_user=cast.young_person, referral=referral, today=TODAY)


def test_withdrawing_consent_pauses_the_mentoring_and_hides_the_young_person(cast):
    referral = amira_referral(cast)
    today = timezone.localdate()
    future = session_with(cast, [referral], days_from_today=4)
    assert list(selectors.caseload(cast.mentor)) == [referral]
    assert cast.young_person_record in young_people_visible_to(cast.mentor)
    services.consent_withdraw(acting_user=cast.parent_carer, referral=referral)
    fresh_mentor = type(cast.mentor).objects.get(pk=cast.mentor.pk)
    assert list(selectors.caseload(fresh_mentor)) == []
    assert cast.young_person_record not in young_people_visible_to(fresh_mentor)
    assert selectors.paused_count(today=today, mentor_ids=[cast.mentor.pk]) == 1
    # They leave sessions to come; a one-to-one left empty is called off.
    assert MentoringSession.objects.get(pk=future.pk).status == MentoringSession.Status.CANCELLED
    assert Notification.objects.filter(user=cast.mentor, subject="Mentoring paused").exists()
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        services.consent_withdraw(acting_user=cast.parent_carer, referral=referral)
    # Given again, the mentoring carries on.
    services.consent_give(acting_user=cast.parent_carer, referral=referral)
    assert list(selectors.caseload(fresh_mentor)) == [referral]
    assert Consent.objects.filter(referral=referral, given_by=cast.parent_carer).count() == 2


# Accepting and assigning ----------------------------------------------------------------------------------------
def test_any_mentor_of_the_provider_accepts_and_assigns_a_colleague(cast):
    referral = amira_referral(cast, mentor=False)
    colleague = _second_mentor(cast)
    services.referral_accept(acting_user=cast.mentor, referral=referral, mentor=colleague, today=TODAY)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACTIVE and referral.mentor == colleague and referral.accepted_by == cast.mentor
    assert Notification.objects.filter(user=colleague, subject="A young person has joined your caseload").exists()
    assert Notification.objects.filter(user=cast.young_person, subject="A mentor has been assigned").exists()
    # Moving them back to the first mentor.
    services.referral_accept(acting_user=colleague, referral=referral, mentor=cast.mentor, today=TODAY)
    referral.refresh_from_db()
    assert referral.mentor == cast.mentor


def test_only_the_providers_mentors_accept_and_only_its_mentors_are_assigned(cast):
    referral = amira_referral(cast, mentor=False)
    other_provider = ProviderFactory(partnership=cast.partnership, name="Bridges Mentoring")
    outsider_mentor = _second_mentor(cast, provider=other_provider)
    for user in (outsider_mentor, cast.careers_leader, cast.careers_adviser):
        with pytest.raises(PermissionDenied):
            services.referral_accept(acting_user=user, referral=referral, mentor=cast.mentor, today=TODAY)
    for mentor in (outsider_mentor, cast.careers_adviser):
        with pytest.raises(ValidationError, match="Choose a mentor of Open Doors Mentoring"):
            services.referral_accept(acting_user=cast.mentor, referral=referral, mentor=mentor, today=TODAY)


def test_a_mentor_sees_a_referral_only_once_consent_is_complete(cast):
    referral = _refer(cast)
    assert not selectors.referrals_visible_to(cast.mentor).filter(pk=referral.pk).exists()
    assert selectors.waiting_for_consent([cast.provider.pk], today=TODAY) == [
        {"school": "Northfield Academy", "count": 1, "oldest": TODAY}]
    services.consent_give(acting_user=cast.young_person, referral=referral, today=TODAY)
    services.consent_give(acting_user=cast.parent_carer, referral=referral, today=TODAY)
    assert selectors.referrals_visible_to(cast.mentor).filter(pk=referral.pk).exists()
    assert list(selectors.waiting_for_mentor([cast.provider.pk], today=TODAY)) == [referral]


# Visibility of records ------------------------------------------------------------------------------------------
def test_a_mentor_opens_only_their_own_caseloads_records(cast):
    mine = amira_referral(cast)
    colleague = _second_mentor(cast)
    theirs = ReferralFactory(young_person=YoungPersonFactory(school=cast.school), provider=cast.provider,
                             status=Referral.Status.ACTIVE, mentor=colleague)
    consent(theirs, UserFactory(), Consent.Capacity.YOUNG_PERSON)
    theirs.young_person.date_of_birth = datetime.date(2005, 1, 1)
    theirs.young_person.save()
    assert list(young_people_visible_to(cast.mentor)) == [mine.young_person]
    assert list(young_people_visible_to(colleague)) == [theirs.young_person]
    # Ben and everyone else at the school stay out of reach.
    assert not young_people_visible_to(cast.mentor).filter(pk=cast.other_young_person_record.pk).exists()


# Scheduling -----------------------------------------------------------------------------------------------------
def _schedule(cast, referrals, **overrides):
    fields = {"kind": "one_to_one", "date": TODAY + datetime.timedelta(days=3), "starts_at": datetime.time(15, 30),
              "ends_at": datetime.time(16, 30), "where": "at_school", "place": "Library", "aims": "CV writing"}
    fields.update(overrides)
    return services.session_schedule(acting_user=overrides.pop("by", cast.mentor), referrals=referrals, today=TODAY,
                                     **{k: v for k, v in fields.items() if k != "by"})


def test_the_mentor_schedules_an_after_school_one_to_one_and_the_young_person_is_told(cast):
    referral = amira_referral(cast)
    session = _schedule(cast, [referral])
    assert session.after_school and session.attendees.get().referral == referral
    assert Notification.objects.filter(user=cast.young_person, subject="A mentoring session has been booked").exists()


def test_a_group_session_needs_several_young_people_from_the_mentors_caseload(cast):
    referral = amira_referral(cast)
    with pytest.raises(ValidationError, match="at least 2"):
        _schedule(cast, [referral], kind="group")
    other = ReferralFactory(young_person=YoungPersonFactory(school=cast.school, date_of_birth=datetime.date(2005, 1, 1),
                                                            user=UserFactory()),
                            provider=cast.provider, status=Referral.Status.ACTIVE, mentor=cast.mentor)
    consent(other, other.young_person.user, Consent.Capacity.YOUNG_PERSON)
    session = _schedule(cast, [referral, other], kind="group")
    assert session.attendees.count() == 2
    not_mine = ReferralFactory(young_person=YoungPersonFactory(school=cast.school), provider=cast.provider,
                               status=Referral.Status.ACTIVE, mentor=_second_mentor(cast))
    with pytest.raises(ValidationError, match="from your caseload"):
        _schedule(cast, [referral, not_mine], kind="group")


def test_session_times_and_places_are_checked_and_only_mentors_schedule(cast):
    referral = amira_referral(cast)
    with pytest.raises(ValidationError) as refused:
        _schedule(cast, [referral], starts_at=datetime.time(16, 0), ends_at=datetime.time(15, 0), place="")
    assert set(refused.value.message_dict) == {"ends_at", "place"}
    assert _schedule(cast, [referral], where="online", place="").where == "online"
    with pytest.raises(PermissionDenied):
        services.session_schedule(acting_user=cast.careers_leader, referrals=[referral], kind="one_to_one", date=TODAY,
                                  starts_at=datetime.time(9), ends_at=datetime.time(10), where="online", place="", aims="x")


def test_attendance_is_marked_by_the_sessions_mentor_on_the_day_or_after(cast):
    referral = amira_referral(cast)
    today = timezone.localdate()
    future = session_with(cast, [referral], days_from_today=2)
    attendee = future.attendees.get()
    with pytest.raises(ValidationError, match="on the day"):
        services.attendance_mark(acting_user=cast.mentor, session=future, marks={attendee.pk: "attended"})
    past = session_with(cast, [referral], days_from_today=-1, status="scheduled", attendance="expected")
    with pytest.raises(PermissionDenied):
        services.attendance_mark(acting_user=_second_mentor(cast), session=past, marks={})
    services.attendance_mark(acting_user=cast.mentor, session=past, marks={past.attendees.get().pk: "attended"})
    assert SessionAttendee.objects.get(session=past).attendance == "attended"
    assert MentoringSession.objects.get(pk=past.pk).status == MentoringSession.Status.HELD
    assert list(selectors.caseload(cast.mentor, today=today))[0].last_seen == today - datetime.timedelta(days=1)


# Notes ----------------------------------------------------------------------------------------------------------
def test_notes_are_visible_only_to_their_author_and_safeguarding_leads(cast):
    referral = amira_referral(cast)
    session = session_with(cast, [referral])
    note = note_on(session, referral, author=cast.mentor)
    colleague = _second_mentor(cast)
    ProviderSafeguardingLead.objects.create(provider=cast.provider, user=colleague)
    SchoolSafeguardingLead.objects.create(school=cast.school, user=cast.teacher)
    other_school_lead = UserFactory()
    SchoolSafeguardingLead.objects.create(school=cast.other_school, user=other_school_lead)
    readers = {u.username for u in type(cast.mentor).objects.all() if selectors.notes_visible_to(u).filter(pk=note.pk).exists()}
    assert readers == {"mentor", colleague.username, "teacher"}
    # In particular: never the careers leader, the employer, the parent or the young person themself.
    for user in (cast.careers_leader, cast.employer_contact, cast.parent_carer, cast.young_person, cast.hub_manager,
                 other_school_lead):
        assert not selectors.notes_visible_to(user).exists()


def test_another_mentor_of_the_same_provider_does_not_read_notes(cast):
    referral = amira_referral(cast)
    note_on(session_with(cast, [referral]), referral, author=cast.mentor)
    assert not selectors.notes_visible_to(_second_mentor(cast)).exists()


def test_a_concern_tells_both_safeguarding_leads_without_the_notes_words(cast):
    referral = amira_referral(cast)
    session = session_with(cast, [referral])
    provider_lead = _second_mentor(cast)
    ProviderSafeguardingLead.objects.create(provider=cast.provider, user=provider_lead)
    SchoolSafeguardingLead.objects.create(school=cast.school, user=cast.teacher)
    _, told = services.note_write(acting_user=cast.mentor, session=session, attendee=session.attendees.get(),
                                  body=NOTE_TEXT, safeguarding_concern=True)
    assert told == 2
    sent = Notification.objects.filter(subject="Safeguarding concern raised in mentoring")
    assert {n.user_id for n in sent} == {provider_lead.pk, cast.teacher.pk}
    assert all(NOTE_TEXT not in n.body and "arguments" not in n.body and "Amira" not in n.body for n in sent)
    assert not Notification.objects.filter(user=cast.careers_leader, subject__contains="Safeguarding").exists()


def test_only_the_sessions_mentor_writes_notes(cast):
    referral = amira_referral(cast)
    session = session_with(cast, [referral])
    for user in (_second_mentor(cast), cast.careers_leader):
        with pytest.raises(PermissionDenied):
            services.note_write(acting_user=user, session=session, attendee=session.attendees.get(), body="x")


# Goals ----------------------------------------------------------------------------------------------------------
def test_goals_are_agreed_by_the_mentor_and_the_young_person(cast):
    referral = amira_referral(cast)
    goal = services.goal_add(acting_user=cast.mentor, referral=referral, text="Visit two sixth forms",
                             target_on=TODAY + datetime.timedelta(days=60), today=TODAY)
    services.goal_update(acting_user=cast.young_person, goal=goal, text=goal.text, target_on=goal.target_on,
                         progress="in_progress")
    assert referral.goals.get().progress == "in_progress"
    for user in (cast.careers_leader, cast.parent_carer, _second_mentor(cast)):
        with pytest.raises(PermissionDenied):
            services.goal_add(acting_user=user, referral=referral, text="x", today=TODAY)
    with pytest.raises(ValidationError, match="target date"):
        services.goal_add(acting_user=cast.mentor, referral=referral, text="Late", target_on=TODAY - datetime.timedelta(days=1),
                          today=TODAY)


def test_ending_the_mentoring_cancels_sessions_to_come(cast):
    referral = amira_referral(cast)
    future = session_with(cast, [referral], days_from_today=3)
    with pytest.raises(PermissionDenied):
        services.referral_close(acting_user=cast.employer_contact, referral=referral, outcome="completed")
    services.referral_close(acting_user=cast.careers_leader, referral=referral, outcome="moved_on")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED and referral.outcome == "moved_on"
    assert MentoringSession.objects.get(pk=future.pk).status == MentoringSession.Status.CANCELLED


# Safeguarding leads ---------------------------------------------------------------------------------------------
def test_safeguarding_leads_are_set_by_the_hub_and_the_schools_careers_leader(cast):
    services.provider_lead_add(acting_user=cast.hub_manager, provider=cast.provider, user=cast.mentor)
    with pytest.raises(PermissionDenied):
        services.provider_lead_add(acting_user=cast.careers_leader, provider=cast.provider, user=cast.careers_adviser)
    with pytest.raises(ValidationError, match="works for Open Doors"):
        services.provider_lead_add(acting_user=cast.hub_manager, provider=cast.provider, user=cast.teacher)
    lead = services.school_lead_add(acting_user=cast.careers_leader, school=cast.school, user=cast.teacher)
    with pytest.raises(PermissionDenied):
        services.school_lead_add(acting_user=cast.other_careers_leader, school=cast.school, user=cast.teacher)
    with pytest.raises(ValidationError, match="member of staff"):
        services.school_lead_add(acting_user=cast.hub_manager, school=cast.school, user=cast.mentor)
    services.lead_remove(acting_user=cast.hub_manager, lead=lead)
    assert not SchoolSafeguardingLead.objects.exists()
