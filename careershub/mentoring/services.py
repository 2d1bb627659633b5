"""Writes to mentoring. Every function takes acting_user, runs in a transaction, refuses a broken rule
with PermissionDenied (who may act) or ValidationError (what they asked for), and leaves an audit
entry on the young person's record."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify
from careershub.network.models import Provider, School
from careershub.young_people.models import YoungPerson

from . import selectors
from .models import (
    Consent,
    Goal,
    MentoringSession,
    ProviderSafeguardingLead,
    Referral,
    SchoolSafeguardingLead,
    SessionAttendee,
    SessionNote,
)

MAX_GROUP = 15


def _today(today):
    return today or timezone.localdate()


def _consent_complete(referral: Referral, today: datetime.date) -> bool:
    return Referral.objects.filter(pk=referral.pk).filter(selectors.consent_complete_q(today)).exists()


def _people_to_ask(young_person: YoungPerson, today: datetime.date):
    people = []
    if young_person.user_id:
        people.append(young_person.user)
    if selectors.needs_parental_consent(young_person, today):
        people.extend(link.parent for link in young_person.parent_links.select_related("parent"))
    return people


# Referral and consent ---------------------------------------------------------------------------------
@transaction.atomic
def referral_create(*, acting_user, young_person: YoungPerson, provider: Provider, reason: str, details: str = "",
                    today: datetime.date | None = None, via: str = "web") -> Referral:
    """A careers leader or teacher refers a young person of their school to a mentoring provider that
    serves the school. The young person (and, under 16, their parents) are asked for consent."""
    today = _today(today)
    if not selectors.may_refer(acting_user, young_person):
        raise PermissionDenied("Only the young person's school's careers leaders and teachers refer them for mentoring.")
    errors = {}
    if not provider.schools_served.filter(pk=young_person.school_id).exists():
        errors["provider"] = f"{provider.name} does not work with {young_person.school.name}: choose a provider that does"
    if reason not in Referral.Reason.values:
        errors["reason"] = "Select why you are referring them"
    elif reason == Referral.Reason.OTHER and not details.strip():
        errors["details"] = "Say why you are referring them"
    if not errors and Referral.objects.filter(young_person=young_person, provider=provider).exclude(
            status=Referral.Status.CLOSED).exists():
        errors["provider"] = f"{young_person.full_name} already has a referral to {provider.name} that has not ended"
    if errors:
        raise ValidationError(errors)
    referral = Referral.objects.create(young_person=young_person, provider=provider, referred_by=acting_user,
                                       referred_on=today, reason=reason, details=details.strip())
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=referral, young_person_id=young_person.pk,
                 via=via, summary=f"Referred {young_person.full_name} to {provider.name} for mentoring")
    notify(_people_to_ask(young_person, today), subject="Mentoring: your consent is needed",
           body=f"{young_person.school.name} would like {young_person.first_name} to have a mentor from {provider.name}. "
                "Mentoring starts only once you agree.",
           url=referral.get_absolute_url())
    return referral


@transaction.atomic
def consent_give(*, acting_user, referral: Referral, today: datetime.date | None = None, via: str = "web") -> Consent:
    """The young person (signed in, on their own record) or a linked parent or carer consents."""
    today = _today(today)
    referral = Referral.objects.select_for_update(of=("self",)).select_related("young_person__school", "provider").get(pk=referral.pk)
    capacity = selectors.consent_capacity_of(acting_user, referral)
    if capacity is None:
        raise PermissionDenied("Only the young person and their parents or carers consent to mentoring.")
    if referral.status == Referral.Status.CLOSED:
        raise ValidationError("This mentoring has ended.")
    if referral.consents.filter(given_by=acting_user, withdrawn_at__isnull=True).exists():
        raise ValidationError("You have already given your consent.")
    was_complete = _consent_complete(referral, today)
    consent = Consent.objects.create(referral=referral, given_by=acting_user, capacity=capacity, given_at=timezone.now())
    young_person = referral.young_person
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=referral, young_person_id=young_person.pk,
                 via=via, summary=f"Consent to mentoring given ({Consent.Capacity(capacity).label.lower()})")
    if not was_complete and _consent_complete(referral, today):
        if referral.status == Referral.Status.OPEN:
            notify(list(selectors.mentors_of(referral.provider)), subject="A referral is waiting for a mentor",
                   body=f"A young person at {young_person.school.name} is ready to be matched with a mentor.",
                   url=reverse("mentoring:provider_dashboard"))
        elif referral.mentor_id:
            notify([referral.mentor], subject="Mentoring can carry on",
                   body="Consent has been given again for a young person on your caseload.",
                   url=referral.get_absolute_url())
    return consent


@transaction.atomic
def consent_withdraw(*, acting_user, referral: Referral, today: datetime.date | None = None, via: str = "web") -> Consent:
    """Withdraw one's own consent. The mentoring pauses (the young person leaves the mentor's
    caseload and their place in sessions to come) until every consent needed is given again."""
    today = _today(today)
    referral = Referral.objects.select_for_update(of=("self",)).select_related("young_person", "mentor").get(pk=referral.pk)
    if selectors.consent_capacity_of(acting_user, referral) is None:
        raise PermissionDenied("Only the young person and their parents or carers consent to mentoring.")
    consent = referral.consents.filter(given_by=acting_user, withdrawn_at__isnull=True).first()
    if consent is None:
        raise ValidationError("You have not given consent, so there is nothing to withdraw.")
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    paused = not _consent_complete(referral, today)
    if paused:
        _leave_sessions_to_come(referral, today)
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=referral,
                 young_person_id=referral.young_person_id, via=via,
                 summary="Consent to mentoring withdrawn" + ("; mentoring paused" if paused else ""))
    if paused and referral.mentor_id and referral.status == Referral.Status.ACTIVE:
        notify([referral.mentor], subject="Mentoring paused",
               body="Consent was withdrawn for a young person on your caseload. They are hidden from your caseload, "
                    "and taken out of sessions to come, until consent is given again.",
               url=reverse("mentoring:caseload"))
    return consent


def _leave_sessions_to_come(referral: Referral, today: datetime.date) -> None:
    upcoming = SessionAttendee.objects.filter(referral=referral, session__date__gte=today,
                                              session__status=MentoringSession.Status.SCHEDULED)
    session_ids = list(upcoming.values_list("session_id", flat=True))
    upcoming.delete()
    # A session left with nobody in it is called off.
    MentoringSession.objects.filter(pk__in=session_ids, attendees__isnull=True).update(
        status=MentoringSession.Status.CANCELLED)


@transaction.atomic
def referral_accept(*, acting_user, referral: Referral, mentor, today: datetime.date | None = None,
                    via: str = "web") -> Referral:
    """A mentor of the provider takes on a consented referral and assigns it to a mentor of the same
    provider (themself or a colleague). Also reassigns active mentoring to another mentor."""
    today = _today(today)
    referral = Referral.objects.select_for_update(of=("self",)).select_related("young_person__school", "provider").get(pk=referral.pk)
    if not selectors.is_mentor_of(acting_user, referral.provider_id):
        raise PermissionDenied("Only the provider's mentors take on a referral.")
    if referral.status == Referral.Status.CLOSED:
        raise ValidationError("This mentoring has ended.")
    if not _consent_complete(referral, today):
        raise ValidationError("Waiting for consent from " + " and ".join(selectors.missing_consents(referral, today=today)))
    if mentor is None or not selectors.mentor_assignment_exists(mentor.pk, referral.provider_id):
        raise ValidationError({"mentor": f"Choose a mentor of {referral.provider.name}"})
    if referral.mentor_id == mentor.pk:
        raise ValidationError({"mentor": f"{mentor.get_full_name()} is already the mentor"})
    previous = referral.mentor
    referral.mentor = mentor
    if referral.status == Referral.Status.OPEN:
        referral.status, referral.accepted_by, referral.accepted_on = Referral.Status.ACTIVE, acting_user, today
    referral.save()
    young_person = referral.young_person
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=referral, young_person_id=young_person.pk,
                 via=via, summary=(f"Mentoring of {young_person.full_name} moved from {previous.get_full_name()} "
                                   f"to {mentor.get_full_name()}") if previous else
                 f"Referral of {young_person.full_name} accepted; mentor {mentor.get_full_name()}")
    if mentor.pk != acting_user.pk:
        notify([mentor], subject="A young person has joined your caseload",
               body=f"{acting_user.get_full_name()} assigned a young person at {young_person.school.name} to you.",
               url=referral.get_absolute_url())
    tell = [young_person.user] if young_person.user_id else []
    if referral.referred_by_id:
        tell.append(referral.referred_by)
    notify(tell, subject="A mentor has been assigned",
           body=f"{mentor.get_full_name()} from {referral.provider.name} is now {young_person.first_name}'s mentor.",
           url=referral.get_absolute_url())
    return referral


@transaction.atomic
def referral_close(*, acting_user, referral: Referral, outcome: str, today: datetime.date | None = None,
                   via: str = "web") -> Referral:
    """End the mentoring: the assigned mentor, or the referring school's careers leaders and teachers
    (who may also withdraw a referral still waiting). Sessions to come are called off for them."""
    today = _today(today)
    referral = Referral.objects.select_for_update(of=("self",)).select_related("young_person").get(pk=referral.pk)
    is_mentor = referral.mentor_id == acting_user.pk and selectors.is_mentor_of(acting_user, referral.provider_id)
    if not is_mentor and not selectors.may_refer(acting_user, referral.young_person):
        raise PermissionDenied("Only the mentor or the young person's school ends the mentoring.")
    if referral.status == Referral.Status.CLOSED:
        raise ValidationError("This mentoring has already ended.")
    if outcome not in Referral.Outcome.values:
        raise ValidationError({"outcome": "Select how the mentoring ended"})
    _leave_sessions_to_come(referral, today)
    referral.status, referral.closed_on, referral.outcome = Referral.Status.CLOSED, today, outcome
    referral.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=referral,
                 young_person_id=referral.young_person_id, via=via,
                 summary=f"Mentoring ended: {Referral.Outcome(outcome).label}")
    return referral


@transaction.atomic
def plan_update(*, acting_user, referral: Referral, motivations: str, interests: str, strengths: str,
                today: datetime.date | None = None, via: str = "web") -> Referral:
    """The personalised plan's starting point: what motivates the young person, their interests and
    their strengths, written by the mentor or the young person."""
    if not selectors.may_set_goals(acting_user, referral, today=today):
        raise PermissionDenied("Only the mentor and the young person change the mentoring plan.")
    referral.motivations, referral.interests, referral.strengths = motivations.strip(), interests.strip(), strengths.strip()
    referral.save(update_fields=["motivations", "interests", "strengths", "updated_at"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=referral,
                 young_person_id=referral.young_person_id, via=via, summary="Changed the mentoring plan")
    return referral


# Sessions ---------------------------------------------------------------------------------------------
def _check_session(*, kind, date, starts_at, ends_at, where, place, aims, referrals, caseload_ids) -> None:
    errors = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = "The end time must be after the start time"
    if where in (MentoringSession.Where.AT_SCHOOL, MentoringSession.Where.COMMUNITY) and not place.strip():
        errors["place"] = "Enter where the session is"
    if not aims.strip():
        errors["aims"] = "Enter what the session will work on"
    if not referrals:
        errors["young_people"] = "Select the young people in the session"
    elif kind == MentoringSession.Kind.ONE_TO_ONE and len(referrals) != 1:
        errors["young_people"] = "Select one young person for a one-to-one session"
    elif kind == MentoringSession.Kind.GROUP and len(referrals) < 2:
        errors["young_people"] = "Select at least 2 young people for a group session"
    elif len(referrals) > MAX_GROUP:
        errors["young_people"] = f"Select at most {MAX_GROUP} young people"
    elif any(r.pk not in caseload_ids for r in referrals):
        errors["young_people"] = "Select young people from your caseload"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_schedule(*, acting_user, kind: str, date: datetime.date, starts_at: datetime.time, ends_at: datetime.time,
                     where: str, place: str, aims: str, referrals, today: datetime.date | None = None,
                     via: str = "web") -> MentoringSession:
    """A mentor schedules a group or one-to-one session with young people from their own caseload
    (consent complete). The young people are told."""
    today = _today(today)
    providers = selectors.mentor_provider_ids(acting_user)
    if not providers:
        raise PermissionDenied("Only mentors schedule mentoring sessions.")
    referrals = list(referrals)
    caseload_ids = set(selectors.caseload(acting_user, today=today).values_list("pk", flat=True))
    _check_session(kind=kind, date=date, starts_at=starts_at, ends_at=ends_at, where=where, place=place, aims=aims,
                   referrals=referrals, caseload_ids=caseload_ids)
    provider_ids = {r.provider_id for r in referrals}
    if len(provider_ids) != 1:
        raise ValidationError({"young_people": "Select young people mentored through one provider"})
    session = MentoringSession.objects.create(
        provider_id=provider_ids.pop(), mentor=acting_user, kind=kind, date=date, starts_at=starts_at, ends_at=ends_at,
        where=where, place=place.strip(), aims=aims.strip(),
        status=MentoringSession.Status.SCHEDULED,
    )
    SessionAttendee.objects.bulk_create([SessionAttendee(session=session, referral=r) for r in referrals])
    for r in referrals:
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=session, young_person_id=r.young_person_id,
                     via=via, summary=f"Scheduled a {session.get_kind_display().lower()} mentoring session on {date:%d/%m/%Y}")
    people = [r.young_person.user for r in referrals if r.young_person.user_id]
    notify(people, subject="A mentoring session has been booked",
           body=f"{session.get_kind_display()} session on {date:%A %d %B} from {starts_at:%H:%M} to {ends_at:%H:%M}, "
                f"{session.get_where_display().lower()}.",
           url=session.get_absolute_url())
    return session


@transaction.atomic
def attendance_mark(*, acting_user, session: MentoringSession, marks: dict[int, str], today: datetime.date | None = None,
                    via: str = "web") -> MentoringSession:
    """The session's mentor marks each attendee attended or absent (``marks``: attendee id to
    attendance), once the session has started. The session is then recorded as held."""
    today = _today(today)
    session = MentoringSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if not selectors.may_run_session(acting_user, session):
        raise PermissionDenied("Only the session's mentor marks attendance.")
    if session.status == MentoringSession.Status.CANCELLED:
        raise ValidationError("This session was cancelled.")
    if session.date > today:
        raise ValidationError("Attendance can be marked on the day of the session or after it.")
    attendees = {a.pk: a for a in session.attendees.select_related("referral")}
    errors = {}
    for attendee_id, value in marks.items():
        if attendee_id not in attendees:
            errors[f"attendee_{attendee_id}"] = "That young person is not in this session"
        elif value not in (SessionAttendee.Attendance.ATTENDED, SessionAttendee.Attendance.ABSENT):
            errors[f"attendee_{attendee_id}"] = "Select attended or absent"
    if errors:
        raise ValidationError(errors)
    changed = []
    for attendee_id, value in marks.items():
        attendee = attendees[attendee_id]
        attendee.attendance = value
        changed.append(attendee)
    SessionAttendee.objects.bulk_update(changed, ["attendance"])
    session.status = MentoringSession.Status.HELD
    session.save(update_fields=["status", "updated_at"])
    for attendee in changed:
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=session,
                     young_person_id=attendee.referral.young_person_id, via=via,
                     summary=f"Marked {attendee.get_attendance_display().lower()} at the mentoring session on {session.date:%d/%m/%Y}")
    return session


@transaction.atomic
def session_cancel(*, acting_user, session: MentoringSession, via: str = "web") -> MentoringSession:
    session = MentoringSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if not selectors.may_run_session(acting_user, session):
        raise PermissionDenied("Only the session's mentor cancels it.")
    if session.status != MentoringSession.Status.SCHEDULED:
        raise ValidationError("Only a session still to happen can be cancelled.")
    session.status = MentoringSession.Status.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    attendees = list(session.attendees.select_related("referral__young_person__user"))
    for attendee in attendees:
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=session,
                     young_person_id=attendee.referral.young_person_id, via=via,
                     summary=f"Cancelled the mentoring session on {session.date:%d/%m/%Y}")
    notify([a.referral.young_person.user for a in attendees if a.referral.young_person.user_id],
           subject="A mentoring session has been cancelled",
           body=f"The session on {session.date:%A %d %B} at {session.starts_at:%H:%M} will not take place.",
           url=session.get_absolute_url())
    return session


@transaction.atomic
def note_write(*, acting_user, session: MentoringSession, attendee: SessionAttendee, body: str,
               safeguarding_concern: bool = False, via: str = "web") -> tuple[SessionNote, int]:
    """The session's mentor writes a note about one young person in it. A note flagged as a
    safeguarding concern tells the safeguarding leads of the provider and of the young person's
    school, without the note's words. Returns the note and how many leads were told."""
    if not selectors.may_run_session(acting_user, session):
        raise PermissionDenied("Only the session's mentor writes notes on it.")
    if attendee.session_id != session.pk:
        raise ValidationError({"attendee": "Select a young person in this session"})
    if not body.strip():
        raise ValidationError({"body": "Enter the note"})
    referral = Referral.objects.select_related("young_person__school", "provider").get(pk=attendee.referral_id)
    note = SessionNote.objects.create(session=session, referral=referral, author=acting_user, body=body.strip(),
                                      safeguarding_concern=safeguarding_concern, written_at=timezone.now())
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=note, young_person_id=referral.young_person_id,
                 via=via, summary="Wrote a mentoring session note" + (", flagged as a safeguarding concern" if safeguarding_concern else ""))
    told = 0
    if safeguarding_concern:
        told = notify(selectors.safeguarding_leads_to_tell(referral), subject="Safeguarding concern raised in mentoring",
                      body=f"{acting_user.get_full_name()} of {referral.provider.name} flagged a safeguarding concern in a "
                           f"session note on {session.date:%d %B %Y} about a young person at {referral.young_person.school.name}. "
                           "Sign in to read it.",
                      url=reverse("mentoring:session_notes", args=[session.pk]))
    return note, told


# Goals ------------------------------------------------------------------------------------------------
def _check_goal(text: str, target_on, progress: str, agreed_on: datetime.date) -> None:
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the goal"
    if target_on is not None and target_on < agreed_on:
        errors["target_on"] = "The target date must be on or after the day the goal was agreed"
    if progress not in Goal.Progress.values:
        errors["progress"] = "Select the progress"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_add(*, acting_user, referral: Referral, text: str, target_on: datetime.date | None = None,
             progress: str = Goal.Progress.NOT_STARTED, today: datetime.date | None = None, via: str = "web") -> Goal:
    """The mentor or the young person records a goal they agreed."""
    today = _today(today)
    if not selectors.may_set_goals(acting_user, referral, today=today):
        raise PermissionDenied("Only the mentor and the young person set mentoring goals.")
    _check_goal(text, target_on, progress, today)
    goal = Goal.objects.create(referral=referral, text=text.strip(), target_on=target_on, progress=progress,
                               agreed_on=today, created_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=goal, young_person_id=referral.young_person_id,
                 via=via, summary=f"Agreed a mentoring goal: {goal.text[:150]}")
    return goal


@transaction.atomic
def goal_update(*, acting_user, goal: Goal, text: str, target_on: datetime.date | None, progress: str,
                today: datetime.date | None = None, via: str = "web") -> Goal:
    goal = Goal.objects.select_for_update(of=("self",)).select_related("referral__young_person").get(pk=goal.pk)
    if not selectors.may_set_goals(acting_user, goal.referral, today=today):
        raise PermissionDenied("Only the mentor and the young person change mentoring goals.")
    _check_goal(text, target_on, progress, goal.agreed_on)
    goal.text, goal.target_on, goal.progress = text.strip(), target_on, progress
    goal.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=goal,
                 young_person_id=goal.referral.young_person_id, via=via,
                 summary=f"Mentoring goal now {goal.get_progress_display().lower()}: {goal.text[:120]}")
    return goal


# Safeguarding leads -----------------------------------------------------------------------------------
@transaction.atomic
def provider_lead_add(*, acting_user, provider: Provider, user, via: str = "web") -> ProviderSafeguardingLead:
    providers, _ = selectors.lead_management_scope(acting_user)
    if not providers.filter(pk=provider.pk).exists():
        raise PermissionDenied("Only the hub manager records a provider's safeguarding leads.")
    if user is None or not selectors.eligible_provider_leads(provider).filter(pk=user.pk).exists():
        raise ValidationError({"user": f"Choose someone who works for {provider.name}"})
    if ProviderSafeguardingLead.objects.filter(provider=provider, user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name()} is already a safeguarding lead of {provider.name}"})
    lead = ProviderSafeguardingLead.objects.create(provider=provider, user=user, appointed_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=lead, via=via,
                 summary=f"Recorded {user.get_full_name()} as a safeguarding lead of {provider.name}")
    return lead


@transaction.atomic
def school_lead_add(*, acting_user, school: School, user, via: str = "web") -> SchoolSafeguardingLead:
    _, schools = selectors.lead_management_scope(acting_user)
    if not schools.filter(pk=school.pk).exists():
        raise PermissionDenied("Only the hub manager or the school's careers leader records its safeguarding leads.")
    if user is None or not selectors.eligible_school_leads(school).filter(pk=user.pk).exists():
        raise ValidationError({"user": f"Choose a member of staff at {school.name}"})
    if SchoolSafeguardingLead.objects.filter(school=school, user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name()} is already a safeguarding lead of {school.name}"})
    lead = SchoolSafeguardingLead.objects.create(school=school, user=user, appointed_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=lead, via=via,
                 summary=f"Recorded {user.get_full_name()} as a safeguarding lead of {school.name}")
    return lead


@transaction.atomic
def lead_remove(*, acting_user, lead, via: str = "web") -> None:
    providers, schools = selectors.lead_management_scope(acting_user)
    if isinstance(lead, ProviderSafeguardingLead):
        allowed, where = providers.filter(pk=lead.provider_id).exists(), lead.provider
    else:
        allowed, where = schools.filter(pk=lead.school_id).exists(), lead.school
    if not allowed:
        raise PermissionDenied("You do not manage these safeguarding leads.")
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=lead, via=via,
                 summary=f"Removed {lead.user.get_full_name()} as a safeguarding lead of {where}")
    lead.delete()
