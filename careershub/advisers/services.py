"""Writes to the enterprise adviser network. Every one takes acting_user, runs in a transaction and
leaves an audit entry. Views and API handlers authorise as they fetch (see selectors); these
functions hold the business rules and refuse with a ``ValidationError`` naming what is wrong.

The rules:

- a school has at most one current adviser (also enforced by the database, so that two people
  matching the same school at the same moment get a clear refusal rather than two advisers);
- an adviser never supports more schools than their capacity, and the capacity cannot be lowered
  below the schools they support now;
- only active advisers are matched, and only with schools that have joined the network (engaged);
- ending a match keeps it, with its reason and end date, as history; deactivating an adviser ends
  their current matches the same way.
"""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone

from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.network.models import AreaHub, Employer, School

from . import ranking, selectors
from .models import AdviserMatch, EnterpriseAdviser

MAX_CAPACITY = 20
REASON_MAX_LENGTH = AdviserMatch._meta.get_field("end_reason").max_length

# Error codes the API answers with 409 Conflict (the request was fine; the network's state refuses it).
CONFLICT_CODES = frozenset({"school_has_adviser", "no_spare_capacity", "match_already_ended", "still_matched"})


def code_of(error: ValidationError) -> str | None:
    """The code of a refusal, including one given for a single field."""
    if getattr(error, "code", None):
        return error.code
    if hasattr(error, "error_dict"):
        return next((e.code for errors in error.error_dict.values() for e in errors if e.code), None)
    return next((e.code for e in error.error_list if e.code), None)


def is_conflict(error: ValidationError) -> bool:
    return code_of(error) in CONFLICT_CODES


def _day(value: date) -> str:
    return dateformat.format(value, "j F Y")


def _schools(n: int) -> str:
    return f"{n} school" if n == 1 else f"{n} schools"


# Advisers ------------------------------------------------------------------------------------
def _check_details(*, employer: Employer, area_hub: AreaHub | None, capacity: int, name: str, email: str) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the adviser's full name"
    if not email.strip():
        errors["email"] = "Enter the adviser's email address"
    if area_hub is not None and area_hub.partnership_id != employer.partnership_id:
        errors["area_hub"] = f"{area_hub.name} is not an area hub of {employer.name}'s partnership"
    if not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Capacity must be between 1 and {MAX_CAPACITY} schools"
    if errors:
        raise ValidationError(errors)


def _check_unique_email(*, employer: Employer, email: str, exclude_pk: int | None = None) -> None:
    same = EnterpriseAdviser.objects.filter(partnership_id=employer.partnership_id, email__iexact=email.strip())
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    other = same.first()
    if other is not None:
        raise ValidationError({"email": f"{other.name} already uses this email address as an enterprise adviser"})


def _account_for(*, email: str, employer: Employer) -> User | None:
    """The sign-in account of the adviser, if there is exactly one: someone with this email address
    who holds the enterprise adviser role at this employer and is not linked to another adviser."""
    accounts = list(
        User.objects.filter(
            email__iexact=email.strip(),
            role_assignments__role=Role.ENTERPRISE_ADVISER,
            role_assignments__employer=employer,
            enterprise_adviser__isnull=True,
        ).distinct()[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


@transaction.atomic
def adviser_create(
    *, acting_user, employer: Employer, name: str, email: str, area_hub: AreaHub | None, capacity: int = 1,
    is_active: bool = True,
) -> EnterpriseAdviser:
    _check_details(employer=employer, area_hub=area_hub, capacity=capacity, name=name, email=email)
    _check_unique_email(employer=employer, email=email)
    adviser = EnterpriseAdviser.objects.create(
        partnership_id=employer.partnership_id, employer=employer, name=name.strip(), email=email.strip(),
        area_hub=area_hub, capacity=capacity, is_active=is_active, user=_account_for(email=email, employer=employer),
    )
    audit.record(
        actor=acting_user, action=AuditEntry.Action.CREATE, subject=adviser,
        summary=f"Added enterprise adviser {adviser.name} ({employer.name})",
    )
    return adviser


def _describe(value) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "active" if value else "inactive"
    return str(value)


@transaction.atomic
def adviser_update(
    *, acting_user, adviser: EnterpriseAdviser, employer: Employer, name: str, email: str,
    area_hub: AreaHub | None, capacity: int, is_active: bool,
) -> EnterpriseAdviser:
    adviser = EnterpriseAdviser.objects.select_for_update(of=("self",)).select_related("employer", "area_hub").get(pk=adviser.pk)
    _check_details(employer=employer, area_hub=area_hub, capacity=capacity, name=name, email=email)
    if employer.partnership_id != adviser.partnership_id:
        raise ValidationError({"employer": f"{employer.name} is not an employer of this adviser's partnership"})
    _check_unique_email(employer=employer, email=email, exclude_pk=adviser.pk)
    supporting = selectors.current_match_count(adviser)
    if capacity < supporting:
        raise ValidationError({"capacity": ValidationError(
            f"{adviser.name} supports {_schools(supporting)} now, so capacity must be at least {supporting}. "
            "End a match first to lower it.", code="still_matched",
        )})
    if not is_active and adviser.is_active and supporting:
        raise ValidationError({"is_active": ValidationError(
            f"{adviser.name} supports {_schools(supporting)} now. Use ‘Deactivate’ instead, which ends "
            "their matches and records why.", code="still_matched",
        )})
    new = {"employer": employer, "name": name.strip(), "email": email.strip(), "area_hub": area_hub,
           "capacity": capacity, "is_active": is_active}
    labels = {"employer": "employer", "name": "name", "email": "email", "area_hub": "area hub",
              "capacity": "capacity", "is_active": "status"}
    changes = []
    for field, value in new.items():
        old = getattr(adviser, field)
        if old != value:
            changes.append(f"{labels[field]} from {_describe(old)} to {_describe(value)}")
            setattr(adviser, field, value)
    if not changes:
        return adviser
    if adviser.user_id is None:
        adviser.user = _account_for(email=adviser.email, employer=adviser.employer)
    adviser.save()
    audit.record(
        actor=acting_user, action=AuditEntry.Action.UPDATE, subject=adviser,
        summary=f"Changed enterprise adviser {adviser.name}: " + "; ".join(changes),
    )
    return adviser


def _clean_reason(reason: str, *, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: "Enter the reason"})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({field: f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})
    return reason


@transaction.atomic
def adviser_deactivate(*, acting_user, adviser: EnterpriseAdviser, reason: str) -> list[AdviserMatch]:
    """Take an adviser out of the network: their current matches end today with the reason given
    (kept as history) and they are no longer offered as a candidate. Returns the matches ended."""
    reason = _clean_reason(reason)
    adviser = EnterpriseAdviser.objects.select_for_update().get(pk=adviser.pk)
    if not adviser.is_active:
        raise ValidationError(f"{adviser.name} is already inactive", code="already_inactive")
    today = timezone.localdate()
    ended = list(adviser.matches.filter(ended_on__isnull=True).select_related("school"))
    for match in ended:
        _end(acting_user=acting_user, match=match, reason=f"Adviser deactivated: {reason}", ended_on=today)
    adviser.is_active = False
    adviser.save(update_fields=["is_active", "updated_at"])
    summary = f"Deactivated enterprise adviser {adviser.name}: {reason}"
    if ended:
        summary += f" (ended {_schools(len(ended))})"
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=adviser, summary=summary)
    return ended


# Matches -------------------------------------------------------------------------------------
def _current_match(school: School) -> AdviserMatch | None:
    return AdviserMatch.objects.filter(school=school, ended_on__isnull=True).select_related("adviser").first()


def _taken(school: School, match: AdviserMatch | None) -> ValidationError:
    if match is None:
        message = f"{school.name} was matched with another adviser a moment ago. Reload the page to see who."
    else:
        message = (
            f"{school.name} already has an enterprise adviser: {match.adviser.name}, matched on "
            f"{_day(match.started_on)}. End that match before matching another adviser."
        )
    return ValidationError(message, code="school_has_adviser")


@transaction.atomic
def match_create(*, acting_user, school: School, adviser: EnterpriseAdviser) -> AdviserMatch:
    """Match an adviser with a school, storing the ranking's explanation of the choice."""
    # Lock the adviser so two matches cannot both take their last place (PostgreSQL row lock; SQLite
    # runs write transactions one at a time).
    adviser = EnterpriseAdviser.objects.select_for_update(of=("self",)).select_related("employer", "area_hub").get(pk=adviser.pk)
    school = School.objects.select_related("area_hub").get(pk=school.pk)
    if adviser.partnership_id != school.partnership_id:
        raise ValidationError(f"{adviser.name} is not an adviser of {school.name}'s partnership", code="other_partnership")
    if school.status != School.Status.ENGAGED:
        raise ValidationError(
            f"{school.name} has not joined the network (its status is {school.get_status_display().lower()}). "
            "Only engaged schools are matched with an enterprise adviser.",
            code="school_not_engaged",
        )
    if not adviser.is_active:
        raise ValidationError(f"{adviser.name} is no longer an active adviser", code="adviser_inactive")
    current = _current_match(school)
    if current is not None:
        raise _taken(school, current)
    supporting = selectors.current_match_count(adviser)
    if supporting >= adviser.capacity:
        raise ValidationError(
            f"{adviser.name} already supports {supporting} of {_schools(adviser.capacity)}, their capacity. "
            "Choose another adviser, or raise their capacity first.",
            code="no_spare_capacity",
        )
    explanation = ranking.explain(
        selectors.school_info(school), selectors.candidate_of(adviser, supporting),
        selectors.growth_sectors_of(school.partnership_id),
    )
    try:
        with transaction.atomic():
            match = AdviserMatch.objects.create(
                adviser=adviser, school=school, started_on=timezone.localdate(), explanation=explanation,
                matched_by=acting_user if acting_user is not None and acting_user.is_authenticated else None,
            )
    except IntegrityError as error:
        # Another match for the school was saved between our check and our insert.
        raise _taken(school, _current_match(school)) from error
    audit.record(
        actor=acting_user, action=AuditEntry.Action.MATCH, subject=match,
        summary=f"Matched {adviser.name} ({adviser.employer.name}) with {school.name}: {explanation}",
    )
    return match


def _end(*, acting_user, match: AdviserMatch, reason: str, ended_on: date) -> AdviserMatch:
    match.ended_on = ended_on
    match.end_reason = reason[:REASON_MAX_LENGTH]
    match.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit.record(
        actor=acting_user, action=AuditEntry.Action.UPDATE, subject=match,
        summary=f"Ended the match of {match.adviser.name} with {match.school.name}: {reason}",
    )
    return match


@transaction.atomic
def match_end(*, acting_user, match: AdviserMatch, reason: str, ended_on: date | None = None) -> AdviserMatch:
    """End a current match. The match stays, with its end date and reason, as history."""
    reason = _clean_reason(reason)
    match = AdviserMatch.objects.select_for_update(of=("self",)).select_related("adviser", "school").get(pk=match.pk)
    if match.ended_on is not None:
        raise ValidationError(
            f"The match of {match.adviser.name} with {match.school.name} already ended on {_day(match.ended_on)}",
            code="match_already_ended",
        )
    today = timezone.localdate()
    ended_on = ended_on or today
    if ended_on > today:
        raise ValidationError({"ended_on": "The end date must be today or in the past"})
    if ended_on < match.started_on:
        raise ValidationError({"ended_on": f"The end date must be on or after the match started ({_day(match.started_on)})"})
    return _end(acting_user=acting_user, match=match, reason=reason, ended_on=ended_on)
