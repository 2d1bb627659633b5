from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles
from careershub.network.models import School

from . import selectors, services
from .forms import AdviserFilterForm, AdviserForm, ReasonForm

READERS = (*HUB_STAFF, Role.ANALYST, Role.ADMIN)
PER_PAGE = 50


def _add_errors(form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it is about, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# Advisers ------------------------------------------------------------------------------------
@roles(*READERS)
def adviser_list(request):
    form = AdviserFilterForm(
        request.GET or None,
        area_hubs=selectors.area_hubs_for_filtering(request.user),
        employers=selectors.employers_for_filtering(request.user),
    )
    filters = selectors.AdviserFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.AdviserFilters(
            area_hub_id=getattr(form.cleaned_data["area_hub"], "pk", None),
            employer_id=getattr(form.cleaned_data["employer"], "pk", None),
            matched=form.as_yes_no("matched"), active=form.as_yes_no("active"),
        )
    advisers = selectors.filter_advisers(selectors.advisers_visible_to(request.user), filters)
    page, numbers = page_of(request, advisers, per_page=PER_PAGE)
    return render(request, "advisers/adviser_list.html", {
        "form": form, "page_obj": page, "page_numbers": numbers, "filtered": filters != selectors.AdviserFilters(),
        "can_manage": selectors.can_manage_advisers(request.user),
    })


@roles(*READERS)
def adviser_detail(request, pk: int):
    adviser = selectors.get_adviser_for_user(request.user, pk)
    scope = selectors.management_scope(request.user)
    history = [
        {"match": match, "can_end": match.is_current and scope.covers_school(match.school)}
        for match in selectors.adviser_match_history(adviser)
    ]
    return render(request, "advisers/adviser_detail.html", {
        "adviser": adviser, "history": history, "can_manage": scope.covers_adviser(adviser),
    })


def _adviser_form(request, data=None, initial=None):
    scope = selectors.management_scope(request.user)
    return AdviserForm(
        data, initial=initial,
        employers=selectors.employers_for_advisers(request.user),
        area_hubs=selectors.area_hubs_manageable_by(request.user),
        area_hub_required=not scope.partnership_ids,
    )


@roles(*HUB_STAFF)
def adviser_create(request):
    form = _adviser_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            adviser = services.adviser_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{adviser.name} has been added to the enterprise adviser network")
            return redirect("advisers:detail", pk=adviser.pk)
    return render(request, "advisers/adviser_form.html", {"form": form, "adviser": None}, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def adviser_edit(request, pk: int):
    adviser = selectors.get_adviser_for_manager(request.user, pk)
    initial = {
        "name": adviser.name, "email": adviser.email, "employer": adviser.employer, "area_hub": adviser.area_hub,
        "capacity": adviser.capacity, "is_active": adviser.is_active,
    }
    form = _adviser_form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.adviser_update(acting_user=request.user, adviser=adviser, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']}’s details have been saved")
            return redirect("advisers:detail", pk=adviser.pk)
    return render(request, "advisers/adviser_form.html", {"form": form, "adviser": adviser}, status=400 if form.errors else 200)


@roles(*HUB_STAFF)
def adviser_deactivate(request, pk: int):
    adviser = selectors.get_adviser_for_manager(request.user, pk)
    form = ReasonForm(
        request.POST or None, label="Why is the adviser leaving the network?",
        hint="For example, they have changed jobs. Any current matches end today with this reason.",
        required_message="Enter why the adviser is leaving the network",
    )
    if request.method == "POST" and form.is_valid():
        try:
            ended = services.adviser_deactivate(acting_user=request.user, adviser=adviser, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            note = f" and their {len(ended)} current {'match has' if len(ended) == 1 else 'matches have'} ended" if ended else ""
            messages.success(request, f"{adviser.name} has been deactivated{note}")
            return redirect("advisers:detail", pk=adviser.pk)
    current = [m for m in selectors.adviser_match_history(adviser) if m.is_current]
    return render(request, "advisers/adviser_deactivate.html", {
        "adviser": adviser, "form": form, "current_matches": current,
    }, status=400 if form.errors else 200)


# Schools and matching ------------------------------------------------------------------------
@roles(*HUB_STAFF)
def unmatched_schools(request):
    return render(request, "advisers/unmatched_schools.html", {
        "schools": selectors.schools_without_adviser(request.user),
        "coverage": selectors.adviser_coverage(request.user),
    })


def _school_matching_page(request, school: School, *, error: ValidationError | None = None):
    current = selectors.current_match_of_school(school)
    engaged = school.status == School.Status.ENGAGED
    candidates = selectors.ranked_candidates_for(school) if current is None and engaged else []
    status = 200
    if error is not None:
        status = 409 if services.is_conflict(error) else 400
    return render(request, "advisers/school_matching.html", {
        "school": school, "current": current, "engaged": engaged, "candidates": candidates,
        "history": [m for m in selectors.school_match_history(school) if not m.is_current],
        "errors": error.messages if error is not None else [],
    }, status=status)


@roles(*HUB_STAFF)
def school_matching(request, pk: int):
    """The school's enterprise adviser: the current match, or ranked candidates to match."""
    return _school_matching_page(request, selectors.get_school_for_matching(request.user, pk))


@roles(*HUB_STAFF)
@require_POST
def match_create(request, pk: int, adviser_pk: int):
    school = selectors.get_school_for_matching(request.user, pk)
    adviser = selectors.get_adviser_for_user(request.user, adviser_pk)
    try:
        services.match_create(acting_user=request.user, school=school, adviser=adviser)
    except ValidationError as error:
        return _school_matching_page(request, school, error=error)
    messages.success(request, f"{adviser.name} is now {school.name}’s enterprise adviser")
    return redirect("advisers:school_matching", pk=school.pk)


@roles(*HUB_STAFF)
def match_end(request, pk: int):
    match = selectors.get_match_for_manager(request.user, pk)
    form = ReasonForm(
        request.POST or None, label="Why is the match ending?",
        hint="For example, the adviser has changed jobs or the school has asked for a different adviser.",
        required_message="Enter why the match is ending",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.match_end(acting_user=request.user, match=match, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, f"The match of {match.adviser.name} with {match.school.name} has ended. "
                         "The school can now be matched with another adviser.",
            )
            return redirect("advisers:school_matching", pk=match.school_id)
    return render(request, "advisers/match_end.html", {
        "match": match, "form": form, "back": reverse("advisers:school_matching", args=[match.school_id]),
    }, status=400 if form.errors else 200)


# The enterprise adviser's home ---------------------------------------------------------------
@roles(Role.ENTERPRISE_ADVISER)
def my_schools(request):
    matches = selectors.own_matches(request.user)
    return render(request, "advisers/my_schools.html", {
        "adviser": selectors.own_adviser_record(request.user),
        "current": [m for m in matches if m.is_current],
        "past": [m for m in matches if not m.is_current],
    })
