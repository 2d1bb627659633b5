"""Writes to the menu of opportunities: employers (and hub staff on behalf of an employer or a provider)
draft and submit them, the hub approves them or returns them with reasons, and hosts withdraw them.

Every write takes ``acting_user``, runs in a transaction with the opportunity locked, checks that the
person may do it (``PermissionDenied``) and refuses what the rules do not allow with a
``ValidationError`` naming the field. Each step of the review leaves an ``OpportunityDecision`` row and
an audit entry, and notifies the people who act next: the partnership's reviewers (hub manager and
enterprise coordinators) on submission, the host's contacts on approval and return.

The life of an opportunity:

- **draft**: created by the host's contact or by hub staff; changed freely.
- **submitted**: complete (``submission_problems`` finds nothing) and waiting for a reviewer. It cannot
  be changed while it waits: the reviewer decides on what they see.
- **returned**: sent back with a reason; changed freely and submitted again.
- **approved**: on the menu. Changes that do not alter what a young person signed up for (more places,
  the closing date, what to bring, access information: ``MINOR_FIELDS``) take effect at once. A change
  of substance (anything else: the kind, the dates, the place, the plan of the days, who supervises…)
  made by the host sends the opportunity back for approval: it leaves the menu until a reviewer has
  approved it again, and the young people with live applications are told. The same change made by hub
  staff, who are the reviewers, keeps it approved, recorded as a decision with the fields changed.
- **withdrawn**: taken off the menu for good by the host or the hub. Live applications are declined
  with the reason, their placements cancelled, and the young people told.
"""
from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify
from careershub.network.models import Employer, PostcodeLocation, Provider, SicSection, normalise_postcode
from careershub.network.models import postcode_validator

from . import selectors
from .kinds import Kind, rules_for
from .models import Application, Opportunity, OpportunityDecision, Placement

# What the create and edit forms (and the API) may set.
EDITABLE_FIELDS = (
    "kind", "title", "summary", "benchmarks", "sic_section", "year_group_from", "year_group_to", "capacity",
    "how_places_are_given", "starts_on", "ends_on", "daily_times", "applications_close_on", "online", "address",
    "postcode", "access_information", "daily_plan", "what_to_bring", "supervision", "supervisor_name",
)
# Changes to an approved opportunity that do not send it back for approval.
MINOR_FIELDS = frozenset({"capacity", "applications_close_on", "what_to_bring", "access_information"})
EDITABLE_STATUSES = (Opportunity.Status.DRAFT, Opportunity.Status.RETURNED, Opportunity.Status.APPROVED)
BENCHMARK_NUMBERS = range(1, 9)
YEAR_GROUPS = range(7, 15)
TITLE_MAX_LENGTH = Opportunity._meta.get_field("title").max_length
REASON_MAX_LENGTH = 2000

FIELD_LABELS = {
    "kind": "kind of opportunity", "title": "title", "summary": "summary", "benchmarks": "Gatsby Benchmarks",
    "sic_section": "sector", "year_group_from": "first year group", "year_group_to": "last year group",
    "capacity": "number of places", "how_places_are_given": "how places are given", "starts_on": "start date",
    "ends_on": "end date", "daily_times": "times", "applications_close_on": "closing date", "online": "online",
    "address": "address", "postcode": "postcode", "access_information": "access information",
    "daily_plan": "plan of the days", "what_to_bring": "what to bring", "supervision": "supervision",
    "supervisor_name": "supervisor's name",
}


# Helpers ----------------------------------------------------------------------------------------
def _today() -> datetime.date:
    return timezone.localdate()


def _locked(opportunity: Opportunity) -> Opportunity:
    return (Opportunity.objects.select_for_update(of=("self",))
            .select_related("employer", "provider", "partnership").get(pk=opportunity.pk))


def _host_label(opportunity: Opportunity) -> str:
    host = opportunity.host
    return host.name if host is not None else "the host"


def _reviewers(opportunity: Opportunity):
    User = get_user_model()
    return list(User.objects.filter(
        is_active=True, role_assignments__partnership_id=opportunity.partnership_id,
        role_assignments__role__in=selectors.REVIEWER_ROLES,
    ).distinct().order_by("pk"))


def _host_people(opportunity: Opportunity):
    """The employer's contacts; for a provider's opportunity, the hub staff who created it."""
    User = get_user_model()
    people = []
    if opportunity.employer_id:
        people = list(User.objects.filter(
            is_active=True, role_assignments__role=Role.EMPLOYER_CONTACT,
            role_assignments__employer_id=opportunity.employer_id,
        ).distinct().order_by("pk"))
    if opportunity.created_by_id and all(p.pk != opportunity.created_by_id for p in people):
        creator = User.objects.filter(pk=opportunity.created_by_id, is_active=True).first()
        if creator is not None:
            people.append(creator)
    return people


def _live_applications(opportunity: Opportunity):
    return list(opportunity.applications.filter(status__in=Application.ACTIVE)
                .select_related("young_person", "young_person__user"))


def _record_decision(opportunity, decision, acting_user, reason="") -> OpportunityDecision:
    return OpportunityDecision.objects.create(
        opportunity=opportunity, decision=decision, reason=reason,
        by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
    )


def _audit(acting_user, action, opportunity, summary, via):
    audit.record(actor=acting_user, action=action, subject=opportunity, summary=summary, via=via)


def may_create_for(user, host) -> bool:
    """An employer's contacts create for their employer; hub staff for any employer or provider of
    their partnership."""
    if host is None or not user.is_authenticated:
        return False
    if host.partnership_id in selectors.reviewing_partnership_ids(user):
        return True
    return isinstance(host, Employer) and host.pk in selectors.hosted_employer_ids(user)


# Checking what is entered -----------------------------------------------------------------------
def _clean_details(details: dict, *, current: Opportunity | None = None) -> dict:
    """The details tidied (postcode normalised, text stripped, benchmarks defaulted from the kind) and
    checked field by field; raises ValidationError by field. ``current`` supplies fields not given."""
    unknown = set(details) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an opportunity: {', '.join(sorted(unknown))}")
    cleaned = dict(details)
    problems: dict[str, list[str]] = {}

    def problem(name, message):
        problems.setdefault(name, []).append(message)

    def value(name):
        if name in cleaned:
            return cleaned[name]
        return getattr(current, name) if current is not None else None

    for name in ("title", "summary", "daily_times", "address", "access_information", "daily_plan",
                 "what_to_bring", "supervision", "supervisor_name"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    for name, message in (("title", "Enter a title"), ("summary", "Enter a summary of the opportunity"),
                          ("daily_plan", "Enter what the young person will do each day"),
                          ("supervision", "Enter who supervises the young person and how they are looked after")):
        if current is None or name in cleaned:
            if not value(name):
                problem(name, message)
    if "title" in cleaned and len(cleaned["title"]) > TITLE_MAX_LENGTH:
        problem("title", f"The title must be {TITLE_MAX_LENGTH} characters or fewer")

    kind = value("kind")
    if kind not in Kind.values:
        problem("kind", "Select the kind of opportunity")
        kind = None
    if value("sic_section") not in SicSection.values:
        problem("sic_section", "Select the sector")
    if value("how_places_are_given") not in Opportunity.HowPlacesAreGiven.values:
        if current is not None or "how_places_are_given" in cleaned:
            problem("how_places_are_given", "Select how places are given")
        else:
            cleaned["how_places_are_given"] = Opportunity.HowPlacesAreGiven.APPLICATION

    if "benchmarks" in cleaned or current is None:
        numbers = cleaned.get("benchmarks") or []
        try:
            numbers = sorted({int(n) for n in numbers})
        except (TypeError, ValueError):
            numbers = [0]
        if any(n not in BENCHMARK_NUMBERS for n in numbers):
            problem("benchmarks", "Select Gatsby Benchmarks from 1 to 8")
        elif not numbers and kind:
            numbers = list(rules_for(kind).benchmarks)
        cleaned["benchmarks"] = numbers

    first, last = value("year_group_from"), value("year_group_to")
    if first not in YEAR_GROUPS:
        problem("year_group_from", "Select the first year group")
    if last not in YEAR_GROUPS:
        problem("year_group_to", "Select the last year group")
    elif first in YEAR_GROUPS and first > last:
        problem("year_group_to", "The last year group must be the same as or after the first")

    capacity = value("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 1:
        problem("capacity", "Enter how many young people can take part, 1 or more")
    elif current is not None and current.pk and "capacity" in cleaned:
        taken = current.applications.filter(status=Application.Status.ACCEPTED).count()
        if capacity < taken:
            problem("capacity", f"{taken} place{'s have' if taken != 1 else ' has'} already been given: "
                                f"the number of places cannot be fewer than that")

    starts, ends, closes = value("starts_on"), value("ends_on"), value("applications_close_on")
    if not isinstance(starts, datetime.date):
        problem("starts_on", "Enter the start date")
    if not isinstance(ends, datetime.date):
        problem("ends_on", "Enter the end date")
    elif isinstance(starts, datetime.date) and ends < starts:
        problem("ends_on", "The end date must be the same as or after the start date")
    if closes is not None and isinstance(starts, datetime.date) and closes >= starts:
        problem("applications_close_on", "The closing date must be before the start date")

    if "postcode" in cleaned:
        cleaned["postcode"] = normalise_postcode(cleaned["postcode"] or "")
        if cleaned["postcode"]:
            try:
                postcode_validator(cleaned["postcode"])
            except ValidationError:
                problem("postcode", "Enter a real UK postcode, like ST4 1AB")
    if "online" in cleaned:
        cleaned["online"] = bool(cleaned["online"])
    if problems:
        raise ValidationError(problems)
    return cleaned


def submission_problems(opportunity: Opportunity, *, today: datetime.date | None = None) -> dict[str, list[str]]:
    """What stops the opportunity going on the menu: every detail a young person needs to know what
    to expect, by field. Empty when it is ready to submit (and to approve)."""
    today = today or _today()
    problems: dict[str, list[str]] = {}

    def problem(name, message):
        problems.setdefault(name, []).append(message)

    o = opportunity
    for name, message in (
        ("title", "Enter a title"),
        ("summary", "Enter a summary of the opportunity"),
        ("daily_plan", "Enter what the young person will do each day"),
        ("daily_times", "Enter the times of the day, like 9am to 3pm"),
        ("what_to_bring", "Enter what to bring (or that there is nothing to bring)"),
        ("supervision", "Enter who supervises the young person and how they are looked after"),
        ("access_information", "Enter access information: step-free access, quiet spaces, transport, adjustments"),
    ):
        if not (getattr(o, name) or "").strip():
            problem(name, message)
    if not o.benchmarks:
        problem("benchmarks", "Select the Gatsby Benchmarks the opportunity serves")
    if o.kind in Kind.values and rules_for(o.kind).needs_safeguarding and not o.supervisor_name.strip():
        problem("supervisor_name", "Enter the name of the supervisor: a "
                f"{o.get_kind_display().lower()} needs safeguarding checks on the named supervisor")
    if not o.online:
        if not o.address.strip():
            problem("address", "Enter the address, or say the opportunity is online")
        if not o.postcode.strip():
            problem("postcode", "Enter the postcode, or say the opportunity is online")
    if o.year_group_from > o.year_group_to:
        problem("year_group_to", "The last year group must be the same as or after the first")
    if o.ends_on < o.starts_on:
        problem("ends_on", "The end date must be the same as or after the start date")
    if o.starts_on <= today:
        problem("starts_on", "The start date must be in the future")
    if o.how_places_are_given == Opportunity.HowPlacesAreGiven.APPLICATION:
        if o.applications_close_on is None:
            problem("applications_close_on", "Enter the date applications close")
        elif o.applications_close_on < today:
            problem("applications_close_on", "The closing date must be today or in the future")
    if o.applications_close_on is not None and o.applications_close_on >= o.starts_on:
        problem("applications_close_on", "The closing date must be before the start date")
    return problems


def _set_location(opportunity: Opportunity) -> None:
    """Latitude and longitude from the postcode directory, when the postcode is in it."""
    opportunity.latitude = opportunity.longitude = None
    if opportunity.postcode:
        found = PostcodeLocation.objects.filter(postcode=normalise_postcode(opportunity.postcode)).first()
        if found is not None:
            opportunity.latitude, opportunity.longitude = found.latitude, found.longitude


# Creating and changing ---------------------------------------------------------------------------
def opportunity_create(*, acting_user, host: Employer | Provider, via: str = "web", **details) -> Opportunity:
    """A draft opportunity hosted by an employer or a provider (education encounters come from
    providers). ``details`` are fields of ``EDITABLE_FIELDS``."""
    if not may_create_for(acting_user, host):
        raise PermissionDenied("Only the employer's contacts and hub staff create its opportunities.")
    cleaned = _clean_details(details)
    with transaction.atomic():
        opportunity = Opportunity(
            partnership_id=host.partnership_id,
            employer=host if isinstance(host, Employer) else None,
            provider=host if isinstance(host, Provider) else None,
            created_by=acting_user, status=Opportunity.Status.DRAFT, **cleaned,
        )
        _set_location(opportunity)
        opportunity.save()
        _audit(acting_user, AuditEntry.Action.CREATE, opportunity,
               f"Drafted the {opportunity.get_kind_display().lower()} ‘{opportunity.title}’ for {host.name}", via)
    return opportunity


def opportunity_update(*, acting_user, opportunity: Opportunity, via: str = "web", **details) -> Opportunity:
    """Change an opportunity while it is a draft, returned or approved (see the module's description
    for what sends an approved one back for approval). Returns the opportunity as saved."""
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if not selectors.may_manage(acting_user, opportunity):
            raise PermissionDenied("Only the host's contacts and hub staff change this opportunity.")
        if opportunity.status not in EDITABLE_STATUSES:
            if opportunity.status == Opportunity.Status.SUBMITTED:
                raise ValidationError("The opportunity is waiting for approval, so it cannot be changed until the hub "
                                      "has approved it or returned it", code="not_editable")
            raise ValidationError("The opportunity has been withdrawn, so it cannot be changed", code="not_editable")
        cleaned = _clean_details(details, current=opportunity)
        changed = [name for name in EDITABLE_FIELDS if name in cleaned and cleaned[name] != getattr(opportunity, name)]
        if not changed:
            return opportunity
        for name in changed:
            setattr(opportunity, name, cleaned[name])
        if "postcode" in changed:
            _set_location(opportunity)
        substance = [name for name in changed if name not in MINOR_FIELDS]
        labels = ", ".join(FIELD_LABELS[name] for name in changed)
        if opportunity.status == Opportunity.Status.APPROVED:
            if "applications_close_on" in changed or "capacity" in changed:
                problems = {k: v for k, v in submission_problems(opportunity).items()
                            if k in ("applications_close_on",)}
                if problems:
                    raise ValidationError(problems)
            if substance and not selectors.is_reviewer_of(acting_user, opportunity):
                _back_for_approval(acting_user, opportunity, changed=substance, via=via)
            elif substance:
                _record_decision(opportunity, OpportunityDecision.Decision.APPROVED, acting_user,
                                 f"Changed by the hub after approval: {', '.join(FIELD_LABELS[n] for n in substance)}")
        opportunity.save()
        _audit(acting_user, AuditEntry.Action.UPDATE, opportunity, f"Changed ‘{opportunity.title}’: {labels}", via)
    return opportunity


def _back_for_approval(acting_user, opportunity: Opportunity, *, changed: list[str], via: str) -> None:
    problems = submission_problems(opportunity)
    if problems:
        raise ValidationError(problems)
    labels = ", ".join(FIELD_LABELS[name] for name in changed)
    opportunity.status = Opportunity.Status.SUBMITTED
    opportunity.submitted_at = timezone.now()
    _record_decision(opportunity, OpportunityDecision.Decision.SUBMITTED, acting_user,
                     f"Changed after approval: {labels}")
    notify(_reviewers(opportunity), subject=f"Changed after approval: {opportunity.title}",
           body=f"{_host_label(opportunity)} changed the {labels} of an approved opportunity. "
                "It is off the menu until it is approved again.",
           url=reverse("opportunities:review", args=[opportunity.pk]))
    applicants = [a.young_person.user for a in _live_applications(opportunity)]
    notify(applicants, subject=f"{opportunity.title} has changed",
           body=f"{_host_label(opportunity)} has changed the {labels}. Check the details still suit you.",
           url=opportunity.get_absolute_url())


# The review ----------------------------------------------------------------------------------------
def opportunity_submit(*, acting_user, opportunity: Opportunity, via: str = "web") -> Opportunity:
    """Send a draft or returned opportunity to the hub for approval, once it is complete."""
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if not selectors.may_manage(acting_user, opportunity):
            raise PermissionDenied("Only the host's contacts and hub staff submit this opportunity.")
        if opportunity.status not in (Opportunity.Status.DRAFT, Opportunity.Status.RETURNED):
            raise ValidationError(f"The opportunity is {opportunity.get_status_display().lower()}, so it cannot be "
                                  "submitted", code="not_submittable")
        problems = submission_problems(opportunity)
        if problems:
            raise ValidationError(problems)
        opportunity.status = Opportunity.Status.SUBMITTED
        opportunity.submitted_at = timezone.now()
        opportunity.save(update_fields=["status", "submitted_at", "updated_at"])
        _record_decision(opportunity, OpportunityDecision.Decision.SUBMITTED, acting_user)
        _audit(acting_user, AuditEntry.Action.UPDATE, opportunity, f"Submitted ‘{opportunity.title}’ for approval", via)
        notify(_reviewers(opportunity), subject=f"Waiting for approval: {opportunity.title}",
               body=f"{_host_label(opportunity)} has submitted a {opportunity.get_kind_display().lower()} "
                    "for approval.",
               url=reverse("opportunities:review", args=[opportunity.pk]))
    return opportunity


def _review_checks(acting_user, opportunity: Opportunity) -> None:
    if not selectors.is_reviewer_of(acting_user, opportunity):
        raise PermissionDenied("Only the hub manager and enterprise coordinators review opportunities.")
    if opportunity.status != Opportunity.Status.SUBMITTED:
        raise ValidationError(f"The opportunity is {opportunity.get_status_display().lower()}, not waiting for "
                              "approval", code="not_submitted")


def opportunity_approve(*, acting_user, opportunity: Opportunity, via: str = "web") -> Opportunity:
    """Put a submitted opportunity on the menu. It must still be complete (its dates may have passed)."""
    with transaction.atomic():
        opportunity = _locked(opportunity)
        _review_checks(acting_user, opportunity)
        problems = submission_problems(opportunity)
        if problems:
            raise ValidationError(problems)
        opportunity.status = Opportunity.Status.APPROVED
        opportunity.decided_at = timezone.now()
        opportunity.decided_by = acting_user
        opportunity.return_reason = ""
        opportunity.save(update_fields=["status", "decided_at", "decided_by", "return_reason", "updated_at"])
        _record_decision(opportunity, OpportunityDecision.Decision.APPROVED, acting_user)
        _audit(acting_user, AuditEntry.Action.UPDATE, opportunity, f"Approved ‘{opportunity.title}’", via)
        notify(_host_people(opportunity), subject=f"Approved: {opportunity.title}",
               body="Your opportunity is approved and on the menu young people search.",
               url=opportunity.get_absolute_url())
    return opportunity


def opportunity_return(*, acting_user, opportunity: Opportunity, reason: str, via: str = "web") -> Opportunity:
    """Send a submitted opportunity back to its host with the reason (what to change)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ["Enter what the host needs to change"]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": [f"The reason must be {REASON_MAX_LENGTH} characters or fewer"]})
    with transaction.atomic():
        opportunity = _locked(opportunity)
        _review_checks(acting_user, opportunity)
        opportunity.status = Opportunity.Status.RETURNED
        opportunity.return_reason = reason
        opportunity.decided_at = timezone.now()
        opportunity.decided_by = acting_user
        opportunity.save(update_fields=["status", "return_reason", "decided_at", "decided_by", "updated_at"])
        _record_decision(opportunity, OpportunityDecision.Decision.RETURNED, acting_user, reason)
        _audit(acting_user, AuditEntry.Action.UPDATE, opportunity, f"Returned ‘{opportunity.title}’ for changes", via)
        notify(_host_people(opportunity), subject=f"Returned for changes: {opportunity.title}",
               body=f"The hub has returned your opportunity for changes: {reason}",
               url=opportunity.get_absolute_url())
    return opportunity


def opportunity_withdraw(*, acting_user, opportunity: Opportunity, reason: str = "", via: str = "web") -> Opportunity:
    """Take an opportunity off the menu for good. When young people have live applications the reason
    is required: they are told it, their applications are declined and any placements cancelled."""
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": [f"The reason must be {REASON_MAX_LENGTH} characters or fewer"]})
    with transaction.atomic():
        opportunity = _locked(opportunity)
        if not selectors.may_manage(acting_user, opportunity):
            raise PermissionDenied("Only the host's contacts and hub staff withdraw this opportunity.")
        if opportunity.status == Opportunity.Status.WITHDRAWN:
            raise ValidationError("The opportunity has already been withdrawn", code="withdrawn")
        applications = _live_applications(opportunity)
        if applications and not reason:
            count = len(applications)
            raise ValidationError({"reason": [
                f"Enter why it is withdrawn: {count} young {'person has' if count == 1 else 'people have'} "
                "applied and will be told"]})
        now = timezone.now()
        opportunity.status = Opportunity.Status.WITHDRAWN
        opportunity.save(update_fields=["status", "updated_at"])
        _record_decision(opportunity, OpportunityDecision.Decision.WITHDRAWN, acting_user, reason)
        _audit(acting_user, AuditEntry.Action.UPDATE, opportunity, f"Withdrew ‘{opportunity.title}’", via)
        decline = f"The opportunity was withdrawn: {reason}" if reason else "The opportunity was withdrawn"
        for application in applications:
            application.status = Application.Status.DECLINED
            application.decision_reason = decline
            application.decided_at = now
            application.decided_by = acting_user
            application.save(update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"])
            Placement.objects.filter(application=application).exclude(
                status__in=(Placement.Status.COMPLETED, Placement.Status.CANCELLED),
            ).update(status=Placement.Status.CANCELLED, cancelled_reason=decline, updated_at=now)
            audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application, via=via,
                         young_person_id=application.young_person_id,
                         summary=f"Application to ‘{opportunity.title}’ declined: the opportunity was withdrawn")
        if applications:
            notify([a.young_person.user for a in applications], subject=f"Withdrawn: {opportunity.title}",
                   body=decline, url=opportunity.get_absolute_url())
        if selectors.is_reviewer_of(acting_user, opportunity):
            notify([p for p in _host_people(opportunity) if p.pk != acting_user.pk],
                   subject=f"Withdrawn by the hub: {opportunity.title}", body=decline,
                   url=opportunity.get_absolute_url())
    return opportunity
