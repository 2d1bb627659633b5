"""Placement pages: the list, a placement with its safeguarding checklist, each check's page, and
confirming and cancelling.

People who may not see a placement get 404 (placement_selectors); people who see it but may not do
what they ask get 403.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.core.paging import page_of
from careershub.core.permissions import roles, signed_in

from . import placement_forms as forms
from . import placement_selectors as selectors
from . import placement_services as services
from .models import Placement


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def may_act_on(viewer: selectors.Viewer, placement: Placement, step: str) -> bool:
    """Whether this person records anything on this step (while the placement waits for checks)."""
    if placement.status != Placement.Status.AWAITING_CHECKS:
        return False
    if step == "parental-consent":
        return (viewer.is_parent or viewer.is_careers_leader) and services.needs_parental_consent(placement)
    if step == "risk-assessment":
        return viewer.is_host
    if step == "supervisor-check":
        return viewer.is_host or viewer.is_confirmer
    if step == "emergency-contact":
        return viewer.is_parent or viewer.is_careers_leader
    if step == "plan":
        return viewer.is_host or viewer.is_young_person
    return False


def young_person_name(viewer: selectors.Viewer, placement: Placement) -> str:
    young_person = placement.application.young_person
    return selectors.host_name_for(young_person) if viewer.sees_as_host_only else young_person.full_name


def _detail_context(request, placement: Placement, viewer: selectors.Viewer, **extra) -> dict:
    checks = services.checklist(placement, timezone.localdate())
    return {
        "placement": placement,
        "opportunity": placement.application.opportunity,
        "viewer": viewer,
        "young_person_name": young_person_name(viewer, placement),
        "checks": [{"check": c, "may_act": may_act_on(viewer, placement, c.key)} for c in checks],
        "complete": all(c.done for c in checks),
        "awaiting": placement.status == Placement.Status.AWAITING_CHECKS,
        "may_confirm": viewer.is_confirmer and placement.status == Placement.Status.AWAITING_CHECKS,
        "may_cancel": viewer.may_cancel and placement.status in (Placement.Status.AWAITING_CHECKS,
                                                                 Placement.Status.CONFIRMED),
        "supervisor_reason": selectors.supervisor_not_required_reason(placement),
        "consent_needed": services.needs_parental_consent(placement),
        "may_record_attendance": viewer.is_host and placement.status in (Placement.Status.CONFIRMED,
                                                                         Placement.Status.COMPLETED)
        and placement.application.opportunity.starts_on <= timezone.localdate(),
        **extra,
    }


@roles(*selectors.LIST_ROLES)
def placement_list(request):
    form = forms.PlacementFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page, numbers = page_of(request, selectors.placement_list(request.user, status=status))
    today = timezone.localdate()
    rows = []
    for placement in page.object_list:
        viewer = selectors.viewer_of(request.user, placement)
        rows.append({
            "placement": placement,
            "name": young_person_name(viewer, placement),
            "school": None if viewer.sees_as_host_only else placement.application.young_person.school,
            "missing": services.missing_checks(placement, today)
            if placement.status == Placement.Status.AWAITING_CHECKS else [],
        })
    return render(request, "opportunities/placement_list.html", {
        "filter_form": form, "filtered": bool(status), "page_obj": page, "page_numbers": numbers, "rows": rows,
    }, status=400 if form.errors else 200)


@signed_in
def placement_detail(request, pk: int):
    placement = selectors.get_placement_for_user(request.user, pk)
    viewer = selectors.viewer_of(request.user, placement)
    return render(request, "opportunities/placement_detail.html", _detail_context(request, placement, viewer))


@signed_in
@require_POST
def placement_confirm(request, pk: int):
    placement = selectors.get_placement_for_user(request.user, pk)
    viewer = selectors.viewer_of(request.user, placement)
    if not viewer.is_confirmer:
        raise PermissionDenied("Only the young person's careers leader or the hub manager confirms a placement.")
    try:
        services.placement_confirm(acting_user=request.user, placement=placement)
    except ValidationError as error:
        return render(request, "opportunities/placement_detail.html",
                      _detail_context(request, placement, viewer, confirm_errors=error.messages), status=400)
    messages.success(request, "The placement is confirmed. The young person, their parents and carers and the host have been told.")
    return redirect("opportunities:placement_detail", pk=placement.pk)


@signed_in
def placement_cancel(request, pk: int):
    placement = selectors.get_placement_for_user(request.user, pk)
    viewer = selectors.viewer_of(request.user, placement)
    if not viewer.may_cancel:
        raise PermissionDenied("Only the young person's careers leader, the hub manager or the host cancels a placement.")
    form = forms.CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_cancel(acting_user=request.user, placement=placement, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The placement is cancelled. Everyone involved has been told.")
            return redirect("opportunities:placement_detail", pk=placement.pk)
    return render(request, "opportunities/placement_cancel.html", {
        "placement": placement, "form": form, "viewer": viewer, "young_person_name": young_person_name(viewer, placement),
    }, status=400 if form.errors else 200)


# Each check's page --------------------------------------------------------------------------------------
def _forms_for(step: str, viewer: selectors.Viewer, placement: Placement, data=None, action: str = "") -> dict:
    """The forms this person sees on a step's page, keyed by the action each posts. Only the posted
    form is bound."""
    def bound(name):
        return data if action == name else None

    found = {}
    if step == "parental-consent":
        if placement.parental_consent_at is not None:
            pass
        elif viewer.is_parent:
            found["consent"] = forms.ConsentForm(bound("consent"), prefix="consent")
        elif viewer.is_careers_leader:
            found["consent_on_paper"] = forms.ConsentOnPaperForm(bound("consent_on_paper"), prefix="paper")
    elif step == "risk-assessment":
        found["risk"] = forms.RiskAssessmentForm(bound("risk"), prefix="risk",
                                                 initial={"notes": placement.risk_assessment_notes})
    elif step == "supervisor-check":
        if viewer.is_host:
            found["supervisor"] = forms.SupervisorCheckForm(bound("supervisor"), prefix="check", initial={
                "supervisor_name": placement.supervisor_name, "reference": placement.supervisor_check_reference,
                "expires_on": placement.supervisor_check_expires_on,
            })
        if viewer.is_confirmer and placement.supervisor_check_required:
            found["not_required"] = forms.SupervisorNotRequiredForm(bound("not_required"), prefix="waive")
    elif step == "emergency-contact":
        found["emergency"] = forms.EmergencyContactForm(bound("emergency"), prefix="contact", initial={
            "name": placement.emergency_contact_name, "phone": placement.emergency_contact_phone,
        })
    elif step == "plan":
        if viewer.is_host:
            found["plan"] = forms.PlanForm(bound("plan"), prefix="plan", initial={"plan": placement.plan})
    return found


def _save(step_action: str, request, placement: Placement, form) -> str:
    """Record what the form says; returns the message to show."""
    user = request.user
    data = form.cleaned_data if form is not None else {}
    if step_action == "consent":
        services.consent_give(acting_user=user, placement=placement)
        return "Thank you: your consent is recorded."
    if step_action == "consent_on_paper":
        services.consent_give(acting_user=user, placement=placement, on_paper=True)
        return "Consent received on paper is recorded."
    if step_action == "risk":
        services.risk_assessment_confirm(acting_user=user, placement=placement, notes=data["notes"])
        return "The risk assessment is confirmed."
    if step_action == "supervisor":
        services.supervisor_check_record(acting_user=user, placement=placement, supervisor_name=data["supervisor_name"],
                                         reference=data["reference"], expires_on=data["expires_on"])
        return "The supervisor's safeguarding check is recorded."
    if step_action == "not_required":
        services.supervisor_check_not_required(acting_user=user, placement=placement, reason=data["reason"])
        return "You have recorded that the supervisor does not need a safeguarding check."
    if step_action == "required_again":
        services.supervisor_check_required_again(acting_user=user, placement=placement)
        return "The supervisor needs a safeguarding check: the host will record it."
    if step_action == "emergency":
        services.emergency_contact_record(acting_user=user, placement=placement, name=data["name"], phone=data["phone"])
        return "The emergency contact is recorded."
    if step_action == "plan":
        changed = services.plan_update(acting_user=user, placement=placement, plan=data["plan"])
        return ("The plan is changed. You and the young person each need to agree it again." if changed
                else "The plan is unchanged.")
    if step_action == "agree":
        services.plan_agree(acting_user=user, placement=placement)
        return "You have agreed the plan of the days."
    raise Http404("No such action")


@signed_in
def placement_check(request, pk: int, step: str):
    if step not in services.STEPS:
        raise Http404("No such check")
    placement = selectors.get_placement_for_user(request.user, pk)
    viewer = selectors.viewer_of(request.user, placement)
    if not may_act_on(viewer, placement, step):
        if placement.status != Placement.Status.AWAITING_CHECKS:
            messages.info(request, f"The placement is {placement.get_status_display().lower()}: its checks are closed.")
            return redirect("opportunities:placement_detail", pk=placement.pk)
        raise PermissionDenied("You do not record this check.")
    action = request.POST.get("action", "") if request.method == "POST" else ""
    page_forms = _forms_for(step, viewer, placement, request.POST, action)
    if request.method == "POST":
        simple = (step, action) in (("plan", "agree"), ("supervisor-check", "required_again"))
        if not simple and action not in page_forms:
            raise PermissionDenied("You do not record this.")
        form = page_forms.get(action)
        if simple or form.is_valid():
            try:
                message = _save(action, request, placement, form)
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect("opportunities:placement_check", pk=placement.pk, step=step)
                add_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("opportunities:placement_detail", pk=placement.pk)
    check = next(c for c in services.checklist(placement, timezone.localdate()) if c.key == step)
    errors = next((f for f in page_forms.values() if f.errors), None)
    return render(request, "opportunities/placement_check.html", {
        "placement": placement, "opportunity": placement.application.opportunity, "viewer": viewer,
        "step": step, "check": check, "forms": page_forms, "error_form": errors,
        "young_person_name": young_person_name(viewer, placement),
        "supervisor_reason": selectors.supervisor_not_required_reason(placement),
        "agreed_by_me": (placement.plan_agreed_by_host_at if viewer.is_host
                         else placement.plan_agreed_by_young_person_at) if step == "plan" else None,
    }, status=400 if errors else 200)
