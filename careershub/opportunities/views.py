"""The menu of opportunities: searching it, an opportunity's page, an employer's own opportunities,
drafting, changing, submitting and withdrawing them, and the hub's review.

Who sees what is in selectors: the menu (approved opportunities) for everyone in the partnership;
drafts, submitted and returned ones only for the host employer's contacts and hub staff (others get
404). People who see an opportunity but may not change it get 403.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import selectors, services
from .forms import MenuFilterForm, OpportunityForm, ReviewForm, WithdrawForm, benchmarks_of
from .kinds import Kind, rules_for
from .models import Application, Opportunity

MENU_PER_PAGE = 20


def _link(name: str, *args) -> str:
    """The URL of a page another part of the product provides, or "" while it does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _problem_list(problems: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(field, message) pairs in the order the form asks for the fields."""
    order = [name for _, names in OpportunityForm.FIELDSETS for name in names]
    return [(name, message) for name in sorted(problems, key=lambda n: order.index(n) if n in order else 99)
            for message in problems[name]]


def _for_managing(request, pk: int) -> Opportunity:
    opportunity = selectors.get_opportunity_for_user(request.user, pk)
    if not selectors.may_manage(request.user, opportunity):
        raise PermissionDenied("Only the host's contacts and hub staff change this opportunity.")
    return opportunity


# The menu ----------------------------------------------------------------------------------------
@roles(*selectors.MENU_READERS)
def menu(request):
    """Approved opportunities, searched and filtered. A young person sees those open to their year group
    unless they widen it, and travel distances from their own school; staff choose a school."""
    user = request.user
    young_person = selectors.own_young_person(user)
    own_school = young_person.school if young_person is not None else None
    data = request.GET.copy()
    year_default = None
    if young_person is not None and "year_group" not in data:
        year_default = young_person.year_group
        data["year_group"] = str(year_default)
    schools = None
    if own_school is None:
        schools = selectors.schools_for_distance(user)
        if not schools.exists():
            schools = None
    form = MenuFilterForm(data, schools=schools, own_school=own_school)
    form.is_valid()
    filters = form.filters()
    distances = None
    within = form.cleaned_data.get("within") if "within" not in form.errors else None
    origin = form.cleaned_data.get("origin")
    if within and origin is not None and not form.errors:
        distances = selectors.located_near(selectors.menu_base(user), origin, within)
        filters["near_ids"] = distances.keys()
    opportunities = selectors.filter_menu(selectors.menu_for(user), **filters)
    page, numbers = page_of(request, opportunities, per_page=MENU_PER_PAGE)
    rows = [{"opportunity": o, "places_left": selectors.places_left(o), "benchmarks": o.benchmarks,
             "miles": distances.get(o.pk) if distances is not None else None} for o in page.object_list]
    chosen = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "opportunities/menu_list.html", {
        "filter_form": form, "page_obj": page, "page_numbers": numbers, "rows": rows,
        "filtered": bool(chosen), "young_person": young_person, "year_default": year_default,
        "year_shown": form.cleaned_data.get("year_group") if "year_group" not in form.errors else None,
        "may_create": user.has_any_role(selectors.CREATORS), "today": timezone.localdate(),
    }, status=400 if form.errors else 200)


# One opportunity ---------------------------------------------------------------------------------------
def _young_person_action(opportunity: Opportunity, young_person, places_left: int) -> dict:
    """What a young person may do here: apply, read how places are given, or why they cannot."""
    today = timezone.localdate()
    action = {"kind": "", "reason": ""}
    in_range = opportunity.year_group_from <= young_person.year_group <= opportunity.year_group_to
    closes = opportunity.applications_close_on
    open_now = (opportunity.status == Opportunity.Status.APPROVED and opportunity.starts_on > today
                and (closes is None or closes >= today))
    application = Application.objects.filter(opportunity=opportunity, young_person=young_person).first()
    how = opportunity.how_places_are_given
    if application is not None:
        action.update(kind="applied", application=application)
    elif not in_range:
        year = young_person.year_group
        yours = "post-school" if year == 14 else f"year {year}"
        action.update(kind="closed", reason=f"It is for {opportunity.year_groups_label.lower()}, and you are in {yours}.")
    elif how == Opportunity.HowPlacesAreGiven.ALLOCATION:
        action.update(kind="allocation", url=_link("allocation:round_list"))
    elif how == Opportunity.HowPlacesAreGiven.WHOLE_GROUP:
        action.update(kind="whole_group")
    elif not open_now:
        action.update(kind="closed", reason="Applications have closed.")
    elif places_left <= 0:
        action.update(kind="closed", reason="Every place has been given.")
    else:
        action.update(kind="apply", url=_link("opportunities:apply", opportunity.pk))
    return action


@roles(*selectors.MENU_READERS)
def detail(request, pk: int):
    user = request.user
    opportunity = get_object_or_404(selectors.with_places(selectors.opportunities_visible_to(user)), pk=pk)
    places_left = selectors.places_left(opportunity)
    young_person = selectors.own_young_person(user)
    manage = selectors.may_manage(user, opportunity)
    context = {
        "opportunity": opportunity, "places_left": places_left, "benchmarks": benchmarks_of(opportunity.benchmarks),
        "manage": manage, "today": timezone.localdate(),
        "young_person_action": _young_person_action(opportunity, young_person, places_left) if young_person else None,
        "allocation_url": _link("allocation:round_list"),
    }
    if manage:
        status = opportunity.status
        context.update(
            decisions=list(selectors.decisions_of(opportunity)),
            may_edit=status in services.EDITABLE_STATUSES,
            may_submit=status in (Opportunity.Status.DRAFT, Opportunity.Status.RETURNED),
            may_withdraw=status != Opportunity.Status.WITHDRAWN,
            may_review=status == Opportunity.Status.SUBMITTED and selectors.is_reviewer_of(user, opportunity),
            problems=_problem_list(services.submission_problems(opportunity))
            if status in (Opportunity.Status.DRAFT, Opportunity.Status.RETURNED) else [],
            applicants_url=_link("opportunities:applicants", opportunity.pk),
            attendance_url=_link("opportunities:attendance", opportunity.pk),
        )
    return render(request, "opportunities/opportunity_detail.html", context)


# An employer's own opportunities ------------------------------------------------------------------------
@roles(Role.EMPLOYER_CONTACT)
def hosted(request):
    page, numbers = page_of(request, selectors.hosted_by(request.user))
    rows = [{"opportunity": o, "places_left": selectors.places_left(o)} for o in page.object_list]
    return render(request, "opportunities/hosted_list.html", {
        "page_obj": page, "page_numbers": numbers, "rows": rows,
    })


# Drafting and changing ---------------------------------------------------------------------------------
def _fixed_host(user):
    """The one employer an employer contact (not hub staff) creates for, or None when they choose."""
    if selectors.reviewing_partnership_ids(user):
        return None
    employers, providers = selectors.hosts_for(user)
    employers = list(employers)
    return employers[0] if len(employers) == 1 and not providers.exists() else None


@roles(*selectors.CREATORS)
def create(request):
    """Draft an opportunity. ``?kind=work_taster`` picks the kind and ticks its usual benchmarks."""
    user = request.user
    host = _fixed_host(user)
    hosts = None
    if host is None:
        employers, providers = selectors.hosts_for(user)
        hosts = (list(employers), list(providers))
        if not hosts[0] and not hosts[1]:
            raise PermissionDenied("There is no employer or provider you can create opportunities for.")
    initial = {"how_places_are_given": Opportunity.HowPlacesAreGiven.APPLICATION}
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        initial.update(kind=kind, benchmarks=list(rules_for(kind).benchmarks))
    if hosts is not None and request.GET.get("host"):
        initial["host"] = request.GET["host"]
    form = OpportunityForm(request.POST if request.method == "POST" else None, initial=initial, hosts=hosts)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                acting_user=user, host=form.cleaned_data["host"] if hosts is not None else host, **form.details(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Your draft ‘{opportunity.title}’ has been saved. Check it, then submit it "
                                      "for approval")
            return redirect(opportunity.get_absolute_url())
    return render(request, "opportunities/opportunity_form.html", {
        "form": form, "title": "Create an opportunity", "button": "Save as a draft", "opportunity": None,
        "host": host,
    }, status=400 if form.errors else 200)


@roles(*selectors.CREATORS)
def edit(request, pk: int):
    user = request.user
    opportunity = _for_managing(request, pk)
    if opportunity.status not in services.EDITABLE_STATUSES:
        messages.error(request, f"‘{opportunity.title}’ is {opportunity.get_status_display().lower()}, so it "
                                "cannot be changed")
        return redirect(opportunity.get_absolute_url())
    form = OpportunityForm(request.POST if request.method == "POST" else None,
                           initial=OpportunityForm.initial_for(opportunity))
    if request.method == "POST" and form.is_valid():
        was = opportunity.status
        try:
            opportunity = services.opportunity_update(acting_user=user, opportunity=opportunity, **form.details())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if was == Opportunity.Status.APPROVED and opportunity.status == Opportunity.Status.SUBMITTED:
                messages.success(request, "Your changes have been saved. Because they change what young people "
                                          "signed up for, the opportunity is off the menu until the hub approves it again")
            else:
                messages.success(request, "Your changes have been saved")
            return redirect(opportunity.get_absolute_url())
    return render(request, "opportunities/opportunity_form.html", {
        "form": form, "title": "Change the opportunity", "button": "Save changes", "opportunity": opportunity,
        "host": opportunity.host, "minor_fields": [services.FIELD_LABELS[n] for n in sorted(services.MINOR_FIELDS)],
    }, status=400 if form.errors else 200)


@roles(*selectors.CREATORS)
def submit(request, pk: int):
    """Check the details and submit them for approval (the check on GET, the submission on POST)."""
    user = request.user
    opportunity = get_object_or_404(selectors.with_places(selectors.opportunities_visible_to(user)), pk=pk)
    if not selectors.may_manage(user, opportunity):
        raise PermissionDenied("Only the host's contacts and hub staff submit this opportunity.")
    problems = services.submission_problems(opportunity)
    error = ""
    if request.method == "POST":
        try:
            services.opportunity_submit(acting_user=user, opportunity=opportunity)
        except ValidationError as refused:
            if hasattr(refused, "error_dict"):
                problems = refused.message_dict
            else:
                error = " ".join(refused.messages)
        else:
            messages.success(request, f"‘{opportunity.title}’ has been submitted. The hub will approve it or "
                                      "return it with what to change")
            return redirect(opportunity.get_absolute_url())
    submittable = opportunity.status in (Opportunity.Status.DRAFT, Opportunity.Status.RETURNED)
    return render(request, "opportunities/opportunity_submit.html", {
        "opportunity": opportunity, "problems": _problem_list(problems), "error": error, "submittable": submittable,
        "places_left": selectors.places_left(opportunity), "benchmarks": benchmarks_of(opportunity.benchmarks),
    }, status=400 if request.method == "POST" else 200)


@roles(*selectors.CREATORS)
def withdraw(request, pk: int):
    user = request.user
    opportunity = _for_managing(request, pk)
    if opportunity.status == Opportunity.Status.WITHDRAWN:
        messages.error(request, f"‘{opportunity.title}’ has already been withdrawn")
        return redirect(opportunity.get_absolute_url())
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_withdraw(acting_user=user, opportunity=opportunity, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"‘{opportunity.title}’ has been withdrawn")
            return redirect(opportunity.get_absolute_url())
    live = opportunity.applications.filter(status__in=Application.ACTIVE).count()
    return render(request, "opportunities/opportunity_withdraw.html", {
        "form": form, "opportunity": opportunity, "live_applications": live,
    }, status=400 if form.errors else 200)


# The hub's review -----------------------------------------------------------------------------------
@roles(*selectors.REVIEWER_ROLES)
def review_queue(request):
    page, numbers = page_of(request, selectors.review_queue_for(request.user))
    now = timezone.now()
    rows = [{"opportunity": o, "days": (now - o.submitted_at).days if o.submitted_at else 0}
            for o in page.object_list]
    return render(request, "opportunities/review_queue.html", {"page_obj": page, "page_numbers": numbers, "rows": rows})


@roles(*selectors.REVIEWER_ROLES)
def review(request, pk: int):
    user = request.user
    opportunity = get_object_or_404(selectors.with_places(selectors.opportunities_visible_to(user)), pk=pk)
    if not selectors.is_reviewer_of(user, opportunity):
        raise PermissionDenied("Only the partnership's hub manager and enterprise coordinators review opportunities.")
    waiting = opportunity.status == Opportunity.Status.SUBMITTED
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == "approve":
                services.opportunity_approve(acting_user=user, opportunity=opportunity)
            else:
                services.opportunity_return(acting_user=user, opportunity=opportunity,
                                            reason=form.cleaned_data["reason"])
        except ValidationError as error:
            if hasattr(error, "error_dict") and "reason" not in error.message_dict:
                form.add_error(None, [f"It cannot be approved: {m}" for _, m in _problem_list(error.message_dict)])
            else:
                _add_errors(form, error)
        else:
            messages.success(request, f"‘{opportunity.title}’ has been "
                                      f"{'approved and is on the menu' if decision == 'approve' else 'returned to the host'}")
            return redirect("opportunities:review_queue")
    return render(request, "opportunities/review_form.html", {
        "form": form, "opportunity": opportunity, "waiting": waiting, "decisions": list(selectors.decisions_of(opportunity)),
        "places_left": selectors.places_left(opportunity), "benchmarks": benchmarks_of(opportunity.benchmarks),
        "problems": _problem_list(services.submission_problems(opportunity)) if waiting else [],
    }, status=400 if form.errors else 200)
