"""The mentoring pages and API: allowed and denied, what they show, and their query counts."""
import datetime

import pytest
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.core.models import AuditEntry
from careershub.mentoring.models import (
    Consent,
    MentoringSession,
    Referral,
    SchoolSafeguardingLead,
    SessionNote,
)
from careershub.young_people.tests.factories import YoungPersonFactory

from .factories import NOTE_TEXT, ReferralFactory, amira_referral, consent, note_on, session_with

pytestmark = pytest.mark.django_db


def _noted_session(cast):
    referral = amira_referral(cast)
    session = session_with(cast, [referral])
    note_on(session, referral, author=cast.mentor)
    session_with(cast, [referral], days_from_today=6)
    referral.goals.create(text="Visit two sixth forms", agreed_on=timezone.localdate(), created_by=cast.mentor)
    return referral, session


# Referring and consent ------------------------------------------------------------------------------------------
def test_the_careers_leader_refers_from_the_form(cast, client_for):
    url = f"/mentoring/young-people/{cast.young_person_record.pk}/refer/"
    page = client_for(cast.careers_leader).get(url).content.decode()
    assert "Open Doors Mentoring" in page and "At risk of not being in education" in page
    response = client_for(cast.careers_leader).post(url, {"provider": cast.provider.pk, "reason": "low_attendance"})
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mentoring/referrals/{referral.pk}/"


def test_the_referral_form_shows_errors_beside_the_fields(cast, client_for):
    url = f"/mentoring/young-people/{cast.young_person_record.pk}/refer/"
    html = client_for(cast.careers_leader).post(url, {"provider": cast.provider.pk, "reason": "other"}).content.decode()
    assert "govuk-error-summary" in html and 'id="id_details-error"' in html and "Say why you are referring them" in html
    assert not Referral.objects.exists()


def test_others_may_not_refer(cast, client_for):
    url = f"/mentoring/young-people/{cast.young_person_record.pk}/refer/"
    assert client_for(cast.other_careers_leader).get(url).status_code == 404
    for user in (cast.mentor, cast.hub_manager, cast.young_person):
        assert client_for(user).get(url).status_code == 403


def test_the_referral_page_says_exactly_whose_consent_is_missing_and_takes_it(cast, client_for):
    referral = amira_referral(cast, consented=False, mentor=False)
    page = client_for(cast.careers_leader).get(referral.get_absolute_url()).content.decode()
    assert "Waiting for consent from Amira Khan and from a parent or carer (Parveen Khan), because Amira is under 16" in page
    client = client_for(cast.young_person)
    assert "I give my consent" in client.get(referral.get_absolute_url()).content.decode()
    assert client.post(f"/mentoring/referrals/{referral.pk}/consent/", {"action": "give"}).status_code == 302
    page = client_for(cast.careers_leader).get(referral.get_absolute_url()).content.decode()
    assert "Waiting for consent from a parent or carer (Parveen Khan)" in page
    client = client_for(cast.parent_carer)
    client.post(f"/mentoring/referrals/{referral.pk}/consent/", {"action": "give"})
    assert "Withdraw my consent" in client.get(referral.get_absolute_url()).content.decode()
    client.post(f"/mentoring/referrals/{referral.pk}/consent/", {"action": "withdraw"})
    assert Consent.objects.filter(given_by=cast.parent_carer, withdrawn_at__isnull=False).exists()


def test_consent_is_refused_to_staff(cast, client_for):
    referral = amira_referral(cast, consented=False, mentor=False)
    assert client_for(cast.careers_leader).post(f"/mentoring/referrals/{referral.pk}/consent/").status_code == 403
    assert client_for(cast.mentor).post(f"/mentoring/referrals/{referral.pk}/consent/").status_code == 403


def test_a_mentor_accepts_and_assigns_from_the_page(cast, client_for):
    referral = amira_referral(cast, mentor=False)
    client = client_for(cast.mentor)
    assert "Accept and assign a mentor" in client.get(referral.get_absolute_url()).content.decode()
    response = client.post(f"/mentoring/referrals/{referral.pk}/accept/", {"mentor": cast.mentor.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.mentor == cast.mentor and referral.status == "active"


def test_a_mentor_cannot_open_a_referral_waiting_for_consent(cast, client_for):
    referral = amira_referral(cast, consented=False, mentor=False)
    assert client_for(cast.mentor).get(referral.get_absolute_url()).status_code == 404
    assert client_for(cast.mentor).get(f"/mentoring/referrals/{referral.pk}/accept/").status_code == 404
    assert client_for(cast.careers_leader).get(f"/mentoring/referrals/{referral.pk}/accept/").status_code == 403


def test_the_school_list_shows_each_schools_own_referrals(cast, client_for):
    amira_referral(cast, consented=False, mentor=False)
    assert "Amira Khan" in client_for(cast.teacher).get("/mentoring/school/").content.decode()
    assert "Amira Khan" not in client_for(cast.other_careers_leader).get("/mentoring/school/").content.decode()
    assert client_for(cast.mentor).get("/mentoring/school/").status_code == 403


# Notes hidden from the careers leader and the employer ----------------------------------------------------------
def test_the_note_text_is_absent_from_every_page_the_careers_leader_and_employer_can_open(cast, client_for):
    referral, session = _noted_session(cast)
    pages = [
        f"/young-people/{cast.young_person_record.pk}/", referral.get_absolute_url(),
        f"/mentoring/referrals/{referral.pk}/goals/", session.get_absolute_url(), f"/mentoring/sessions/{session.pk}/notes/",
        "/mentoring/school/", "/mentoring/safeguarding/", "/mentoring/safeguarding-leads/",
        f"/api/mentoring/referrals/{referral.pk}", f"/api/mentoring/sessions/{session.pk}",
        f"/api/mentoring/sessions?young_person_id={cast.young_person_record.pk}",
        f"/api/mentoring/sessions/{session.pk}/notes", f"/api/mentoring/goals?referral_id={referral.pk}",
        "/api/mentoring/referrals", "/api/mentoring/sessions",
    ]
    opened = 0
    for user in (cast.careers_leader, cast.employer_contact):
        client = client_for(user)
        for url in pages:
            response = client.get(url)
            assert NOTE_TEXT not in response.content.decode(), f"{user.username} read the note at {url}"
            opened += response.status_code == 200
    assert opened >= 10  # the careers leader really did open the record, referral, goals and session
    # The mentor who wrote it does read it there.
    mentor = client_for(cast.mentor)
    assert NOTE_TEXT in mentor.get(f"/mentoring/sessions/{session.pk}/notes/").content.decode()
    assert NOTE_TEXT not in mentor.get(session.get_absolute_url()).content.decode()


def test_the_session_page_shows_aims_to_the_young_person_but_no_notes(cast, client_for):
    _, session = _noted_session(cast)
    page = client_for(cast.young_person).get(session.get_absolute_url()).content.decode()
    assert "Looking at sixth-form options" in page and NOTE_TEXT not in page and "Session notes" not in page
    assert client_for(cast.young_person).get(f"/mentoring/sessions/{session.pk}/notes/").status_code == 404
    assert client_for(cast.parent_carer).get(f"/mentoring/sessions/{session.pk}/notes/").status_code == 404


def test_the_schools_safeguarding_lead_reads_the_notes_and_reading_is_logged(cast, client_for):
    _, session = _noted_session(cast)
    SchoolSafeguardingLead.objects.create(school=cast.school, user=cast.teacher)
    page = client_for(cast.teacher).get(f"/mentoring/sessions/{session.pk}/notes/").content.decode()
    assert NOTE_TEXT in page and "Write a note" not in page
    assert AuditEntry.objects.filter(actor=cast.teacher, action="view", young_person_id=cast.young_person_record.pk).exists()
    concerns = client_for(cast.teacher).get("/mentoring/safeguarding/").content.decode()
    assert "Amira Khan" in concerns and NOTE_TEXT not in concerns
    assert client_for(cast.careers_leader).get("/mentoring/safeguarding/").status_code == 403


def test_a_young_person_in_a_group_session_sees_themself_not_the_others(cast, client_for):
    referral = amira_referral(cast)
    other = ReferralFactory(young_person=YoungPersonFactory(school=cast.school, first_name="Noor", last_name="Ali",
                                                            date_of_birth=datetime.date(2005, 1, 1)),
                            provider=cast.provider, status=Referral.Status.ACTIVE, mentor=cast.mentor)
    consent(other, UserFactory(), Consent.Capacity.YOUNG_PERSON)
    session = session_with(cast, [referral, other], days_from_today=2)
    assert "Noor Ali" not in client_for(cast.young_person).get(session.get_absolute_url()).content.decode()
    assert "Noor Ali" in client_for(cast.mentor).get(session.get_absolute_url()).content.decode()


def test_the_mentor_writes_a_flagged_note_and_is_warned_when_no_lead_is_recorded(cast, client_for):
    referral = amira_referral(cast)
    session = session_with(cast, [referral])
    response = client_for(cast.mentor).post(f"/mentoring/sessions/{session.pk}/notes/", {
        "attendee": session.attendees.get().pk, "body": "Disclosed worries", "safeguarding_concern": "on"}, follow=True)
    assert "No safeguarding lead is recorded" in response.content.decode()
    assert SessionNote.objects.get().safeguarding_concern


def test_a_safeguarding_lead_cannot_write_notes(cast, client_for):
    _, session = _noted_session(cast)
    SchoolSafeguardingLead.objects.create(school=cast.school, user=cast.teacher)
    response = client_for(cast.teacher).post(f"/mentoring/sessions/{session.pk}/notes/", {"body": "x"})
    assert response.status_code == 403


# Sessions -------------------------------------------------------------------------------------------------------
def test_the_session_form_books_a_session_and_shows_errors(cast, client_for):
    referral = amira_referral(cast)
    client = client_for(cast.mentor)
    bad = client.post("/mentoring/sessions/new/", {"kind": "one_to_one", "date": "2/12/2026", "starts_at": "16:30",
                                                   "ends_at": "15:30", "where": "at_school", "place": "", "aims": "",
                                                   "young_people": [referral.pk]}).content.decode()
    assert "The end time must be after the start time" in bad and "govuk-error-summary" in bad
    assert "Enter what the session will work on" in bad
    good = client.post("/mentoring/sessions/new/", {"kind": "one_to_one", "date": "2/12/2026", "starts_at": "3.30pm",
                                                    "ends_at": "16:30", "where": "online", "aims": "CV",
                                                    "young_people": [referral.pk]})
    session = MentoringSession.objects.get()
    assert good.status_code == 302 and session.starts_at == datetime.time(15, 30) and session.after_school


def test_only_the_sessions_mentor_marks_attendance(cast, client_for):
    referral = amira_referral(cast)
    session = session_with(cast, [referral], status="scheduled", attendance="expected")
    other_mentor = UserFactory()
    RoleAssignmentFactory(user=other_mentor, role=Role.MENTOR, partnership=cast.partnership, provider=cast.provider)
    assert client_for(other_mentor).get(f"/mentoring/sessions/{session.pk}/attendance/").status_code == 404
    attendee = session.attendees.get()
    response = client_for(cast.mentor).post(f"/mentoring/sessions/{session.pk}/attendance/",
                                            {f"attendee_{attendee.pk}": "absent"})
    assert response.status_code == 302
    attendee.refresh_from_db()
    assert attendee.attendance == "absent"


# Dashboards -----------------------------------------------------------------------------------------------------
def _caseload_of(cast, size):
    for n in range(size):
        person = YoungPersonFactory(school=cast.school, date_of_birth=datetime.date(2005, 1, 1), user=UserFactory())
        referral = ReferralFactory(young_person=person, provider=cast.provider, status=Referral.Status.ACTIVE,
                                   mentor=cast.mentor)
        consent(referral, person.user, Consent.Capacity.YOUNG_PERSON)
        session_with(cast, [referral], days_from_today=-(n % 40) - 1)
        session_with(cast, [referral], days_from_today=(n % 9) + 1)
        waiting = ReferralFactory(young_person=YoungPersonFactory(school=cast.school), provider=cast.provider)
        if n % 2:
            consent(waiting, UserFactory(), Consent.Capacity.YOUNG_PERSON)


def test_the_caseload_shows_who_has_not_been_seen_lately(cast, client_for):
    referral = amira_referral(cast)
    session_with(cast, [referral], days_from_today=-30)
    client = client_for(cast.mentor)
    page = client.get("/mentoring/caseload/").content.decode()
    assert "Not seen in the last 21 days" in page and "Amira Khan" in page
    recent = client.get("/mentoring/caseload/?days=40").content.decode()
    assert "Everyone on your caseload has been seen in the last 40 days" in recent
    wrong = client.get("/mentoring/caseload/?days=0").content.decode()
    assert "Enter a number of days from 1 to 365" in wrong


def test_caseload_and_provider_dashboards_keep_query_counts_flat(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.mentor)
    for size in (3, 30):
        _caseload_of(cast, size)
        with django_assert_max_num_queries(16):
            assert client.get("/mentoring/caseload/").status_code == 200
        with django_assert_max_num_queries(18):
            assert client.get("/mentoring/provider/").status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get("/api/mentoring/caseload").status_code == 200


def test_the_school_list_keeps_its_query_count_flat(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.careers_leader)
    for size in (3, 30):
        for _ in range(size):
            referral = ReferralFactory(young_person=YoungPersonFactory(school=cast.school), provider=cast.provider,
                                       referred_by=cast.careers_leader)
            consent(referral, UserFactory(), Consent.Capacity.YOUNG_PERSON)
        with django_assert_max_num_queries(12):
            assert client.get("/mentoring/school/").status_code == 200


def test_the_record_page_shows_status_mentor_next_session_and_goals(cast, client_for):
    _noted_session(cast)
    for user in (cast.careers_leader, cast.parent_carer, cast.young_person):
        page = client_for(user).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
        assert "Being mentored" in page and "Mina Torres" in page and "Visit two sixth forms" in page
        assert NOTE_TEXT not in page
    html = client_for(cast.careers_leader).get(f"/young-people/{cast.other_young_person_record.pk}/")
    assert html.status_code == 404


def test_the_record_offers_a_referral_to_school_staff(cast, client_for):
    page = client_for(cast.teacher).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Refer Amira for mentoring" in page
    assert "Refer Amira" not in client_for(cast.young_person).get("/young-people/me/").content.decode()


# Goals ----------------------------------------------------------------------------------------------------------
def test_the_young_person_adds_and_updates_goals(cast, client_for):
    referral = amira_referral(cast)
    client = client_for(cast.young_person)
    assert client.post(f"/mentoring/referrals/{referral.pk}/goals/",
                       {"text": "Finish my CV", "progress": "in_progress"}).status_code == 302
    goal = referral.goals.get()
    assert client.post(f"/mentoring/goals/{goal.pk}/", {"text": "Finish my CV", "progress": "achieved"}).status_code == 302
    goal.refresh_from_db()
    assert goal.progress == "achieved"
    assert client_for(cast.careers_leader).post(f"/mentoring/goals/{goal.pk}/", {"text": "x", "progress": "achieved"}).status_code == 403
    assert client_for(cast.other_careers_leader).get(f"/mentoring/goals/{goal.pk}/").status_code == 404


# The API --------------------------------------------------------------------------------------------------------
def test_the_api_gives_notes_only_to_those_who_may_read_them(cast, client_for):
    _, session = _noted_session(cast)
    mentor = client_for(cast.mentor).get(f"/api/mentoring/sessions/{session.pk}").json()
    assert mentor["notes"][0]["body"] == NOTE_TEXT
    leader = client_for(cast.careers_leader).get(f"/api/mentoring/sessions/{session.pk}").json()
    assert leader["notes"] is None and leader["aims"] == "Looking at sixth-form options"


def test_the_api_refers_and_refuses_with_problems_by_field(cast, client_for):
    client = client_for(cast.careers_leader)
    created = client.post("/api/mentoring/referrals", {"young_person_id": cast.young_person_record.pk,
                                                       "provider_id": cast.provider.pk, "reason": "no_idea_next"},
                          content_type="application/json")
    assert created.status_code == 201
    assert created.json()["waiting_for_consent_from"][0] == "Amira Khan"
    again = client.post("/api/mentoring/referrals", {"young_person_id": cast.young_person_record.pk,
                                                     "provider_id": cast.provider.pk, "reason": "no_idea_next"},
                        content_type="application/json")
    assert again.status_code == 422 and again.json()["detail"][0]["loc"][-1] == "provider_id"


def test_the_api_schedules_and_marks_attendance(cast, client_for):
    referral = amira_referral(cast)
    client = client_for(cast.mentor)
    bad = client.post("/api/mentoring/sessions", {"kind": "group", "date": "2026-12-02", "starts_at": "15:30",
                                                  "ends_at": "16:30", "where": "online", "aims": "CV",
                                                  "referral_ids": [referral.pk]}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "referral_ids"
    past = session_with(cast, [referral], status="scheduled", attendance="expected")
    marked = client.post(f"/api/mentoring/sessions/{past.pk}/attendance", {"attended": [cast.young_person_record.pk]},
                         content_type="application/json")
    assert marked.status_code == 200 and marked.json()["attendees"][0]["attendance"] == "attended"
    caseload = client.get("/api/mentoring/caseload").json()
    assert caseload[0]["last_seen"] and caseload[0]["not_seen_lately"] is False
