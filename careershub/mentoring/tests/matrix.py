"""Mentoring pages and endpoints. Amira (cast.young_person_record, 15) is referred by her careers
leader to cast.provider (Open Doors Mentoring, which serves her school); with her and her parent's
consent cast.mentor mentors her, so the mentor may open her record too.

MENTOR SESSION NOTES ARE HIDDEN FROM THE CAREERS LEADER AND THE EMPLOYER: the notes page and the notes
endpoint are allowed only for the mentor who wrote them and safeguarding leads; careers_leader,
employer_contact and everyone else are refused (404), while the session itself (without notes) is
open to whoever may open Amira's record.
"""
from careershub.core.matrix import EVERYONE, endpoint, page

from .factories import amira_referral, note_on, session_with

WHO_SEES_AMIRA = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person",
                  "parent_carer", "careers_adviser"]
WHO_SEES_MENTORED_AMIRA = WHO_SEES_AMIRA + ["mentor"]
SCHOOL_STAFF = ["careers_leader", "teacher"]
ONLY_THE_MENTOR = ["mentor"]


def _live(cast, **state):
    """Amira's live referral: made in the state asked for, or the one already there (the sweep of
    every page in core/tests/test_browser_every_page.py builds every row on one cast, unrolled back)."""
    from careershub.mentoring.models import Referral

    existing = Referral.objects.filter(young_person=cast.young_person_record, provider=cast.provider).exclude(
        status=Referral.Status.CLOSED).first()
    return existing or amira_referral(cast, **state)


def _referral(cast):
    return _live(cast)


def _waiting(cast):
    return _live(cast, consented=False, mentor=False)


def _consented(cast):
    return _live(cast, mentor=False)


def _session(cast, days_from_today=-3):
    return session_with(cast, [_referral(cast)], days_from_today=days_from_today)


def _session_with_note(cast):
    session = _session(cast)
    note_on(session, session.attendees.get().referral, author=cast.mentor)
    return session


def _goal(cast):
    return _referral(cast).goals.create(text="Visit two sixth forms", agreed_on="2026-10-01", created_by=cast.mentor)


def _school_lead(cast, user):
    from careershub.mentoring.models import SchoolSafeguardingLead

    return SchoolSafeguardingLead.objects.get_or_create(school=cast.school, user=user)[0]


def _provider_lead(cast, user):
    from careershub.mentoring.models import ProviderSafeguardingLead

    return ProviderSafeguardingLead.objects.get_or_create(provider=cast.provider, user=user)[0]


def _notes_with_teacher_as_school_lead(cast):
    _school_lead(cast, cast.teacher)
    return f"/mentoring/sessions/{_session_with_note(cast).pk}/notes/"


def _notes_with_adviser_as_provider_lead(cast):
    _provider_lead(cast, cast.careers_adviser)
    return f"/mentoring/sessions/{_session_with_note(cast).pk}/notes/"


def _safeguarding_with_teacher_as_lead(cast):
    _school_lead(cast, cast.teacher)
    _session_with_note(cast)
    return "/mentoring/safeguarding/"


def _new_session(cast):
    return {"kind": "one_to_one", "date": "2/12/2026", "starts_at": "15:30", "ends_at": "16:30", "where": "at_school",
            "place": "Library", "aims": "Sixth-form applications", "young_people": [_referral(cast).pk]}


ROWS = [
    # Dashboards
    page("mentoring:caseload", lambda cast: "/mentoring/caseload/", ONLY_THE_MENTOR),
    page("mentoring:caseload", lambda cast: f"/mentoring/caseload/?days={_referral(cast) and 7}", ONLY_THE_MENTOR,
         note="with Amira on the caseload, not seen in 7 days"),
    page("mentoring:provider_dashboard", lambda cast: f"/mentoring/provider/?days={_referral(cast) and 14}", ONLY_THE_MENTOR),
    page("mentoring:school_referrals", lambda cast: f"/mentoring/school/?r={_referral(cast).pk}",
         SCHOOL_STAFF + ["other_careers_leader"], note="each school sees its own referrals"),
    # Referring and consent
    page("mentoring:referral_new", lambda cast: f"/mentoring/young-people/{cast.young_person_record.pk}/refer/", SCHOOL_STAFF),
    page("mentoring:referral_new", lambda cast: f"/mentoring/young-people/{cast.young_person_record.pk}/refer/", SCHOOL_STAFF,
         method="post", ok=302, data=lambda cast: {"provider": cast.provider.pk, "reason": "at_risk_of_neet"}),
    page("mentoring:referral_new", lambda cast: f"/mentoring/young-people/{cast.other_young_person_record.pk}/refer/",
         ["other_careers_leader"], note="Ben's careers leader; no provider serves his school, so the page says so"),
    page("mentoring:referral_detail", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/", WHO_SEES_MENTORED_AMIRA),
    page("mentoring:referral_detail", lambda cast: f"/mentoring/referrals/{_waiting(cast).pk}/", WHO_SEES_AMIRA,
         note="waiting for consent: the provider's mentors may not see who it is (404)"),
    page("mentoring:referral_consent", lambda cast: f"/mentoring/referrals/{_waiting(cast).pk}/consent/",
         ["young_person", "parent_carer"], method="post", data={"action": "give"}, ok=302),
    page("mentoring:referral_accept", lambda cast: f"/mentoring/referrals/{_consented(cast).pk}/accept/", ONLY_THE_MENTOR),
    page("mentoring:referral_accept", lambda cast: f"/mentoring/referrals/{_consented(cast).pk}/accept/", ONLY_THE_MENTOR,
         method="post", ok=302, data=lambda cast: {"mentor": cast.mentor.pk}),
    page("mentoring:referral_close", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/end/",
         ONLY_THE_MENTOR + SCHOOL_STAFF),
    page("mentoring:referral_close", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/end/",
         ONLY_THE_MENTOR + SCHOOL_STAFF, method="post", ok=302, data={"outcome": "moved_on"}),
    # Goals and the plan: seen by whoever sees the record, set by the mentor and the young person
    page("mentoring:goals", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/goals/", WHO_SEES_MENTORED_AMIRA),
    page("mentoring:goals", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/goals/", ["mentor", "young_person"],
         method="post", ok=302, data={"text": "Go to a college open evening", "progress": "not_started"},
         note="adding a goal: others who see the page are refused (403)"),
    page("mentoring:goal_edit", lambda cast: f"/mentoring/goals/{_goal(cast).pk}/", ["mentor", "young_person"]),
    page("mentoring:plan_edit", lambda cast: f"/mentoring/referrals/{_referral(cast).pk}/plan/", ["mentor", "young_person"]),
    # Sessions
    page("mentoring:session_new", lambda cast: f"/mentoring/sessions/new/?referral={_referral(cast).pk}", ONLY_THE_MENTOR),
    page("mentoring:session_new", lambda cast: "/mentoring/sessions/new/", ONLY_THE_MENTOR, method="post", ok=302,
         data=_new_session),
    page("mentoring:session_detail", lambda cast: f"/mentoring/sessions/{_session_with_note(cast).pk}/",
         WHO_SEES_MENTORED_AMIRA, note="the session, its aims and attendance; never its notes"),
    page("mentoring:session_attendance", lambda cast: f"/mentoring/sessions/{_session(cast).pk}/attendance/", ONLY_THE_MENTOR),
    page("mentoring:session_cancel", lambda cast: f"/mentoring/sessions/{_session(cast, days_from_today=5).pk}/cancel/",
         ONLY_THE_MENTOR, method="post", ok=302),
    # Session notes: the mentor who wrote them and safeguarding leads only.
    page("mentoring:session_notes", lambda cast: f"/mentoring/sessions/{_session_with_note(cast).pk}/notes/", ONLY_THE_MENTOR,
         note="NOTES HIDDEN FROM THE CAREERS LEADER AND THE EMPLOYER: careers_leader, employer_contact and everyone "
              "but the mentor get 404"),
    page("mentoring:session_notes", _notes_with_teacher_as_school_lead, ["mentor", "teacher"],
         note="the teacher recorded as the school's designated safeguarding lead reads them; the careers leader still not"),
    page("mentoring:session_notes", _notes_with_adviser_as_provider_lead, ["mentor", "careers_adviser"],
         note="the provider's safeguarding lead reads them"),
    page("mentoring:session_notes", lambda cast: f"/mentoring/sessions/{_session(cast).pk}/notes/", ONLY_THE_MENTOR,
         method="post", ok=302, data=lambda cast: {"attendee": cast.young_person_record.mentoring_referrals.get()
                                                    .attendances.get().pk, "body": "Good progress"}),
    page("mentoring:safeguarding", _safeguarding_with_teacher_as_lead, ["teacher"],
         note="flagged concerns, for safeguarding leads only (403 for everyone else)"),
    # Safeguarding leads
    page("mentoring:safeguarding_leads", lambda cast: "/mentoring/safeguarding-leads/",
         ["hub_manager", "careers_leader", "other_careers_leader"]),
    page("mentoring:provider_lead_add", lambda cast: f"/mentoring/safeguarding-leads/providers/{cast.provider.pk}/add/",
         ["hub_manager"]),
    page("mentoring:school_lead_add", lambda cast: f"/mentoring/safeguarding-leads/schools/{cast.school.pk}/add/",
         ["hub_manager", "careers_leader"]),
    page("mentoring:lead_remove", lambda cast: f"/mentoring/safeguarding-leads/school/{_school_lead(cast, cast.teacher).pk}/remove/",
         ["hub_manager", "careers_leader"], method="post", ok=302),
    # The API
    endpoint("GET /api/mentoring/referrals", lambda cast: f"/api/mentoring/referrals?young_person_id={_referral(cast).young_person_id}",
             EVERYONE, note="scoped: each sees only the referrals they may open"),
    endpoint("GET /api/mentoring/referrals/{referral_id}", lambda cast: f"/api/mentoring/referrals/{_referral(cast).pk}",
             WHO_SEES_MENTORED_AMIRA),
    endpoint("POST /api/mentoring/referrals", lambda cast: "/api/mentoring/referrals", SCHOOL_STAFF, method="post", ok=201,
             data=lambda cast: {"young_person_id": cast.young_person_record.pk, "provider_id": cast.provider.pk,
                                "reason": "low_attendance"}),
    endpoint("POST /api/mentoring/referrals/{referral_id}/consent",
             lambda cast: f"/api/mentoring/referrals/{_waiting(cast).pk}/consent", ["young_person", "parent_carer"],
             method="post", data={}),
    endpoint("POST /api/mentoring/referrals/{referral_id}/accept",
             lambda cast: f"/api/mentoring/referrals/{_consented(cast).pk}/accept", ONLY_THE_MENTOR, method="post",
             data=lambda cast: {"mentor_id": cast.mentor.pk}),
    endpoint("GET /api/mentoring/caseload", lambda cast: f"/api/mentoring/caseload?not_seen_days={_referral(cast) and 21}",
             ONLY_THE_MENTOR),
    endpoint("GET /api/mentoring/sessions", lambda cast: f"/api/mentoring/sessions?young_person_id={_session(cast) and cast.young_person_record.pk}",
             EVERYONE, note="scoped; notes only for those who may read them"),
    endpoint("GET /api/mentoring/sessions/{session_id}", lambda cast: f"/api/mentoring/sessions/{_session_with_note(cast).pk}",
             WHO_SEES_MENTORED_AMIRA, note="without notes for everyone but the mentor and safeguarding leads"),
    endpoint("GET /api/mentoring/sessions/{session_id}/notes",
             lambda cast: f"/api/mentoring/sessions/{_session_with_note(cast).pk}/notes", ONLY_THE_MENTOR,
             note="NOTES HIDDEN FROM THE CAREERS LEADER AND THE EMPLOYER (404)"),
    endpoint("POST /api/mentoring/sessions", lambda cast: "/api/mentoring/sessions", ONLY_THE_MENTOR, method="post", ok=201,
             data=lambda cast: {"kind": "one_to_one", "date": "2026-12-02", "starts_at": "15:30", "ends_at": "16:30",
                                "where": "online", "place": "Video call link sent by email", "aims": "CV",
                                "referral_ids": [_referral(cast).pk]}),
    endpoint("POST /api/mentoring/sessions/{session_id}/attendance",
             lambda cast: f"/api/mentoring/sessions/{_session(cast).pk}/attendance", ONLY_THE_MENTOR, method="post",
             data=lambda cast: {"attended": [cast.young_person_record.pk]}),
    endpoint("GET /api/mentoring/goals", lambda cast: f"/api/mentoring/goals?referral_id={_referral(cast).pk}",
             WHO_SEES_MENTORED_AMIRA),
    endpoint("POST /api/mentoring/goals", lambda cast: "/api/mentoring/goals", ["mentor", "young_person"], method="post",
             ok=201, data=lambda cast: {"referral_id": _referral(cast).pk, "text": "Finish my CV"}),
    endpoint("PUT /api/mentoring/goals/{goal_id}", lambda cast: f"/api/mentoring/goals/{_goal(cast).pk}",
             ["mentor", "young_person"], method="put", data={"text": "Visit two sixth forms", "progress": "achieved"}),
]
