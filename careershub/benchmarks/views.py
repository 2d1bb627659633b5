"""The Gatsby Benchmarks pages: schools' scores, the hub's means, self-assessment and settings.

Access is declared on each view and narrowed as it fetches (selectors): people who may not see a school's
benchmarks get 404, people who see its scores but not its evidence never reach its answers.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careershub.accounts.roles import Role
from careershub.core.paging import page_of
from careershub.core.permissions import roles
from careershub.network import selectors as network_selectors

from . import counted, scoring, selectors, services
from .forms import BenchmarkSettingsForm, CriterionForm, ReasonForm, SchoolScoresFilterForm
from .models import Assessment

HUB_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _with_computed(assessment: Assessment, benchmarks) -> None:
    """Put the platform's own figure beside each counted criterion, where it has records to count."""
    measures = [item.criterion.measure for b in benchmarks for item in b.items if item.criterion.measure]
    if not measures:
        return
    figures = counted.figures_for(assessment.school_id, assessment.academic_year, measures)
    for b in benchmarks:
        for item in b.items:
            item.computed_figure = figures.get(item.criterion.measure)


# Schools' scores ---------------------------------------------------------------------------------
@roles(*selectors.SCORE_READERS)
def school_list(request):
    user = request.user
    partnership = selectors.partnership_for_scores(user)
    targets = selectors.targets_for(partnership.pk) if partnership else {}
    form = SchoolScoresFilterForm(request.GET or None, area_hubs=selectors.area_hubs_for_filter(user))
    area_hub, below_only = None, False
    if form.is_bound and form.is_valid():
        area_hub = form.cleaned_data.get("area_hub")
        below_only = form.cleaned_data.get("below_target", False)
    schools = selectors.schools_with_latest(user, area_hub=area_hub, below_target_only=below_only, targets=targets)
    page, numbers = page_of(request, schools)
    return render(request, "benchmarks/school_list.html", {
        "filter_form": form, "filtered": bool(area_hub or below_only), "page_obj": page, "page_numbers": numbers,
        "rows": selectors.latest_scores_of(page.object_list, targets), "targets": targets,
        "numbers": scoring.BENCHMARK_NUMBERS, "can_change_settings": user.has_role(Role.HUB_MANAGER),
        "can_analyse": user.has_any_role(selectors.GAP_READERS),
    }, status=400 if form.errors else 200)


@roles(Role.CAREERS_LEADER, Role.TEACHER)
def my_school(request):
    for role in (Role.CAREERS_LEADER, Role.TEACHER):
        for assignment in request.user.assignments_for(role):
            if assignment.school_id:
                return redirect("benchmarks:school_overview", pk=assignment.school_id)
    raise Http404


@roles(*selectors.SCORE_READERS)
def school_overview(request, pk: int):
    user = request.user
    school = selectors.get_school_for_scores(user, pk)
    data = selectors.school_benchmarks(school)
    benchmark = request.GET.get("benchmark", "")
    return render(request, "benchmarks/school_overview.html", {
        "school": school, "data": data,
        "may_edit": selectors.may_edit(user, school),
        "may_reopen": selectors.may_reopen(user, school),
        "may_see_evidence": selectors.may_see_evidence(user, school),
        "school_page": network_selectors.schools_visible_to(user).filter(pk=school.pk).exists(),
        "actions": selectors.school_actions(user, school),
        "may_raise_school_action": selectors.may_create_school_action(user, school),
        "may_raise_hub_action": selectors.may_create_hub_action(user)
        and selectors.schools_for_hub_actions(user).filter(pk=school.pk).exists(),
        "raise_benchmark": int(benchmark) if benchmark.isdigit() and int(benchmark) in scoring.BENCHMARK_NUMBERS else None,
    })


@roles(*selectors.SCORE_READERS)
def hub(request):
    user = request.user
    partnership = selectors.partnership_for_scores(user)
    if partnership is None:
        raise Http404
    aggregate = selectors.hub_aggregate(partnership)
    own = []
    if not user.has_any_role(HUB_ROLES):
        own = selectors.latest_scores_of(selectors.schools_with_latest(user)[:20], aggregate.targets)
    return render(request, "benchmarks/hub.html", {
        "aggregate": aggregate, "own": own, "can_analyse": user.has_any_role(selectors.GAP_READERS),
    })


# Self-assessment -----------------------------------------------------------------------------------
def _assessment_for_editing(request, pk: int) -> Assessment:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    if not selectors.may_edit(request.user, assessment.school):
        raise PermissionDenied("Only the school's careers leader can change its self-assessment.")
    return assessment


@roles(Role.CAREERS_LEADER)
@require_POST
def assessment_start(request, pk: int):
    school = selectors.get_school_for_scores(request.user, pk)
    if not selectors.may_edit(request.user, school):
        raise PermissionDenied("Only the school's careers leader can start its self-assessment.")
    term = selectors.current_term()
    existing = Assessment.objects.filter(school=school, period=term.period).first()
    if existing is not None:
        return redirect(existing.get_absolute_url())
    try:
        assessment = services.assessment_start(acting_user=request.user, school=school)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("benchmarks:school_overview", pk=school.pk)
    messages.success(request, f"You have started the {assessment.term_label} self-assessment")
    return redirect(assessment.get_absolute_url())


@roles(*selectors.EVIDENCE_READERS)
def assessment_detail(request, pk: int):
    user = request.user
    assessment = selectors.get_assessment_for_user(user, pk)
    school = assessment.school
    benchmarks = selectors.answers_by_benchmark(assessment)
    _with_computed(assessment, benchmarks)
    may_edit = selectors.may_edit(user, school)
    if assessment.overall_percent is not None:
        targets = selectors.targets_for(school.partnership_id)
        rows = {
            row.number: row for row in selectors.score_rows(
                assessment.scores.all(), {b.benchmark.number: b.benchmark.name for b in benchmarks}, targets)
        }
        for b in benchmarks:
            b.score = rows.get(b.benchmark.number)
    return render(request, "benchmarks/assessment_detail.html", {
        "assessment": assessment, "school": school, "benchmarks": benchmarks,
        "events": selectors.assessment_events(assessment),
        "editing": may_edit and assessment.is_editable,
        "may_reopen": selectors.may_reopen(user, school) and assessment.is_submitted,
        "all_answered": all(b.is_complete for b in benchmarks),
    })


@roles(Role.CAREERS_LEADER)
def assessment_benchmark(request, pk: int, number: int):
    """One benchmark's criteria: an answer (or a figure) and evidence for each; saved as a draft."""
    assessment = _assessment_for_editing(request, pk)
    if not assessment.is_editable:
        messages.info(request, f"The {assessment.term_label} self-assessment has been submitted. Reopen it to change an answer.")
        return redirect(assessment.get_absolute_url())
    benchmarks = selectors.answers_by_benchmark(assessment, number=number)
    if not benchmarks:
        raise Http404
    benchmark = benchmarks[0]
    _with_computed(assessment, benchmarks)
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    forms = [CriterionForm(data, files, item=item) for item in benchmark.items]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            services.answers_save(acting_user=request.user, assessment=assessment, changes=[f.change() for f in forms])
        except ValidationError as error:
            by_criterion = {f.item.criterion.pk: f for f in forms}
            for key, errors in error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]:
                criterion_id, _, name = key.partition("-")
                form = by_criterion.get(int(criterion_id)) if criterion_id.isdigit() else forms[0]
                form.add_error(name if name in form.fields else None, errors)
        else:
            if request.POST.get("action") == "continue":
                if number < max(scoring.BENCHMARK_NUMBERS):
                    return redirect("benchmarks:assessment_benchmark", pk=assessment.pk, number=number + 1)
                return redirect("benchmarks:assessment_check", pk=assessment.pk)
            messages.success(request, f"Your answers to benchmark {number} have been saved")
            return redirect(assessment.get_absolute_url())
    has_errors = any(f.errors for f in forms)
    return render(request, "benchmarks/assessment_benchmark.html", {
        "assessment": assessment, "school": assessment.school, "benchmark": benchmark.benchmark,
        "items": list(zip(benchmark.items, forms)), "forms": forms, "has_errors": has_errors,
        "is_last": number == max(scoring.BENCHMARK_NUMBERS),
        "previous": number - 1 if number > 1 else None,
    }, status=400 if has_errors else 200)


@roles(Role.CAREERS_LEADER)
def assessment_check(request, pk: int):
    """Check your answers, then submit."""
    assessment = _assessment_for_editing(request, pk)
    if not assessment.is_editable:
        return redirect(assessment.get_absolute_url())
    error = None
    if request.method == "POST":
        try:
            result = services.assessment_submit(acting_user=request.user, assessment=assessment)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request, f"Self-assessment submitted: {result.achieved_count} of {len(result.benchmarks)} benchmarks "
                         f"fully achieved, {scoring.whole(result.overall_percent)}% overall",
            )
            return redirect("benchmarks:school_overview", pk=assessment.school_id)
    benchmarks = selectors.answers_by_benchmark(assessment)
    _with_computed(assessment, benchmarks)
    missing = [item for b in benchmarks for item in b.items if services.unanswered([item.answer])]
    return render(request, "benchmarks/assessment_check.html", {
        "assessment": assessment, "school": assessment.school, "benchmarks": benchmarks, "missing": missing,
        "error": error,
    }, status=400 if error else 200)


@roles(*selectors.REOPENERS)
def assessment_reopen(request, pk: int):
    user = request.user
    assessment = selectors.get_assessment_for_user(user, pk)
    if not selectors.may_reopen(user, assessment.school):
        raise PermissionDenied("Only the school's careers leader or its area hub's coordinator can reopen it.")
    if not assessment.is_submitted:
        messages.info(request, f"The {assessment.term_label} self-assessment is open already.")
        return redirect(assessment.get_absolute_url())
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_reopen(acting_user=user, assessment=assessment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"The {assessment.term_label} self-assessment has been reopened")
            return redirect(assessment.get_absolute_url())
    return render(request, "benchmarks/assessment_reopen.html", {
        "assessment": assessment, "school": assessment.school, "form": form,
    }, status=400 if form.errors else 200)


@roles(*selectors.EVIDENCE_READERS)
def evidence_file(request, pk: int):
    answer = selectors.get_answer_for_evidence(request.user, pk)
    try:
        handle = answer.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing") from None
    return FileResponse(handle, as_attachment=True, filename=answer.evidence_file_name or None)


# The partnership's settings ----------------------------------------------------------------------
@roles(Role.HUB_MANAGER)
def benchmark_settings(request):
    user = request.user
    partnership = selectors.managed_partnership(user)
    versions = selectors.framework_versions()
    current = selectors.version_for(partnership)
    targets = selectors.targets_for(partnership.pk)
    initial = {"framework_version": current, **{f"target_{n}": t for n, t in targets.items()}}
    form = BenchmarkSettingsForm(
        request.POST or None, initial=initial, versions=versions,
        names=selectors.benchmark_names().get(current.pk, {}) if current else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.benchmark_settings_update(
                acting_user=user, partnership=partnership, framework_version=form.cleaned_data["framework_version"],
                targets=form.targets(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Benchmark settings saved")
            return redirect(reverse("benchmarks:settings"))
    return render(request, "benchmarks/settings.html", {
        "form": form, "partnership": partnership,
        "target_fields": [form[f"target_{n}"] for n in scoring.BENCHMARK_NUMBERS],
    }, status=400 if form.errors else 200)
