"""Applying for an opportunity, following applications, and the host's decisions and messages.

Applying takes three screens from the opportunity's page: the application (why, when, what to
share), "Check your answers", and the confirmation. The draft is kept in the session between the
first two, so nothing needs JavaScript. Who may see an application is decided by
application_selectors (404 for everyone else); the host sees only what the young person shared.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles, signed_in
from careershub.young_people import services as record_services

from . import application_selectors as selectors
from . import application_services as services
from .application_forms import (
    ApplicantFilterForm,
    ApplicationForm,
    DecisionForm,
    MessageForm,
    SchoolApplicationFilterForm,
    WithdrawForm,
    decision_choices,
)
from .models import Application, Placement
from .selectors import get_opportunity_for_host, get_opportunity_for_user

DRAFT_KEY = "application_draft_{pk}"
SHARE_HINTS = {
    Application.Share.SCHOOL: "The name of your school or college: {school}.",
    Application.Share.YEAR_GROUP: "Your year group: {year_group}.",
    Application.Share.ENCOUNTERS: "The name and date of each activity on your Careers Hub record. {encounters}",
    Application.Share.SKILLS: "Skills your school or an employer has endorsed. You have none recorded yet, so the "
                              "employer will see ‘Nothing recorded yet’.",
    Application.Share.CAREER_INTERESTS: "The careers you have said you are interested in. You have none recorded yet, "
                                        "so the employer will see ‘Nothing recorded yet’.",
}


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# Applying ---------------------------------------------------------------------------------------
def _refusal(request, opportunity, young_person):
    """The page saying why the young person cannot apply, or None when they can."""
    if young_person is None:
        reason, existing = "Your account is not linked to a record at a school or college yet. Ask your careers leader.", None
    else:
        existing = selectors.application_of(young_person, opportunity)
        reason = (services.existing_application_refusal(existing) or services.why_not_open(opportunity)
                  or services.why_not_eligible(opportunity, young_person))
    if not reason:
        return None
    if existing is not None and existing.status == Application.Status.WITHDRAWN and not \
            services.existing_application_refusal(existing):
        existing = None  # they may apply again once the opportunity is open; no link to the old one
    return render(request, "opportunities/application_refused.html",
                  {"opportunity": opportunity, "reason": reason, "existing": existing})


def _share_options(form, young_person, encounter_count: int) -> list[dict]:
    chosen = set(form["shared"].value() or [])
    encounters = (f"You have {encounter_count} so far." if encounter_count
                  else "You have none recorded yet, so the employer will see ‘Nothing recorded yet’.")
    values = {"school": young_person.school.name, "year_group": selectors.year_group_label(young_person.year_group),
              "encounters": encounters}
    return [
        {"value": value, "label": label, "id": f"id_shared_{index}", "checked": value in chosen,
         "hint": SHARE_HINTS[value].format(**values)}
        for index, (value, label) in enumerate(Application.Share.choices)
    ]


@roles(Role.YOUNG_PERSON)
def apply(request, pk: int):
    """Step 1: why they are interested, dates they cannot do, and what to share."""
    opportunity = get_opportunity_for_user(request.user, pk)
    young_person = selectors.young_person_of(request.user)
    refused = _refusal(request, opportunity, young_person)
    if refused:
        return refused
    key = DRAFT_KEY.format(pk=opportunity.pk)
    host_name = str(opportunity.host)
    if request.method == "POST":
        form = ApplicationForm(request.POST, host_name=host_name)
        if form.is_valid():
            request.session[key] = {
                "interest": form.cleaned_data["interest"].strip(),
                "availability": form.cleaned_data["availability"].strip(),
                "shared": services.clean_shared(form.cleaned_data["shared"]),
            }
            return redirect("opportunities:apply_check", pk=opportunity.pk)
    else:
        form = ApplicationForm(initial=request.session.get(key) or {"shared": ["school", "year_group"]},
                               host_name=host_name)
    encounter_count = young_person.encounters.count()
    return render(request, "opportunities/application_form.html", {
        "opportunity": opportunity, "form": form, "young_person": young_person,
        "share_options": _share_options(form, young_person, encounter_count),
    }, status=400 if form.errors else 200)


@roles(Role.YOUNG_PERSON)
def apply_check(request, pk: int):
    """Step 2: check your answers, then send the application."""
    opportunity = get_opportunity_for_user(request.user, pk)
    young_person = selectors.young_person_of(request.user)
    refused = _refusal(request, opportunity, young_person)
    if refused:
        return refused
    key = DRAFT_KEY.format(pk=opportunity.pk)
    draft = request.session.get(key)
    if not draft:
        return redirect("opportunities:apply", pk=opportunity.pk)
    problem = ""
    if request.method == "POST":
        try:
            application = services.application_submit(
                acting_user=request.user, opportunity=opportunity, young_person=young_person,
                interest=draft["interest"], availability=draft["availability"], shared=draft["shared"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                # Something in the draft is not right: back to the form, which says what.
                return redirect("opportunities:apply", pk=opportunity.pk)
            problem = " ".join(error.messages)
        else:
            request.session.pop(key, None)
            return redirect("opportunities:application_submitted", pk=application.pk)
    return render(request, "opportunities/application_check.html", {
        "opportunity": opportunity, "draft": draft, "problem": problem,
        "shared_parts": selectors.shared_parts(young_person, draft["shared"]),
        "share_labels": [label for value, label in Application.Share.choices if value not in draft["shared"]],
    }, status=400 if problem else 200)


@roles(Role.YOUNG_PERSON)
def application_submitted(request, pk: int):
    """Step 3: the confirmation, and what happens next."""
    application = selectors.get_own_application(request.user, pk)
    return render(request, "opportunities/application_submitted.html", {
        "application": application, "opportunity": application.opportunity,
    })


# Following applications -------------------------------------------------------------------------
@roles(Role.YOUNG_PERSON, Role.PARENT_CARER)
def my_applications(request):
    user = request.user
    own = list(selectors.own_applications(user)) if user.has_role(Role.YOUNG_PERSON) else None
    children = selectors.children_applications(user) if user.has_role(Role.PARENT_CARER) else None
    return render(request, "opportunities/my_applications.html", {
        "own": own, "children": children, "meanings": selectors.STATUS_MEANINGS,
    })


def _detail(request, application, *, decision_form=None, message_form=None, status=200):
    user = request.user
    opportunity = application.opportunity
    sees_record = selectors.sees_applicant_record(user, application)
    is_host = services.is_host_of(user, opportunity)
    host_view = is_host and not sees_record
    thread = selectors.messages_of(application)
    labels = selectors.author_labels(application, thread, host_view=host_view)
    choices = decision_choices(application) if is_host else []
    if is_host and choices and decision_form is None:
        decision_form = DecisionForm(choices=choices)
    may_message = services.may_message(user, application) and application.status != Application.Status.WITHDRAWN
    if may_message and message_form is None:
        message_form = MessageForm()
    placement = Placement.objects.filter(application=application).first()
    taken = selectors.accepted_count(opportunity) if is_host else None
    is_self = application.young_person.user_id == user.pk
    if is_host:
        back_url = reverse("opportunities:applicants", args=[opportunity.pk])
    elif is_self or services.is_parent_of(user, application.young_person):
        back_url = reverse("opportunities:my_applications")
    elif services.is_school_staff_of(user, application.young_person):
        back_url = reverse("opportunities:school_applications")
    else:
        back_url = ""
    return render(request, "opportunities/application_detail.html", {
        "application": application, "opportunity": opportunity, "host_view": host_view, "is_host": is_host,
        "is_self": is_self, "young_person": None if host_view else application.young_person,
        "applicant": selectors.as_host_sees(application) if host_view else None,
        "shared_parts": selectors.shared_parts(application.young_person, application.shared),
        "thread": [(m, labels.get(m.author_id, "Someone who has left Careers Hub")) for m in thread],
        "decision_form": decision_form if choices else None, "message_form": message_form if may_message else None,
        "may_withdraw": is_self and application.status in Application.ACTIVE,
        "placement": placement, "taken": taken, "left": None if taken is None else max(opportunity.capacity - taken, 0),
        "meaning": selectors.STATUS_MEANINGS[application.status], "back_url": back_url,
    }, status=status)


@signed_in
def application_detail(request, pk: int):
    application = selectors.get_application_for_user(request.user, pk)
    services.application_viewed(acting_user=request.user, application=application)
    return _detail(request, application)


@roles(Role.YOUNG_PERSON)
def application_withdraw(request, pk: int):
    application = selectors.get_own_application(request.user, pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    problem = ""
    if application.status not in Application.ACTIVE:
        problem = f"This application cannot be withdrawn: it is {application.get_status_display().lower()}."
    elif request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(acting_user=request.user, application=application,
                                          reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"You have withdrawn your application for {application.opportunity.title}")
            return redirect("opportunities:application_detail", pk=application.pk)
    return render(request, "opportunities/application_withdraw.html", {
        "application": application, "opportunity": application.opportunity, "form": form,
        "has_place": application.status == Application.Status.ACCEPTED, "problem": problem,
    }, status=400 if form.errors or (problem and request.method == "POST") else 200)


@roles(Role.EMPLOYER_CONTACT)
def application_decide(request, pk: int):
    """The host's decision: shortlist, accept or decline with a reason. Refusals (a reason missing,
    every place taken) show the form again with the problem."""
    application = selectors.get_application_for_host(request.user, pk)
    choices = decision_choices(application)
    form = DecisionForm(request.POST if request.method == "POST" else None, choices=choices)
    if not choices:
        form.add_error(None, f"There is no decision to make: this application is "
                             f"{application.get_status_display().lower()}.")
    elif request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.application_decide(acting_user=request.user, application=application, decision=decision,
                                        reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            name = services.short_name(application.young_person)
            done = {"shortlist": f"You have shortlisted {name}", "accept": f"You have given {name} a place",
                    "decline": f"You have declined {name}’s application"}[decision]
            messages.success(request, done)
            return redirect("opportunities:application_detail", pk=application.pk)
    opportunity = application.opportunity
    taken = selectors.accepted_count(opportunity)
    return render(request, "opportunities/application_decide.html", {
        "application": application, "opportunity": opportunity, "form": form,
        "applicant": selectors.as_host_sees(application), "has_choices": bool(choices),
        "taken": taken, "left": max(opportunity.capacity - taken, 0),
    }, status=400 if form.errors else 200)


@signed_in
@require_POST
def message_send(request, pk: int):
    application = selectors.get_application_for_user(request.user, pk)
    if not services.may_message(request.user, application):
        raise PermissionDenied("Only the host and the young person's side send messages about an application.")
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(acting_user=request.user, application=application, body=form.cleaned_data["body"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your message has been sent")
            return redirect(reverse("opportunities:application_detail", args=[application.pk]) + "#messages")
    return _detail(request, application, message_form=form, status=400)


# Lists for hosts and schools --------------------------------------------------------------------
@roles(Role.EMPLOYER_CONTACT)
def applicants(request, pk: int):
    """The host's applicants for one of its opportunities, by status, with the places taken and left."""
    opportunity = get_opportunity_for_host(request.user, pk)
    form = ApplicantFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_bound and form.is_valid() else ""
    counts = selectors.status_counts(opportunity)
    taken = counts[Application.Status.ACCEPTED]
    rows = [
        {"application": a, "name": services.short_name(a.young_person),
         "parts": selectors.shared_parts(a.young_person, [s for s in a.shared if s in ("school", "year_group")])}
        for a in selectors.applications_for_host(opportunity, status=status)
    ]
    return render(request, "opportunities/applicants_list.html", {
        "opportunity": opportunity, "form": form, "rows": rows, "status": status,
        "counts": [(value, label, counts[value]) for value, label in Application.Status.choices],
        "total": sum(counts.values()), "taken": taken, "left": max(opportunity.capacity - taken, 0),
        "status_label": dict(Application.Status.choices).get(status, ""),
    }, status=400 if form.errors else 200)


@roles(*selectors.SCHOOL_LIST_ROLES)
def school_applications(request):
    """Careers staff: who at their school applied where, and how it is going."""
    form = SchoolApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    status, year_group = filters.get("status") or "", filters.get("year_group")
    page_obj, page_numbers = page_of(
        request, selectors.school_applications(request.user, status=status, year_group=year_group))
    described = ", ".join(filter(None, [
        f"status {status}" if status else "", f"year {year_group}" if year_group else "", f"page {page_obj.number}",
    ]))
    record_services.list_viewed(acting_user=request.user, description=f"school applications: {described}",
                                shown=len(page_obj.object_list))
    return render(request, "opportunities/school_applications.html", {
        "form": form, "page_obj": page_obj, "page_numbers": page_numbers,
        "filtered": bool(status or year_group), "show_school": selectors.schools_of(request.user) > 1,
    }, status=400 if form.errors else 200)
