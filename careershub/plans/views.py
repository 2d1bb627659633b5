from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles, signed_in
from careershub.young_people import services as record_services
from careershub.core.calendar import academic_year_label, academic_year_of
from careershub.young_people.selectors import get_young_person_for_user, young_people_visible_to

from . import selectors, services
from .forms import SHOWN_STEPS, CommentForm, InterviewForm, PlanForm
from .models import GuidanceInterview, NextStep, PlanGoal


def _posted(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(None if field == "__all__" or field not in form.fields else field, problems)


@roles(Role.CAREERS_ADVISER)
def interview_new(request, young_person_pk: int):
    young_person = get_young_person_for_user(request.user, young_person_pk)
    if not selectors.may_record_interview(request.user, young_person):
        raise Http404("You do not serve this young person's school.")
    form = InterviewForm(_posted(request), initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.interview_record(
                acting_user=request.user, young_person=young_person, next_steps=form.next_steps(),
                **{k: form.cleaned_data[k] for k in ("held_on", "format", "discussed", "follow_up_on")},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Guidance interview with {young_person.full_name} recorded")
            return redirect(interview.get_absolute_url())
    return render(request, "plans/interview_form.html", {"form": form, "young_person": young_person, "interview": None})


@roles(Role.CAREERS_ADVISER)
def interview_edit(request, pk: int):
    try:
        interview = selectors.get_interview_for_editing(request.user, pk)
    except GuidanceInterview.DoesNotExist:
        raise Http404("No interview of yours to change.") from None
    steps = min(len(interview.next_steps.all()) + 1, 5)
    form = InterviewForm(_posted(request), initial=InterviewForm.initial_for(interview), steps=max(steps, SHOWN_STEPS))
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_update(
                acting_user=request.user, interview=interview, next_steps=form.next_steps(),
                **{k: form.cleaned_data[k] for k in ("held_on", "format", "discussed", "follow_up_on")},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Interview saved")
            return redirect(interview.get_absolute_url())
    return render(request, "plans/interview_form.html", {
        "form": form, "young_person": interview.young_person, "interview": interview,
    })


@signed_in
def interview_detail(request, pk: int):
    interview = selectors.get_interview_for_user(request.user, pk)
    young_person = interview.young_person
    record_services.record_viewed(acting_user=request.user, young_person=young_person)
    return render(request, "plans/interview_detail.html", {
        "interview": interview,
        "young_person": young_person,
        "is_self": young_person.user_id == request.user.pk,
        "may_edit": interview.adviser_id == request.user.pk
        and selectors.may_record_interview(request.user, young_person),
        "may_mark_steps": request.user.pk in (young_person.user_id, interview.adviser_id),
    })


@signed_in
@require_POST
def next_step_done(request, pk: int):
    step = get_object_or_404(NextStep.objects.filter(interview__in=selectors.interviews_visible_to(request.user)), pk=pk)
    services.next_step_set_done(acting_user=request.user, step=step, done=request.POST.get("done") == "yes")
    return redirect(step.interview.get_absolute_url())


@roles(Role.CAREERS_ADVISER)
def adviser_home(request):
    """The careers adviser's work: follow-ups due, year 11s in their schools without an interview
    yet (benchmark 8 asks for one by 16), and their recent interviews."""
    today = timezone.localdate()
    page_obj, page_numbers = page_of(request, selectors.without_interview(request.user), per_page=25)
    return render(request, "plans/adviser_home.html", {
        "follow_ups": selectors.follow_ups_due(request.user, today=today)[:50],
        "recent": selectors.recent_interviews_by(request.user),
        "page_obj": page_obj,
        "page_numbers": page_numbers,
        "serves_schools": bool(selectors.served_school_ids(request.user)),
    })


# Career plans -----------------------------------------------------------------------------------------
def _plan_context(request, young_person):
    plans = selectors.plans_of(young_person)
    current_year = academic_year_of(timezone.localdate())
    current = plans[0] if plans and plans[0].academic_year == current_year else None
    return {
        "young_person": young_person,
        "is_self": young_person.user_id == request.user.pk,
        "current": current,
        "last": plans[0] if plans and current is None else None,
        "history": plans,
        "current_year_label": academic_year_label(current_year),
        "may_edit": selectors.may_edit_plan(request.user, young_person),
        "commenter_role": selectors.commenter_role(request.user, young_person),
    }


@signed_in
def plan(request, young_person_pk: int):
    young_person = get_young_person_for_user(request.user, young_person_pk)
    record_services.record_viewed(acting_user=request.user, young_person=young_person)
    context = _plan_context(request, young_person)
    form = CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if context["commenter_role"] is None:
            raise PermissionDenied("You cannot comment on this plan.")
        if form.is_valid():
            try:
                services.plan_comment(acting_user=request.user, young_person=young_person, body=form.cleaned_data["body"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "Comment added")
                return redirect("plans:plan", young_person.pk)
    return render(request, "plans/plan.html", {**context, "comment_form": form})


@roles(Role.YOUNG_PERSON)
def my_plan(request):
    young_person = young_people_visible_to(request.user).filter(user=request.user).first()
    if young_person is None:
        raise Http404("No record is linked to your account.")
    return redirect("plans:plan", young_person.pk)


@signed_in
def plan_edit(request, young_person_pk: int):
    young_person = get_young_person_for_user(request.user, young_person_pk)
    if not selectors.may_edit_plan(request.user, young_person):
        raise PermissionDenied("Only the young person or their school's staff change their career plan.")
    context = _plan_context(request, young_person)
    starting_from = context["current"] or context["last"]
    goal_rows = max(SHOWN_STEPS, min(len(starting_from.goals.all()) + 1, 5)) if starting_from else SHOWN_STEPS
    form = PlanForm(_posted(request), initial=PlanForm.initial_for(starting_from), goals=goal_rows,
                    routes_after_16=selectors.routes("after_16"), routes_after_18=selectors.routes("after_18"))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(acting_user=request.user, young_person=young_person, goals=form.goals(),
                               **{k: form.cleaned_data[k] for k in ("interests", "aspirations", "route_after_16", "route_after_18")})
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Career plan saved")
            return redirect("plans:plan", young_person.pk)
    return render(request, "plans/plan_form.html", {**context, "form": form})


@signed_in
@require_POST
def goal_done(request, pk: int):
    goal = get_object_or_404(PlanGoal.objects.select_related("plan").filter(
        plan__young_person__in=young_people_visible_to(request.user)), pk=pk)
    services.goal_set_done(acting_user=request.user, goal=goal, done=request.POST.get("done") == "yes")
    return redirect("plans:plan", goal.plan.young_person_id)
