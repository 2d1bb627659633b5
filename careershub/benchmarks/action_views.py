"""The benchmark action plans: the list of actions, an action with its progress notes, raising and
changing hub actions and schools' own actions, and reporting progress.

Who sees and does what is in selectors; people who may not see an action get 404, people who see it
but may not change it get 403.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careershub.accounts.roles import HUB_STAFF
from careershub.core.paging import page_of
from careershub.core.permissions import roles

from . import action_rules, selectors, services
from .forms import ActionFilterForm, HubActionForm, ProgressForm, SchoolActionForm
from .models import Action


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _names(partnership) -> dict[int, str]:
    version = selectors.version_for(partnership) if partnership else None
    return selectors.benchmark_names().get(version.pk, {}) if version else {}


def _hub_form(request, partnership, *, data=None, initial=None, schools_extra=(), action=None) -> HubActionForm:
    """The hub action form. The schools offered are the engaged schools the person works with, and any
    already chosen: those chosen first, then by area hub and name."""
    chosen = [*(initial or {}).get("schools", []), *schools_extra]
    schools = selectors.schools_for_actions_form(request.user, chosen)
    return HubActionForm(
        data, initial=initial, names=_names(partnership), employers=selectors.cornerstone_employers(partnership),
        staff=selectors.hub_staff(partnership), schools=schools, action=action,
    )


# The list --------------------------------------------------------------------------------------
@roles(*selectors.ACTION_READERS)
def action_list(request):
    user = request.user
    partnership = selectors.partnership_for_scores(user)
    form = ActionFilterForm(request.GET or None, names=_names(partnership))
    filters = form.filters()
    actions = selectors.in_plan_order(selectors.filter_actions(selectors.actions_visible_to(user), **filters))
    page, numbers = page_of(request, actions)
    return render(request, "benchmarks/action_list.html", {
        "filter_form": form, "filtered": any(filters.values()), "page_obj": page, "page_numbers": numbers,
        "actions": page.object_list, "summary": selectors.action_summary(user),
        "may_create": selectors.may_create_hub_action(user), "today": timezone.localdate(),
    }, status=400 if form.errors else 200)


# Raising and changing actions -------------------------------------------------------------------
def _ints(values) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@roles(*HUB_STAFF)
def action_create(request):
    """Raise a hub action. ``?benchmark=6&school=1&school=2`` fills the form in (from the gap analysis)."""
    user = request.user
    partnership = selectors.action_partnership(user)
    initial = {}
    if request.method == "GET":
        benchmark = request.GET.get("benchmark", "")
        if benchmark.isdigit():
            initial["benchmark_number"] = int(benchmark)
        initial["schools"] = _ints(request.GET.getlist("school"))
    form = _hub_form(request, partnership, data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(
                acting_user=user, partnership=partnership, title=data["title"], description=data["description"],
                benchmark_number=data["benchmark_number"], owner=data["owner"], due_on=data["due_on"],
                schools=data["schools"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"You have raised the action ‘{action.title}’")
            return redirect(action.get_absolute_url())
    return render(request, "benchmarks/action_form.html", {
        "form": form, "title": "Raise a hub action", "button": "Raise the action", "action": None,
    }, status=400 if form.errors else 200)


@roles(*selectors.SCHOOL_ACTION_MANAGERS)
def school_action_create(request, pk: int):
    """Raise one of the school's own actions, against one of its gaps."""
    user = request.user
    school = selectors.get_school_for_scores(user, pk)
    if not selectors.may_create_school_action(user, school):
        raise PermissionDenied("Only the school's careers leader, its coordinator or the hub manager raise its actions.")
    numbers = selectors.school_gaps(school)
    initial = {}
    benchmark = request.GET.get("benchmark", "")
    if benchmark.isdigit() and int(benchmark) in numbers:
        initial["benchmark_number"] = int(benchmark)
    form = SchoolActionForm(request.POST if request.method == "POST" else None, initial=initial,
                            names=_names(school.partnership), numbers=numbers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.school_action_create(
                acting_user=user, school=school, title=data["title"], description=data["description"],
                benchmark_number=data["benchmark_number"], due_on=data["due_on"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"You have raised the action ‘{action.title}’ for {school.name}")
            return redirect(action.get_absolute_url())
    return render(request, "benchmarks/action_form.html", {
        "form": form, "title": f"Raise an action for {school.name}", "button": "Raise the action", "action": None,
        "school": school, "no_gaps": not numbers,
    }, status=400 if form.errors else 200)


def _action_for_managing(request, pk: int) -> Action:
    action = selectors.get_action_for_user(request.user, pk)
    if not selectors.may_manage_action(request.user, action):
        raise PermissionDenied("Only the people who manage this action can change it.")
    return action


@roles(*selectors.SCHOOL_ACTION_MANAGERS)
def action_edit(request, pk: int):
    user = request.user
    action = _action_for_managing(request, pk)
    data = request.POST if request.method == "POST" else None
    initial = {"title": action.title, "description": action.description, "benchmark_number": action.benchmark_number,
               "due_on": action.due_on}
    if action.level == Action.Level.HUB:
        served = [s.pk for s in action.schools.all()]
        initial.update(owner=HubActionForm.owner_key(action), schools=served)
        form = _hub_form(request, action.partnership, data=data, initial=initial, schools_extra=served, action=action)
    else:
        numbers = sorted({*selectors.school_gaps(action.owner_school), action.benchmark_number})
        form = SchoolActionForm(data, initial=initial, names=_names(action.partnership), numbers=numbers)
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            services.action_update(
                acting_user=user, action=action, title=cleaned["title"], description=cleaned["description"],
                benchmark_number=cleaned["benchmark_number"], due_on=cleaned["due_on"],
                owner=cleaned.get("owner"), schools=cleaned.get("schools"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your changes to the action have been saved")
            return redirect(action.get_absolute_url())
    return render(request, "benchmarks/action_form.html", {
        "form": form, "title": "Change the action", "button": "Save changes", "action": action,
        "school": action.owner_school if action.level == Action.Level.SCHOOL else None,
    }, status=400 if form.errors else 200)


# An action and its progress ---------------------------------------------------------------------
@roles(*selectors.ACTION_READERS)
def action_detail(request, pk: int):
    user = request.user
    action = selectors.get_action_for_user(user, pk)
    schools = list(action.schools.all())
    readable = set(selectors.schools_with_scores_for(user).filter(pk__in=[s.pk for s in schools]).values_list("pk", flat=True))
    return render(request, "benchmarks/action_detail.html", {
        "action": action, "schools": [(s, s.pk in readable) for s in schools], "notes": selectors.action_notes(action),
        "may_manage": selectors.may_manage_action(user, action),
        "may_report": selectors.may_report_progress(user, action),
        "today": timezone.localdate(), "days_overdue": action_rules.days_overdue(action.due_on, action.status, timezone.localdate()),
    })


@roles(*selectors.PROGRESS_REPORTERS)
def action_progress(request, pk: int):
    """Report progress: a dated note, and the status the action moves to."""
    user = request.user
    action = selectors.get_action_for_user(user, pk)
    manager = selectors.may_manage_action(user, action)
    if not manager and not selectors.owns_action(user, action):
        raise PermissionDenied("Only the action's owner and the people who manage it report progress on it.")
    form = ProgressForm(request.POST if request.method == "POST" else None, action=action, manager=manager)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_note_add(acting_user=user, action=action, text=form.cleaned_data["text"],
                                     status=form.cleaned_data["status"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your progress note has been added")
            return redirect(action.get_absolute_url())
    return render(request, "benchmarks/action_progress.html", {"action": action, "form": form},
                  status=400 if form.errors else 200)
