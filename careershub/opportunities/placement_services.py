"""Safeguarding a placement before it goes ahead, and confirming or cancelling it.

A placement (an accepted place on a kind of opportunity that needs safeguarding) is confirmed only
when every check is complete. ``checklist`` and ``missing_checks`` are the rule, as plain functions
of a placement (with its application, opportunity and young person loaded) and today's date; the
services below record each check by the person responsible for it:

- parental consent, for a young person under 18 when the placement starts: a linked parent on the
  placement page, or the school's careers leader recording consent received on paper;
- the employer's risk assessment: confirmed, with notes, by one of the host employer's contacts;
- the named supervisor's safeguarding check: name, reference and expiry entered by the host (the
  check must still be in date when the placement ends). Only the school's careers leader (or the
  hub manager) may record that no check is needed, with the reason, since that is the school's
  safeguarding decision and not the host's to make about its own staff;
- an emergency contact: entered by a linked parent or the careers leader;
- the plan of the days: written by the host, agreed by both the young person and the host on the
  page; a change to the plan's text clears both agreements.

Every write is audited against the young person's record.
"""
import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careershub.core import audit
from careershub.core.calendar import age_on
from careershub.core.models import AuditEntry
from careershub.core.notify import notify

from . import placement_selectors as selectors
from .models import Placement

REASON_MAX_LENGTH = 200
SUPERVISOR_NOT_REQUIRED = "Supervisor's safeguarding check not required: "


# The rule --------------------------------------------------------------------------------------------
def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def needs_parental_consent(placement: Placement) -> bool:
    """Under 18 on the day the placement starts."""
    opportunity = placement.application.opportunity
    return age_on(placement.application.young_person.date_of_birth, opportunity.starts_on) < 18


@dataclass(frozen=True)
class Check:
    """One item of the safeguarding checklist."""

    key: str        # the step's slug in URLs
    title: str
    status: str     # completed, not_required, incomplete, problem
    detail: str     # what was recorded, or what is wanted, in a sentence
    problem: str    # why the placement cannot be confirmed, or ""

    @property
    def done(self) -> bool:
        return not self.problem

    @property
    def status_label(self) -> str:
        return {"completed": "Completed", "not_required": "Not needed", "incomplete": "Incomplete",
                "problem": "Needs attention"}[self.status]


STEPS = {
    "parental-consent": "Parental consent",
    "risk-assessment": "Employer's risk assessment",
    "supervisor-check": "Supervisor's safeguarding check",
    "emergency-contact": "Emergency contact",
    "plan": "Plan of the days",
}


def _check(key: str, *, completed: bool = False, not_required: bool = False, detail: str = "",
           problem: str = "", incomplete: bool = False) -> Check:
    if problem:
        status = "incomplete" if incomplete else "problem"
    elif not_required:
        status = "not_required"
    else:
        status = "completed"
    return Check(key=key, title=STEPS[key], status=status, detail=detail, problem=problem)


def consent_check(placement: Placement) -> Check:
    if not needs_parental_consent(placement):
        return _check("parental-consent", not_required=True,
                      detail="Not needed: the young person is 18 or over when the placement starts.")
    if placement.parental_consent_at is None:
        return _check("parental-consent", incomplete=True, problem="Parental consent has not been given",
                      detail="A parent or carer gives consent here, or the careers leader records consent received on paper.")
    return _check("parental-consent", completed=True, detail=f"Given on {long_date(timezone.localtime(placement.parental_consent_at).date())}.")


def risk_assessment_check(placement: Placement) -> Check:
    if placement.risk_assessment_at is None:
        return _check("risk-assessment", incomplete=True,
                      problem="The employer has not confirmed its risk assessment",
                      detail="The host employer confirms it has assessed the risks for a young person of this age.")
    return _check("risk-assessment", completed=True,
                  detail=f"Confirmed on {long_date(timezone.localtime(placement.risk_assessment_at).date())}.")


def supervisor_check(placement: Placement, today: datetime.date) -> Check:
    ends_on = placement.application.opportunity.ends_on
    if not placement.supervisor_name.strip():
        return _check("supervisor-check", incomplete=True, problem="The supervisor has not been named",
                      detail="The host names the person who supervises the young person.")
    if not placement.supervisor_check_required:
        return _check("supervisor-check", not_required=True,
                      detail=f"{placement.supervisor_name}: the school recorded that no check is needed.")
    expires_on = placement.supervisor_check_expires_on
    if not placement.supervisor_check_reference.strip() or expires_on is None:
        return _check("supervisor-check", incomplete=True,
                      problem="The supervisor's safeguarding check has not been recorded",
                      detail=f"The host enters {placement.supervisor_name}'s check reference and expiry date.")
    if expires_on < today:
        return _check("supervisor-check",
                      problem=f"The supervisor's safeguarding check expired on {long_date(expires_on)}",
                      detail=f"{placement.supervisor_name}, reference {placement.supervisor_check_reference}.")
    if expires_on < ends_on:
        return _check("supervisor-check",
                      problem=(f"The supervisor's safeguarding check expires on {long_date(expires_on)}, "
                               f"before the placement ends on {long_date(ends_on)}"),
                      detail=f"{placement.supervisor_name}, reference {placement.supervisor_check_reference}.")
    if expires_on == ends_on:
        return _check("supervisor-check",
                      problem=(f"The supervisor's safeguarding check expires on {long_date(expires_on)}, "
                               f"the day the placement ends"),
                      detail=f"{placement.supervisor_name}, reference {placement.supervisor_check_reference}.")
    return _check("supervisor-check", completed=True,
                  detail=(f"{placement.supervisor_name}, reference {placement.supervisor_check_reference}, "
                          f"in date until {long_date(expires_on)}."))


def emergency_contact_check(placement: Placement) -> Check:
    if not placement.emergency_contact_name.strip() or not placement.emergency_contact_phone.strip():
        return _check("emergency-contact", incomplete=True, problem="No emergency contact has been given",
                      detail="A parent or carer, or the careers leader, gives a name and phone number.")
    return _check("emergency-contact", completed=True, detail="Given.")


def plan_check(placement: Placement) -> Check:
    if not placement.plan.strip():
        return _check("plan", incomplete=True, problem="There is no plan of the days",
                      detail="The host writes what the young person will do each day.")
    missing = []
    if placement.plan_agreed_by_young_person_at is None:
        missing.append("the young person")
    if placement.plan_agreed_by_host_at is None:
        missing.append("the employer")
    if missing:
        return _check("plan", incomplete=True,
                      problem=f"The plan of the days has not been agreed by {' or '.join(missing)}",
                      detail="The young person and the host each read the plan and agree it here.")
    return _check("plan", completed=True, detail="Agreed by the young person and the employer.")


def checklist(placement: Placement, today: datetime.date) -> list[Check]:
    """Every safeguarding check with its status, in the order they are shown."""
    return [
        consent_check(placement),
        risk_assessment_check(placement),
        supervisor_check(placement, today),
        emergency_contact_check(placement),
        plan_check(placement),
    ]


def missing_checks(placement: Placement, today: datetime.date) -> list[str]:
    """Why the placement cannot be confirmed yet, one sentence per missing check; empty when it can."""
    return [check.problem for check in checklist(placement, today) if check.problem]


# Recording the checks -----------------------------------------------------------------------------------
def _audit(acting_user, placement: Placement, summary: str, via: str, action=AuditEntry.Action.UPDATE) -> None:
    audit.record(actor=acting_user, action=action, subject=placement,
                 young_person_id=placement.application.young_person_id, summary=summary, via=via)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_open(placement: Placement) -> None:
    if placement.status != Placement.Status.AWAITING_CHECKS:
        raise ValidationError(
            f"The placement is {placement.get_status_display().lower()}: its checks can no longer be changed."
        )


def _locked(placement: Placement) -> Placement:
    """The placement's row, locked for the rest of the transaction, with the fields the rule reads."""
    fresh = Placement.objects.select_for_update().get(pk=placement.pk)
    fresh.application = placement.application
    return fresh


def _store(target: Placement, placement: Placement, fields: list[str]) -> None:
    target.save(update_fields=[*fields, "updated_at"])
    for name in [*fields, "updated_at"]:
        setattr(placement, name, getattr(target, name))


@transaction.atomic
def consent_give(*, acting_user, placement: Placement, on_paper: bool = False, via: str = "web") -> None:
    """A linked parent gives consent; or the careers leader records consent received on paper."""
    viewer = selectors.viewer_of(acting_user, placement)
    if on_paper:
        _require(viewer.is_careers_leader, "Only the school's careers leader records consent received on paper.")
    else:
        _require(viewer.is_parent, "Only a parent or carer linked to the young person gives consent here.")
    target = _locked(placement)
    _require_open(target)
    if not needs_parental_consent(target):
        raise ValidationError("Parental consent is not needed: the young person is 18 or over when the placement starts.")
    if target.parental_consent_at is not None:
        raise ValidationError("Parental consent has already been given.")
    target.parental_consent_by = acting_user
    target.parental_consent_at = timezone.now()
    _store(target, placement, ["parental_consent_by", "parental_consent_at"])
    _audit(acting_user, placement, "Parental consent received on paper, recorded by the school" if on_paper
           else "Parental consent given by a parent or carer", via)


@transaction.atomic
def risk_assessment_confirm(*, acting_user, placement: Placement, notes: str, via: str = "web") -> None:
    _require(selectors.viewer_of(acting_user, placement).is_host, "Only the host employer confirms its risk assessment.")
    if not notes.strip():
        raise ValidationError({"notes": "Say what the risk assessment covers"})
    target = _locked(placement)
    _require_open(target)
    target.risk_assessment_by = acting_user
    target.risk_assessment_at = timezone.now()
    target.risk_assessment_notes = notes.strip()
    _store(target, placement, ["risk_assessment_by", "risk_assessment_at", "risk_assessment_notes"])
    _audit(acting_user, placement, "Risk assessment confirmed by the host employer", via)


@transaction.atomic
def supervisor_check_record(*, acting_user, placement: Placement, supervisor_name: str, reference: str,
                            expires_on: datetime.date, via: str = "web") -> None:
    """The host names the supervisor and records their safeguarding (enhanced DBS) check."""
    _require(selectors.viewer_of(acting_user, placement).is_host,
             "Only the host employer records its supervisor's safeguarding check.")
    problems = {}
    if not supervisor_name.strip():
        problems["supervisor_name"] = "Enter the supervisor's name"
    if not reference.strip():
        problems["reference"] = "Enter the check's reference number"
    if expires_on is None:
        problems["expires_on"] = "Enter the date the check expires"
    if problems:
        raise ValidationError(problems)
    target = _locked(placement)
    _require_open(target)
    target.supervisor_name = supervisor_name.strip()
    target.supervisor_check_required = True
    target.supervisor_check_reference = reference.strip()
    target.supervisor_check_expires_on = expires_on
    _store(target, placement, ["supervisor_name", "supervisor_check_required", "supervisor_check_reference",
                               "supervisor_check_expires_on"])
    _audit(acting_user, placement, f"Supervisor's safeguarding check recorded: {target.supervisor_name}, "
                                   f"expires {long_date(expires_on)}", via)


@transaction.atomic
def supervisor_check_not_required(*, acting_user, placement: Placement, reason: str, via: str = "web") -> None:
    """The school decides the named supervisor needs no safeguarding check, and says why (for example,
    the supervisor is never alone with the young person), kept with the placement and in the audit log."""
    _require(selectors.viewer_of(acting_user, placement).is_confirmer,
             "Only the school's careers leader or the hub manager decides a supervisor's check is not needed.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the supervisor does not need a safeguarding check"})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})
    target = _locked(placement)
    _require_open(target)
    if not target.supervisor_name.strip():
        raise ValidationError("The host has not named the supervisor yet.")
    target.supervisor_check_required = False
    target.supervisor_check_not_required_reason = reason
    target.supervisor_check_reference = ""
    target.supervisor_check_expires_on = None
    _store(target, placement, ["supervisor_check_required", "supervisor_check_not_required_reason",
                               "supervisor_check_reference", "supervisor_check_expires_on"])
    _audit(acting_user, placement, f"{SUPERVISOR_NOT_REQUIRED}{reason}", via)


@transaction.atomic
def supervisor_check_required_again(*, acting_user, placement: Placement, via: str = "web") -> None:
    """Undo a decision that no check is needed: the host then records the check."""
    _require(selectors.viewer_of(acting_user, placement).is_confirmer,
             "Only the school's careers leader or the hub manager changes whether a check is needed.")
    target = _locked(placement)
    _require_open(target)
    target.supervisor_check_required = True
    _store(target, placement, ["supervisor_check_required"])
    _audit(acting_user, placement, "Supervisor's safeguarding check needed after all", via)


@transaction.atomic
def emergency_contact_record(*, acting_user, placement: Placement, name: str, phone: str, via: str = "web") -> None:
    viewer = selectors.viewer_of(acting_user, placement)
    _require(viewer.is_parent or viewer.is_careers_leader,
             "Only a linked parent or carer, or the school's careers leader, gives the emergency contact.")
    problems = {}
    if not name.strip():
        problems["name"] = "Enter the emergency contact's name"
    digits = [c for c in phone if c.isdigit()]
    if not phone.strip():
        problems["phone"] = "Enter the emergency contact's phone number"
    elif len(digits) < 10 or len(digits) > 15 or any(not (c.isdigit() or c in " +()-") for c in phone):
        problems["phone"] = "Enter a phone number, like 01632 960 001 or 07700 900 982"
    if problems:
        raise ValidationError(problems)
    target = _locked(placement)
    _require_open(target)
    target.emergency_contact_name = name.strip()
    target.emergency_contact_phone = phone.strip()
    _store(target, placement, ["emergency_contact_name", "emergency_contact_phone"])
    _audit(acting_user, placement, "Emergency contact given", via)


@transaction.atomic
def plan_update(*, acting_user, placement: Placement, plan: str, via: str = "web") -> bool:
    """The host writes the plan of the days. A change to its text clears both agreements (each must
    read the new plan). Returns whether the text changed."""
    _require(selectors.viewer_of(acting_user, placement).is_host, "Only the host employer changes the plan of the days.")
    plan = plan.strip()
    if not plan:
        raise ValidationError({"plan": "Enter what the young person will do each day"})
    target = _locked(placement)
    _require_open(target)
    if plan == target.plan.strip():
        return False
    target.plan = plan
    target.plan_agreed_by_young_person_at = None
    target.plan_agreed_by_host_at = None
    _store(target, placement, ["plan", "plan_agreed_by_young_person_at", "plan_agreed_by_host_at"])
    _audit(acting_user, placement, "Plan of the days changed by the host; both agreements cleared", via)
    return True


@transaction.atomic
def plan_agree(*, acting_user, placement: Placement, via: str = "web") -> None:
    """The young person, or the host, agrees the plan as it stands."""
    viewer = selectors.viewer_of(acting_user, placement)
    _require(viewer.is_young_person or viewer.is_host, "Only the young person and the host agree the plan of the days.")
    target = _locked(placement)
    _require_open(target)
    if not target.plan.strip():
        raise ValidationError("There is no plan of the days to agree yet.")
    if viewer.is_young_person:
        target.plan_agreed_by_young_person_at = timezone.now()
        field, who = "plan_agreed_by_young_person_at", "the young person"
    else:
        target.plan_agreed_by_host_at = timezone.now()
        field, who = "plan_agreed_by_host_at", "the host employer"
    _store(target, placement, [field])
    _audit(acting_user, placement, f"Plan of the days agreed by {who}", via)


# Confirming and cancelling ------------------------------------------------------------------------------
def _people_to_tell(placement: Placement) -> list:
    young_person = placement.application.young_person
    return [
        *([young_person.user] if young_person.user_id else []),
        *selectors.parents_of(young_person),
        *selectors.host_contacts(placement.application.opportunity),
    ]


@transaction.atomic
def placement_confirm(*, acting_user, placement: Placement, today: datetime.date | None = None,
                      via: str = "web") -> None:
    """Confirm the placement: only by the young person's careers leader or the hub manager, and only
    with every check complete (else ValidationError listing what is missing). Tells the young person,
    their parents and the host."""
    _require(selectors.viewer_of(acting_user, placement).is_confirmer,
             "Only the young person's careers leader or the hub manager confirms a placement.")
    target = _locked(placement)
    _require_open(target)
    missing = missing_checks(target, today or timezone.localdate())
    if missing:
        raise ValidationError(missing)
    target.status = Placement.Status.CONFIRMED
    target.confirmed_at = timezone.now()
    target.confirmed_by = acting_user
    _store(target, placement, ["status", "confirmed_at", "confirmed_by"])
    opportunity = placement.application.opportunity
    _audit(acting_user, placement, f"Placement confirmed: {opportunity.title}", via)
    notify(
        _people_to_tell(placement),
        subject=f"Placement confirmed: {opportunity.title}",
        body=(f"Every safeguarding check is complete and the placement at {opportunity.host} is confirmed. "
              f"It runs from {long_date(opportunity.starts_on)} to {long_date(opportunity.ends_on)}."),
        url=reverse("opportunities:placement_detail", args=[placement.pk]),
    )


@transaction.atomic
def placement_cancel(*, acting_user, placement: Placement, reason: str, via: str = "web") -> None:
    """Cancel the placement with a reason: by the careers leader, the hub manager or the host. Tells
    the young person, their parents and the host."""
    _require(selectors.viewer_of(acting_user, placement).may_cancel,
             "Only the young person's careers leader, the hub manager or the host cancels a placement.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the placement is cancelled"})
    target = _locked(placement)
    if target.status in (Placement.Status.CANCELLED, Placement.Status.COMPLETED):
        raise ValidationError(f"The placement is {target.get_status_display().lower()}: it cannot be cancelled.")
    target.status = Placement.Status.CANCELLED
    target.cancelled_reason = reason
    _store(target, placement, ["status", "cancelled_reason"])
    opportunity = placement.application.opportunity
    _audit(acting_user, placement, f"Placement cancelled: {reason}", via)
    notify(
        [u for u in _people_to_tell(placement) if u.pk != acting_user.pk],
        subject=f"Placement cancelled: {opportunity.title}",
        body=f"The placement at {opportunity.host} has been cancelled. The reason given: {reason}",
        url=reverse("opportunities:placement_detail", args=[placement.pk]),
    )


def placement_attended(placement: Placement, attended: bool) -> bool:
    """Called by attendance, inside its transaction: an attended confirmed placement is completed, and
    one whose attendance is taken back returns to confirmed. Returns whether the status changed."""
    if attended and placement.status == Placement.Status.CONFIRMED:
        placement.status = Placement.Status.COMPLETED
    elif not attended and placement.status == Placement.Status.COMPLETED:
        placement.status = Placement.Status.CONFIRMED
    else:
        return False
    placement.save(update_fields=["status", "updated_at"])
    return True
