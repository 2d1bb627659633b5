"""Writes to applications: applying, withdrawing, the host's decisions and messages.

Each function takes ``acting_user``, runs in a transaction, checks that the person may do it
(``PermissionDenied``) and refuses what the rules do not allow with a ``ValidationError`` naming what
is wrong (with the field when one is to blame). Every write leaves an audit entry carrying the young
person's id, and notifies the other side: the host's contacts of a new application, a withdrawal or a
message from the applicant's side; the young person and their linked parents and carers of a
decision or a message from the host.

The rules, so that the process is the same for everyone whoever they know:

- Only the young person applies, from their own account, to an approved opportunity of their
  partnership whose places the employer gives from applications, while applications are open (the
  closing date, if any, has not passed and the opportunity has not started) and when their year group
  is one the opportunity is for. One application per opportunity.
- A young person may apply again after withdrawing, while applications are still open, unless they
  withdrew after being given a place or the host had already turned them down: the place went to
  someone else, so applying again is refused. Re-applying replaces what they wrote and shared.
- They share only the parts of their record they tick (``Application.Share``), never protected
  characteristics or contact details.
- The young person withdraws an application that is submitted, shortlisted or accepted, until the
  opportunity ends. Withdrawing an accepted application frees the place and cancels its placement.
- The host's contacts shortlist a submitted application, and accept or decline a submitted or
  shortlisted one. Declining needs a reason, which the young person sees. Accepting never gives more
  places than the opportunity has, even when contacts accept at the same moment: the opportunity's
  row is locked while the accepted applications are counted.
- Messages are between the host's contacts and the applicant's side (the young person, their parents
  and carers, and their school's careers staff), on any application that has not been withdrawn.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify
from careershub.young_people.models import ParentLink, YoungPerson

from . import placing
from .models import Application, Message, Opportunity, Placement
from .selectors import hosted_employer_ids

INTEREST_MAX_LENGTH = 2000
AVAILABILITY_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000
MESSAGE_MAX_LENGTH = 2000

# Error codes the API answers with 409 Conflict: the request is well formed, but the state of the
# opportunity or application refuses it (a full opportunity, a decision already made).
CONFLICT_CODES = frozenset({
    "places_taken", "already_applied", "not_open", "not_decidable", "not_withdrawable", "withdrawn",
})

Status = Application.Status


# Who is who -------------------------------------------------------------------------------------
def host_contacts(opportunity: Opportunity) -> list[User]:
    """The people who manage the opportunity's applications: its employer's contacts."""
    if not opportunity.employer_id:
        return []
    return list(User.objects.filter(
        is_active=True, role_assignments__role=Role.EMPLOYER_CONTACT,
        role_assignments__employer_id=opportunity.employer_id,
    ).distinct())


def applicant_side(young_person: YoungPerson) -> list[User]:
    """The young person's account and their linked parents' and carers' accounts."""
    people = [young_person.user] if young_person.user_id and young_person.user.is_active else []
    people += [link.parent for link in ParentLink.objects.filter(young_person=young_person).select_related("parent")
               if link.parent.is_active]
    return people


def is_host_of(user, opportunity: Opportunity) -> bool:
    return bool(opportunity.employer_id) and opportunity.employer_id in hosted_employer_ids(user)


def is_applicant(user, young_person: YoungPerson) -> bool:
    return (user.is_authenticated and young_person.user_id == user.pk and user.has_role(Role.YOUNG_PERSON))


def is_parent_of(user, young_person: YoungPerson) -> bool:
    return (user.is_authenticated and user.has_role(Role.PARENT_CARER)
            and ParentLink.objects.filter(parent_id=user.pk, young_person_id=young_person.pk).exists())


def is_school_staff_of(user, young_person: YoungPerson) -> bool:
    return user.is_authenticated and any(
        a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == young_person.school_id
        for a in user._assignments()
    )


def may_message(user, application: Application) -> bool:
    """The host's contacts and the applicant's side: the young person, their parents and carers and
    their school's careers staff. Hub staff read the thread but do not write in it."""
    young_person = application.young_person
    return (is_host_of(user, application.opportunity) or is_applicant(user, young_person)
            or is_parent_of(user, young_person) or is_school_staff_of(user, young_person))


def short_name(young_person: YoungPerson) -> str:
    """How the host knows the applicant: first name and last initial."""
    initial = young_person.last_name[:1].upper()
    return f"{young_person.first_name} {initial}." if initial else young_person.first_name


def _url(application: Application) -> str:
    return reverse("opportunities:application_detail", args=[application.pk])


def _day(day: datetime.date) -> str:
    return dateformat.format(day, "j F Y")


def _clean_text(value: str | None) -> str:
    return (value or "").strip()


def _problems(**by_field: str) -> ValidationError:
    return ValidationError({name: [message] for name, message in by_field.items()})


# Applying ---------------------------------------------------------------------------------------
def why_not_open(opportunity: Opportunity, today: datetime.date | None = None) -> str:
    """Why nobody can apply for the opportunity now, or "" when applications are open."""
    today = today or timezone.localdate()
    if opportunity.status != Opportunity.Status.APPROVED:
        return "This opportunity is not open for applications."
    if opportunity.how_places_are_given == Opportunity.HowPlacesAreGiven.ALLOCATION:
        return ("Places on this opportunity are given in a partnership allocation round, not by applying to the "
                "employer. Your careers leader will tell you how to choose it.")
    if opportunity.how_places_are_given == Opportunity.HowPlacesAreGiven.WHOLE_GROUP:
        return "A whole group takes part in this opportunity, so there is nothing to apply for. Your school arranges it."
    if opportunity.starts_on <= today:
        return f"This opportunity started on {_day(opportunity.starts_on)}, so applications are closed."
    if opportunity.applications_close_on and opportunity.applications_close_on < today:
        return f"Applications closed on {_day(opportunity.applications_close_on)}."
    return ""


def why_not_eligible(opportunity: Opportunity, young_person: YoungPerson) -> str:
    """Why this young person cannot apply (the opportunity's partnership and year groups), or ""."""
    if young_person.school.partnership_id != opportunity.partnership_id:
        return "This opportunity is for young people at schools and colleges in another partnership."
    if not opportunity.year_group_from <= young_person.year_group <= opportunity.year_group_to:
        return (f"This opportunity is for {opportunity.year_groups_label.lower()}, so you cannot apply from "
                f"{'post-school' if young_person.year_group == 14 else f'year {young_person.year_group}'}.")
    return ""


def existing_application_refusal(application: Application | None) -> str:
    """Why an earlier application stops the young person applying again, or ""."""
    if application is None:
        return ""
    if application.status != Status.WITHDRAWN:
        return f"You have already applied for this opportunity. Its status is: {application.get_status_display().lower()}."
    if application.decided_at is not None or application.allocation_round_id is not None:
        return "You withdrew from this opportunity after a decision was made on your application, so you cannot apply again."
    return ""


def clean_shared(shared) -> list[str]:
    """The parts of the record to share, in the form's order, each once; refuses anything else."""
    chosen = list(shared or [])
    unknown = [value for value in chosen if value not in Application.Share.values]
    if unknown:
        raise _problems(shared=f"You can only share these parts of your record: "
                               f"{', '.join(label.lower() for label in Application.Share.labels)}.")
    return [value for value in Application.Share.values if value in chosen]


def _clean_application_text(interest, availability) -> tuple[str, str]:
    interest, availability = _clean_text(interest), _clean_text(availability)
    problems = {}
    if not interest:
        problems["interest"] = "Tell the employer why you are interested"
    elif len(interest) > INTEREST_MAX_LENGTH:
        problems["interest"] = f"Why you are interested must be {INTEREST_MAX_LENGTH} characters or fewer"
    if len(availability) > AVAILABILITY_MAX_LENGTH:
        problems["availability"] = f"Dates you cannot do must be {AVAILABILITY_MAX_LENGTH} characters or fewer"
    if problems:
        raise _problems(**problems)
    return interest, availability


def application_submit(*, acting_user, opportunity: Opportunity, young_person: YoungPerson, interest: str,
                       availability: str = "", shared=(), today: datetime.date | None = None,
                       via: str = "web") -> Application:
    """The young person applies for the opportunity (see the module's rules)."""
    if not is_applicant(acting_user, young_person):
        raise PermissionDenied("Only the young person applies, from their own account.")
    problems = {}
    try:
        interest, availability = _clean_application_text(interest, availability)
    except ValidationError as error:
        problems.update(error.message_dict)
    try:
        shared = clean_shared(shared)
    except ValidationError as error:
        problems.update(error.message_dict)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        # Locked so that two submissions at once (a double click) make one application.
        opportunity = Opportunity.objects.select_for_update(of=("self",)).select_related("employer").get(pk=opportunity.pk)
        reason = why_not_open(opportunity, today)
        if reason:
            raise ValidationError(reason, code="not_open")
        reason = why_not_eligible(opportunity, young_person)
        if reason:
            raise ValidationError(reason, code="not_eligible")
        application = Application.objects.filter(opportunity=opportunity, young_person=young_person).first()
        reason = existing_application_refusal(application)
        if reason:
            raise ValidationError(reason, code="already_applied")
        again = application is not None
        if again:
            application.status = Status.SUBMITTED
            application.interest, application.availability, application.shared = interest, availability, shared
            application.decision_reason = ""
            application.submitted_by = acting_user
            application.save()
        else:
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        opportunity=opportunity, young_person=young_person, interest=interest,
                        availability=availability, shared=shared, submitted_by=acting_user,
                    )
            except IntegrityError:
                raise ValidationError("You have already applied for this opportunity.", code="already_applied") from None
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE if again else AuditEntry.Action.CREATE,
            subject=application, young_person_id=young_person.pk, via=via,
            summary=f"{'Applied again' if again else 'Applied'} for {opportunity.title}"
                    f"{'; shared ' + ', '.join(shared) if shared else '; shared nothing'}",
        )
        notify(
            host_contacts(opportunity),
            subject=f"New application for {opportunity.title}",
            body=f"{short_name(young_person)} has applied for {opportunity.title}. "
                 "See what they shared and shortlist, accept or decline their application.",
            url=_url(application),
        )
    return application


def application_withdraw(*, acting_user, application: Application, reason: str = "",
                         today: datetime.date | None = None, via: str = "web") -> Application:
    """The young person withdraws; an accepted place is freed and its placement cancelled."""
    if not is_applicant(acting_user, application.young_person):
        raise PermissionDenied("Only the young person withdraws their application.")
    reason = _clean_text(reason)
    if len(reason) > REASON_MAX_LENGTH:
        raise _problems(reason=f"The reason must be {REASON_MAX_LENGTH} characters or fewer")
    today = today or timezone.localdate()
    with transaction.atomic():
        Opportunity.objects.select_for_update().get(pk=application.opportunity_id)
        application = _locked(application)
        opportunity = application.opportunity
        if application.status not in Application.ACTIVE:
            raise ValidationError(f"This application cannot be withdrawn: it is "
                                  f"{application.get_status_display().lower()}.", code="not_withdrawable")
        if opportunity.ends_on < today:
            raise ValidationError(f"This opportunity ended on {_day(opportunity.ends_on)}, so the application "
                                  "can no longer be withdrawn.", code="not_withdrawable")
        placement = Placement.objects.filter(application=application).first()
        if placement is not None and placement.status == Placement.Status.COMPLETED:
            raise ValidationError("This placement has been completed, so it can no longer be withdrawn.",
                                  code="not_withdrawable")
        had_place = application.status == Status.ACCEPTED
        application.status = Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        if placement is not None and placement.status != Placement.Status.CANCELLED:
            placement.status = Placement.Status.CANCELLED
            placement.cancelled_reason = ("The young person withdrew their application"
                                          + (f": {reason}" if reason else "."))
            placement.save(update_fields=["status", "cancelled_reason", "updated_at"])
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
            young_person_id=application.young_person_id, via=via,
            summary=f"Withdrew the application for {opportunity.title}"
                    + ("; the place is freed" if had_place else "") + (f": {reason}" if reason else ""),
        )
        notify(
            host_contacts(opportunity),
            subject=f"An application for {opportunity.title} was withdrawn",
            body=f"{short_name(application.young_person)} withdrew their application"
                 + (", so their place is free again." if had_place else ".") + (f" Their reason: {reason}" if reason else ""),
            url=_url(application),
        )
    return application


# The host's decisions ---------------------------------------------------------------------------
def _locked(application: Application) -> Application:
    return (Application.objects.select_for_update(of=("self",))
            .select_related("opportunity", "opportunity__employer", "young_person", "young_person__user",
                            "young_person__school")
            .get(pk=application.pk))


def _check_host(acting_user, application: Application) -> None:
    if not is_host_of(acting_user, application.opportunity):
        raise PermissionDenied("Only the host employer's contacts decide on applications.")


def _check_decidable(application: Application, allowed: tuple[str, ...], verb: str) -> None:
    opportunity = application.opportunity
    if application.status not in allowed:
        raise ValidationError(f"You cannot {verb} this application: it is {application.get_status_display().lower()}.",
                              code="not_decidable")
    if opportunity.how_places_are_given != Opportunity.HowPlacesAreGiven.APPLICATION or application.allocation_round_id:
        raise ValidationError("Places on this opportunity are given in a partnership allocation round.",
                              code="not_decidable")


def _tell_applicant(application: Application, *, subject: str, body: str) -> None:
    notify(applicant_side(application.young_person), subject=subject, body=body, url=_url(application))


def places_taken_message(capacity: int) -> str:
    if capacity == 1:
        return "The only place is taken"
    return f"All {capacity} places are taken"


def application_shortlist(*, acting_user, application: Application, via: str = "web") -> Application:
    """The host puts a submitted application on its shortlist (a step, not a decision)."""
    _check_host(acting_user, application)
    with transaction.atomic():
        application = _locked(application)
        _check_decidable(application, (Status.SUBMITTED,), "shortlist")
        application.status = Status.SHORTLISTED
        application.save(update_fields=["status", "updated_at"])
        title = application.opportunity.title
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                     young_person_id=application.young_person_id, via=via,
                     summary=f"Shortlisted the application for {title}")
        _tell_applicant(application, subject=f"You are on the shortlist for {title}",
                        body=f"{application.opportunity.host} has shortlisted your application for {title}. "
                             "They will decide soon; you will hear as soon as they do.")
    return application


def application_accept(*, acting_user, application: Application, today: datetime.date | None = None,
                       via: str = "web") -> Application:
    """The host gives the young person a place, never more places than the opportunity has.

    The opportunity's row is locked for the rest of the transaction, so acceptances of its applications
    happen one after another: each counts the accepted applications after the one before it committed.
    A kind that needs safeguarding gets its Placement, waiting for checks.
    """
    _check_host(acting_user, application)
    today = today or timezone.localdate()
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update(of=("self",)).select_related("employer").get(pk=application.opportunity_id)
        application = _locked(application)
        application.opportunity = opportunity
        _check_decidable(application, (Status.SUBMITTED, Status.SHORTLISTED), "accept")
        if opportunity.status != Opportunity.Status.APPROVED:
            raise ValidationError("This opportunity is no longer approved, so nobody can be given a place.",
                                  code="not_decidable")
        if opportunity.ends_on < today:
            raise ValidationError(f"This opportunity ended on {_day(opportunity.ends_on)}.", code="not_decidable")
        accepted = Application.objects.filter(opportunity=opportunity, status=Status.ACCEPTED).count()
        if accepted >= opportunity.capacity:
            raise ValidationError(places_taken_message(opportunity.capacity), code="places_taken")
        application.status = Status.ACCEPTED
        application.decision_reason = ""
        application.decided_at = timezone.now()
        application.decided_by = acting_user
        application.save(update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"])
        placement = placing.placement_for(application)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                     young_person_id=application.young_person_id, via=via,
                     summary=f"Accepted the application for {opportunity.title} "
                             f"(place {accepted + 1} of {opportunity.capacity})")
        body = f"{opportunity.host} has given you a place on {opportunity.title}."
        if placement is not None:
            body += (" Before it goes ahead, a few safety checks are done, including permission from a parent or "
                     "carer. Your careers leader will help.")
        _tell_applicant(application, subject=f"You have a place on {opportunity.title}", body=body)
    return application


def application_decline(*, acting_user, application: Application, reason: str, via: str = "web") -> Application:
    """The host turns the application down, with a reason the young person sees."""
    _check_host(acting_user, application)
    reason = _clean_text(reason)
    if not reason:
        raise _problems(reason="Give a reason: the young person will see it")
    if len(reason) > REASON_MAX_LENGTH:
        raise _problems(reason=f"The reason must be {REASON_MAX_LENGTH} characters or fewer")
    with transaction.atomic():
        application = _locked(application)
        _check_decidable(application, (Status.SUBMITTED, Status.SHORTLISTED), "decline")
        application.status = Status.DECLINED
        application.decision_reason = reason
        application.decided_at = timezone.now()
        application.decided_by = acting_user
        application.save(update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"])
        title = application.opportunity.title
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                     young_person_id=application.young_person_id, via=via,
                     summary=f"Declined the application for {title}")
        _tell_applicant(application, subject=f"Your application for {title} was not successful",
                        body=f"{application.opportunity.host} said: {reason}")
    return application


DECISIONS = {
    "shortlist": application_shortlist,
    "accept": application_accept,
    "decline": application_decline,
}


def application_decide(*, acting_user, application: Application, decision: str, reason: str = "",
                       via: str = "web") -> Application:
    """One of the host's decisions by name: shortlist, accept or decline (with a reason)."""
    if decision not in DECISIONS:
        raise _problems(decision="Choose shortlist, accept or decline")
    if decision == "decline":
        return application_decline(acting_user=acting_user, application=application, reason=reason, via=via)
    return DECISIONS[decision](acting_user=acting_user, application=application, via=via)


# Messages ---------------------------------------------------------------------------------------
def message_send(*, acting_user, application: Application, body: str, via: str = "web") -> Message:
    """A message on the application's thread, from the host's side or the applicant's side."""
    if not may_message(acting_user, application):
        raise PermissionDenied("Only the host's contacts and the young person, their parents and carers and "
                               "their school's careers staff send messages about an application.")
    body = _clean_text(body)
    if not body:
        raise _problems(body="Write your message")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise _problems(body=f"Your message must be {MESSAGE_MAX_LENGTH} characters or fewer")
    if Application.objects.filter(pk=application.pk, status=Status.WITHDRAWN).exists():
        raise ValidationError("This application was withdrawn, so its messages are closed.", code="withdrawn")
    with transaction.atomic():
        message = Message.objects.create(application=application, author=acting_user, body=body)
        opportunity = application.opportunity
        from_host = is_host_of(acting_user, opportunity)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=message,
                     young_person_id=application.young_person_id, via=via,
                     summary=f"Sent a message about the application for {opportunity.title}")
        if from_host:
            recipients = applicant_side(application.young_person)
            subject = f"A message from {opportunity.host} about {opportunity.title}"
        else:
            recipients = host_contacts(opportunity)
            subject = f"A message from {short_name(application.young_person)}'s side about {opportunity.title}"
        notify([u for u in recipients if u.pk != acting_user.pk], subject=subject, body=body, url=_url(application))
    return message


def application_viewed(*, acting_user, application: Application, via: str = "web") -> None:
    """Log a view of an application by anyone other than the young person themself (staff, parents and
    the host), as views of a young person's record are logged."""
    young_person = application.young_person
    if young_person.user_id is not None and young_person.user_id == acting_user.pk:
        return
    audit.record(
        actor=acting_user, action=AuditEntry.Action.VIEW, subject=application, young_person_id=young_person.pk,
        via=via, summary=f"Viewed the application of {young_person.full_name} for {application.opportunity.title}",
    )
