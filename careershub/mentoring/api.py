"""Mentoring over HTTP: referrals, a mentor's caseload, sessions and goals, scoped like the pages.
Session notes come with a session only for those who may read them (its mentor and safeguarding
leads). Refused changes answer 422 with the problems by field."""
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.core.api_access import api_roles, api_signed_in
from careershub.core.api_errors import problems
from careershub.network.models import Provider
from careershub.young_people.selectors import young_people_visible_to

from . import selectors, services
from .models import Goal, MentoringSession, Referral

router = Router(tags=["Mentoring"])


class ReferralOut(Schema):
    id: int
    young_person_id: int
    young_person: str
    school: str
    provider_id: int
    provider: str
    referred_on: date
    reason: str
    details: str
    status: str
    mentor: str | None
    waiting_for_consent_from: list[str]

    @staticmethod
    def resolve_young_person(obj):
        return obj.young_person.full_name

    @staticmethod
    def resolve_school(obj):
        return obj.young_person.school.name

    @staticmethod
    def resolve_provider(obj):
        return obj.provider.name

    @staticmethod
    def resolve_mentor(obj):
        return obj.mentor.get_full_name() if obj.mentor else None

    @staticmethod
    def resolve_waiting_for_consent_from(obj):
        if obj.status == Referral.Status.CLOSED:
            return []
        return selectors.missing_consents(obj, today=timezone.localdate())


class ReferralIn(Schema):
    young_person_id: int
    provider_id: int
    reason: Referral.Reason
    details: str = ""


class AcceptIn(Schema):
    mentor_id: int


class ConsentIn(Schema):
    withdraw: bool = False


class CaseloadOut(Schema):
    referral_id: int
    young_person_id: int
    young_person: str
    school: str
    year_group: int
    reason: str
    last_seen: date | None
    next_session: date | None
    not_seen_lately: bool


class AttendeeOut(Schema):
    young_person_id: int
    young_person: str
    attendance: str


class NoteOut(Schema):
    young_person_id: int
    author: str
    body: str
    safeguarding_concern: bool
    written_at: datetime


class SessionOut(Schema):
    id: int
    provider: str
    mentor: str
    kind: str
    date: date
    starts_at: time
    ends_at: time
    after_school: bool
    where: str
    place: str
    aims: str
    status: str
    attendees: list[AttendeeOut]
    notes: list[NoteOut] | None = None


class SessionIn(Schema):
    kind: MentoringSession.Kind
    date: date
    starts_at: time
    ends_at: time
    where: MentoringSession.Where
    place: str = ""
    aims: str
    referral_ids: list[int]


class AttendanceIn(Schema):
    attended: list[int] = []
    absent: list[int] = []


class GoalOut(Schema):
    id: int
    referral_id: int
    text: str
    target_on: date | None
    progress: str
    agreed_on: date


class GoalIn(Schema):
    referral_id: int
    text: str
    target_on: date | None = None
    progress: Goal.Progress = Goal.Progress.NOT_STARTED


class GoalChangeIn(Schema):
    text: str
    target_on: date | None = None
    progress: Goal.Progress


def _refused(error):
    if isinstance(error, PermissionDenied):
        return HttpError(403, str(error))
    return problems(error)


def _session_out(user, session) -> dict:
    attendees = selectors.attendees_shown_to(user, session)
    out = {
        "id": session.pk, "provider": session.provider.name,
        "mentor": session.mentor.get_full_name() if session.mentor else "", "kind": session.kind, "date": session.date,
        "starts_at": session.starts_at, "ends_at": session.ends_at, "after_school": session.after_school,
        "where": session.where, "place": session.place, "aims": session.aims, "status": session.status,
        "attendees": [{"young_person_id": a.referral.young_person_id, "young_person": a.referral.young_person.full_name,
                       "attendance": a.attendance} for a in attendees],
        "notes": None,
    }
    if selectors.may_read_notes_of(user, session):
        out["notes"] = [{"young_person_id": n.referral.young_person_id,
                         "author": n.author.get_full_name() if n.author else "", "body": n.body,
                         "safeguarding_concern": n.safeguarding_concern, "written_at": n.written_at}
                        for n in selectors.notes_of_session(user, session)]
    return out


# Referrals --------------------------------------------------------------------------------------------
@router.get("/referrals", response=list[ReferralOut])
@api_signed_in
def list_referrals(request, young_person_id: int | None = None, status: str | None = None):
    """Referrals the caller may open (the young person's record, or the provider's once consented)."""
    qs = selectors.referrals_visible_to(request.user)
    if young_person_id is not None:
        qs = qs.filter(young_person_id=young_person_id)
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("-referred_on", "-pk")[:500])


@router.get("/referrals/{referral_id}", response=ReferralOut)
@api_signed_in
def get_referral(request, referral_id: int):
    return selectors.get_referral_for_user(request.user, referral_id)


@router.post("/referrals", response={201: ReferralOut})
@api_roles(Role.CAREERS_LEADER, Role.TEACHER)
def create_referral(request, payload: ReferralIn):
    young_person = get_object_or_404(young_people_visible_to(request.user), pk=payload.young_person_id)
    provider = Provider.objects.filter(pk=payload.provider_id, partnership_id=young_person.school.partnership_id).first()
    if provider is None:
        raise problems(ValidationError({"provider_id": "There is no provider with that id"}))
    try:
        referral = services.referral_create(acting_user=request.user, young_person=young_person, provider=provider,
                                            reason=payload.reason, details=payload.details, via="api")
    except (PermissionDenied, ValidationError) as error:
        if isinstance(error, ValidationError):
            raise problems(error, {"provider": "provider_id"}) from None
        raise _refused(error) from None
    return 201, selectors.get_referral_for_user(request.user, referral.pk)


@router.post("/referrals/{referral_id}/consent", response=ReferralOut)
@api_roles(Role.YOUNG_PERSON, Role.PARENT_CARER)
def consent(request, referral_id: int, payload: ConsentIn):
    """Give consent (the young person, or a linked parent or carer), or withdraw it."""
    referral = selectors.get_referral_for_user(request.user, referral_id)
    try:
        if payload.withdraw:
            services.consent_withdraw(acting_user=request.user, referral=referral, via="api")
        else:
            services.consent_give(acting_user=request.user, referral=referral, via="api")
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    return selectors.get_referral_for_user(request.user, referral_id)


@router.post("/referrals/{referral_id}/accept", response=ReferralOut)
@api_roles(Role.MENTOR)
def accept(request, referral_id: int, payload: AcceptIn):
    """Take on a consented referral and assign a mentor of the provider (or move it to another)."""
    referral = selectors.get_referral_for_user(request.user, referral_id)
    mentor = User.objects.filter(pk=payload.mentor_id).first()
    try:
        services.referral_accept(acting_user=request.user, referral=referral, mentor=mentor, via="api")
    except (PermissionDenied, ValidationError) as error:
        if isinstance(error, ValidationError):
            raise problems(error, {"mentor": "mentor_id"}) from None
        raise _refused(error) from None
    return selectors.get_referral_for_user(request.user, referral_id)


# Caseload ---------------------------------------------------------------------------------------------
@router.get("/caseload", response=list[CaseloadOut])
@api_roles(Role.MENTOR)
def caseload(request, not_seen_days: int = selectors.NOT_SEEN_DAYS):
    """The caller's caseload: young people assigned to them with consent complete."""
    if not 1 <= not_seen_days <= 365:
        raise problems(ValidationError({"not_seen_days": "Enter a number of days from 1 to 365"}))
    today = timezone.localdate()
    since = date.fromordinal(today.toordinal() - not_seen_days)
    return [{"referral_id": r.pk, "young_person_id": r.young_person_id, "young_person": r.young_person.full_name,
             "school": r.young_person.school.name, "year_group": r.young_person.year_group, "reason": r.reason,
             "last_seen": r.last_seen, "next_session": r.next_session,
             "not_seen_lately": r.last_seen is None or r.last_seen < since}
            for r in selectors.caseload(request.user, today=today)]


# Sessions ---------------------------------------------------------------------------------------------
@router.get("/sessions", response=list[SessionOut])
@api_signed_in
def list_sessions(request, young_person_id: int | None = None, upcoming: bool = False):
    """Sessions the caller may open; notes only where the caller may read them."""
    qs = selectors.sessions_visible_to(request.user)
    if young_person_id is not None:
        qs = qs.filter(attendees__referral__young_person_id=young_person_id)
    if upcoming:
        qs = qs.filter(date__gte=timezone.localdate(), status=MentoringSession.Status.SCHEDULED)
    return [_session_out(request.user, s) for s in qs.order_by("-date", "-starts_at", "-pk")[:200]]


@router.get("/sessions/{session_id}", response=SessionOut)
@api_signed_in
def get_session(request, session_id: int):
    return _session_out(request.user, selectors.get_session_for_user(request.user, session_id))


@router.get("/sessions/{session_id}/notes", response=list[NoteOut])
@api_signed_in
def session_notes(request, session_id: int):
    """The notes of a session: only for its mentor and the safeguarding leads of the provider and of
    the young people's schools (404 for everyone else, who may not learn whether there are any)."""
    session = selectors.get_session_for_user(request.user, session_id)
    if not selectors.may_read_notes_of(request.user, session):
        raise HttpError(404, "Not Found")
    return [{"young_person_id": n.referral.young_person_id, "author": n.author.get_full_name() if n.author else "",
             "body": n.body, "safeguarding_concern": n.safeguarding_concern, "written_at": n.written_at}
            for n in selectors.notes_of_session(request.user, session)]


@router.post("/sessions", response={201: SessionOut})
@api_roles(Role.MENTOR)
def create_session(request, payload: SessionIn):
    referrals = list(selectors.caseload(request.user).filter(pk__in=payload.referral_ids))
    if len(referrals) != len(set(payload.referral_ids)):
        raise problems(ValidationError({"referral_ids": "Choose young people from your caseload"}))
    try:
        session = services.session_schedule(
            acting_user=request.user, kind=payload.kind, date=payload.date, starts_at=payload.starts_at,
            ends_at=payload.ends_at, where=payload.where, place=payload.place, aims=payload.aims,
            referrals=referrals, via="api")
    except (PermissionDenied, ValidationError) as error:
        if isinstance(error, ValidationError):
            raise problems(error, {"young_people": "referral_ids"}) from None
        raise _refused(error) from None
    return 201, _session_out(request.user, selectors.get_session_for_user(request.user, session.pk))


@router.post("/sessions/{session_id}/attendance", response=SessionOut)
@api_roles(Role.MENTOR)
def mark_attendance(request, session_id: int, payload: AttendanceIn):
    """Mark attendance by young person id (the session's mentor, on the day or after)."""
    session = selectors.get_session_for_user(request.user, session_id)
    by_person = {a.referral.young_person_id: a.pk for a in session.attendees.all()}
    marks = {}
    for value, ids in (("attended", payload.attended), ("absent", payload.absent)):
        for young_person_id in ids:
            if young_person_id not in by_person:
                raise problems(ValidationError({value: f"Young person {young_person_id} is not in this session"}))
            marks[by_person[young_person_id]] = value
    try:
        services.attendance_mark(acting_user=request.user, session=session, marks=marks, via="api")
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    return _session_out(request.user, selectors.get_session_for_user(request.user, session_id))


# Goals ------------------------------------------------------------------------------------------------
@router.get("/goals", response=list[GoalOut])
@api_signed_in
def list_goals(request, referral_id: int):
    referral = selectors.get_referral_for_user(request.user, referral_id)
    return selectors.goals_of(referral)


@router.post("/goals", response={201: GoalOut})
@api_signed_in
def add_goal(request, payload: GoalIn):
    """Agree a goal (the mentor or the young person)."""
    referral = selectors.get_referral_for_user(request.user, payload.referral_id)
    try:
        goal = services.goal_add(acting_user=request.user, referral=referral, text=payload.text,
                                 target_on=payload.target_on, progress=payload.progress, via="api")
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
    return 201, goal


@router.put("/goals/{goal_id}", response=GoalOut)
@api_signed_in
def change_goal(request, goal_id: int, payload: GoalChangeIn):
    goal = get_object_or_404(Goal.objects.filter(referral__in=selectors.referrals_visible_to(request.user).values("pk")),
                             pk=goal_id)
    try:
        return services.goal_update(acting_user=request.user, goal=goal, text=payload.text, target_on=payload.target_on,
                                    progress=payload.progress, via="api")
    except (PermissionDenied, ValidationError) as error:
        raise _refused(error) from None
