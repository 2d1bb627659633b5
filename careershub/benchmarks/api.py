"""The Gatsby Benchmarks over HTTP: the framework's versions, schools' assessments and scores, one
assessment with its answers, the hub's mean scores, the gap analysis, and the action plans.

Access follows the pages (see selectors): scores for the hub manager, analysts, coordinators (their
area hubs' schools), the school's careers leaders and teachers, and the enterprise advisers and
employer contacts matched to it; answers and evidence notes only for the hub manager, the coordinator
and the school's own staff. Scores are percentages from 0 to 100 with two decimal places. The gap
analysis is for the hub manager, analysts and coordinators (their area hubs); actions for the people
the action plan pages show them to, raised and changed by hub staff (and careers leaders, their
school's own), with progress reported by the people who manage or own each action. Refused changes
answer 422 with the problems by field, as the pages show them.
"""
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from careershub.accounts.roles import HUB_STAFF
from careershub.core.api_access import api_roles
from careershub.core.api_errors import problems
from careershub.network.models import Employer, School

from . import action_rules, counted, gaps, scoring, selectors, services
from .models import Action, Assessment

router = Router(tags=["Gatsby Benchmarks"])
MAX_LIMIT = 500


# Schemas ----------------------------------------------------------------------------------------------
class CriterionOut(Schema):
    id: int
    order: int
    text: str
    hint: str
    measure: str = Field(..., description="For counted criteria, the measure the figure is of; empty otherwise.")
    threshold: int | None = Field(None, description="For counted criteria, the percentage at which it is met.")
    figure_question: str
    post_16_only: bool


class BenchmarkOut(Schema):
    number: int
    name: str
    summary: str
    criteria: list[CriterionOut]


class FrameworkVersionOut(Schema):
    key: str
    name: str
    description: str
    effective_from: date
    benchmarks: list[BenchmarkOut]


class ScoreOut(Schema):
    number: int
    name: str
    percent: float | None
    met: int | None
    applicable: int | None = Field(None, description="Criteria that apply to the school.")
    achieved: bool
    target: int | None = Field(None, description="The partnership's minimum for every school, if it sets one.")
    below_target: bool


class AssessmentOut(Schema):
    id: int
    school_id: int
    academic_year: int = Field(..., description="The calendar year the academic year began in.")
    term: str
    term_label: str
    framework_version: str = Field(..., description="The key of the version the assessment was made under.")
    status: str
    submitted_at: datetime | None
    overall_percent: float | None = Field(None, description="The mean of the eight benchmarks, when last submitted.")
    benchmarks_achieved: int | None
    scores: list[ScoreOut]


class AnswerOut(Schema):
    criterion_id: int
    reference: str = Field(..., description="Benchmark and criterion, such as 5.1.")
    status: str = Field(..., description="met, partly_met, not_met, not_applicable, or empty when not answered.")
    figure: int | None = Field(None, description="For counted criteria, the percentage the school entered.")
    computed_figure: int | None = Field(None, description="For counted criteria, the figure from records on Careers Hub, when there are any.")
    evidence_note: str
    evidence_file_name: str
    evidence_file_url: str | None


class AssessmentDetailOut(AssessmentOut):
    answers: list[AnswerOut]


class SchoolScoresOut(Schema):
    school_id: int
    school_name: str
    area_hub_name: str | None
    latest: AssessmentOut | None = Field(None, description="The latest submitted assessment.")
    below_target: list[int] = Field(..., description="Benchmarks on which the latest scores fall short of the target.")


class HubBenchmarkOut(Schema):
    number: int
    name: str
    mean_percent: float | None
    schools: int
    schools_achieving: int
    target: int | None
    schools_below_target: int


class HubOut(Schema):
    partnership: str
    schools: int = Field(..., description="Schools and colleges with a submitted assessment, each counted by its latest.")
    overall_mean_percent: float | None
    benchmarks_achieved_mean: float | None
    benchmarks: list[HubBenchmarkOut]


# Shaping ----------------------------------------------------------------------------------------------
def _float(value) -> float | None:
    return None if value is None else float(value)


def _scores(rows) -> list[dict]:
    return [
        {"number": r.number, "name": r.name, "percent": _float(r.percent), "met": r.met, "applicable": r.applicable,
         "achieved": r.achieved, "target": r.target, "below_target": r.below_target}
        for r in rows if r.percent is not None
    ]


def _assessment(assessment: Assessment, names: dict[int, str], targets: dict[int, int]) -> dict:
    return {
        "id": assessment.pk, "school_id": assessment.school_id, "academic_year": assessment.academic_year,
        "term": assessment.term, "term_label": assessment.term_label,
        "framework_version": assessment.framework_version.key, "status": assessment.status,
        "submitted_at": assessment.submitted_at, "overall_percent": _float(assessment.overall_percent),
        "benchmarks_achieved": assessment.benchmarks_achieved,
        "scores": _scores(selectors.score_rows(assessment.scores.all(), names, targets)),
    }


# Endpoints --------------------------------------------------------------------------------------------
@router.get("/frameworks", response=list[FrameworkVersionOut], summary="The versions of the Gatsby Benchmarks")
@api_roles(*selectors.SCORE_READERS)
def framework_list(request):
    return [
        {**{k: getattr(v, k) for k in ("key", "name", "description", "effective_from")},
         "benchmarks": [{"number": b.number, "name": b.name, "summary": b.summary, "criteria": list(b.criteria.all())}
                        for b in v.benchmarks.all()]}
        for v in selectors.framework_versions()
    ]


@router.get("/schools", response=list[SchoolScoresOut], summary="Schools' latest scores")
@api_roles(*selectors.SCORE_READERS)
def school_list(request, area_hub_id: int | None = None, below_target: bool = False,
                limit: int | None = Query(None, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
    user = request.auth
    partnership = selectors.partnership_for_scores(user)
    targets = selectors.targets_for(partnership.pk) if partnership else {}
    area_hub = get_object_or_404(selectors.area_hubs_for_filter(user), pk=area_hub_id) if area_hub_id else None
    schools = selectors.schools_with_latest(user, area_hub=area_hub, below_target_only=below_target, targets=targets)
    schools = schools[offset:offset + limit] if limit else schools[offset:]
    names = selectors.benchmark_names()
    return [
        {"school_id": entry.school.pk, "school_name": entry.school.name,
         "area_hub_name": entry.school.area_hub.name if entry.school.area_hub_id else None,
         "latest": _assessment(entry.latest.assessment, names.get(entry.latest.assessment.framework_version_id, {}), targets)
         if entry.latest else None,
         "below_target": entry.below_target}
        for entry in selectors.latest_scores_of(schools, targets)
    ]


@router.get("/schools/{int:school_id}/assessments", response=list[AssessmentOut],
            summary="A school's self-assessments and their scores, latest first")
@api_roles(*selectors.SCORE_READERS)
def school_assessments(request, school_id: int):
    user = request.auth
    school = selectors.get_school_for_scores(user, school_id)
    assessments = selectors.school_assessments(school)
    if not selectors.may_see_evidence(user, school):
        assessments = assessments.exclude(status=Assessment.Status.DRAFT)
    targets = selectors.targets_for(school.partnership_id)
    names = selectors.benchmark_names()
    return [_assessment(a, names.get(a.framework_version_id, {}), targets) for a in assessments]


@router.get("/assessments/{int:assessment_id}", response=AssessmentDetailOut,
            summary="A self-assessment with its answers and evidence notes")
@api_roles(*selectors.EVIDENCE_READERS)
def assessment_detail(request, assessment_id: int):
    assessment = selectors.get_assessment_for_user(request.auth, assessment_id)
    benchmarks = selectors.answers_by_benchmark(assessment)
    figures = counted.figures_for(
        assessment.school_id, assessment.academic_year,
        [item.criterion.measure for b in benchmarks for item in b.items],
    )
    names = {b.benchmark.number: b.benchmark.name for b in benchmarks}
    data = _assessment(assessment, names, selectors.targets_for(assessment.school.partnership_id))
    data["answers"] = [
        {"criterion_id": item.criterion.pk, "reference": item.reference, "status": item.answer.status,
         "figure": item.answer.figure, "computed_figure": figures.get(item.criterion.measure),
         "evidence_note": item.answer.evidence_note, "evidence_file_name": item.answer.evidence_file_name,
         "evidence_file_url": request.build_absolute_uri(reverse("benchmarks:evidence_file", args=[item.answer.pk]))
         if item.answer.evidence_file else None}
        for b in benchmarks for item in b.items
    ]
    return data


@router.get("/hub", response=HubOut, summary="The hub's mean score on each benchmark")
@api_roles(*selectors.SCORE_READERS)
def hub(request):
    partnership = selectors.partnership_for_scores(request.auth)
    aggregate = selectors.hub_aggregate(partnership)
    return {
        "partnership": partnership.name, "schools": aggregate.schools,
        "overall_mean_percent": _float(aggregate.overall_mean), "benchmarks_achieved_mean": _float(aggregate.achieved_mean),
        "benchmarks": [
            {"number": r.number, "name": r.name, "mean_percent": _float(r.mean), "schools": r.schools,
             "schools_achieving": r.achieved, "target": r.target, "schools_below_target": r.below_target}
            for r in aggregate.rows
        ],
    }



# The gap analysis -------------------------------------------------------------------------------------
class GapSchoolOut(Schema):
    school_id: int
    school_name: str
    urn: str
    area_hub_name: str
    school_type: str
    term_label: str = Field(..., description="The term of the school's latest submitted self-assessment.")
    scores: list[float | None] = Field(..., description="The score on benchmarks 1 to 8, in order.")
    below_target: list[int] = Field(..., description="The benchmarks on which the score is below the target.")
    overall_percent: float | None
    benchmarks_achieved: int | None
    previous_term_label: str | None = Field(None, description="The term of the self-assessment before it, if any.")
    previous_overall_percent: float | None
    overall_change: float | None = Field(None, description="The overall score now less last term's, in points.")


class BandOut(Schema):
    band: str
    schools: int


class ChangeOut(Schema):
    schools: int = Field(..., description="Schools with a score now and last term, which the change is over.")
    mean_last_term_percent: float | None
    mean_now_percent: float | None
    change_points: float | None
    improved: int
    declined: int
    unchanged: int


class NeedSchoolOut(Schema):
    school_id: int
    school_name: str
    percent: float


class GapBenchmarkOut(Schema):
    number: int
    name: str
    target: int | None
    schools: int = Field(..., description="Schools with a score on it.")
    mean_percent: float | None
    distribution: list[BandOut]
    schools_below_target: int
    change: ChangeOut
    need_measure: str = Field(..., description="What counts as a need: below the threshold asked for, the target, or 100%.")
    need_below_percent: int
    schools_in_need: list[NeedSchoolOut] = Field(..., description="Weakest first.")
    open_actions: int
    overdue_actions: int


class GapOut(Schema):
    partnership: str
    scope: str
    schools_in_view: int = Field(..., description="Every school the filters select, assessed or not.")
    schools_assessed: int
    overall_mean_percent: float | None
    threshold: int | None
    open_actions: int
    overdue_actions: int
    benchmarks: list[GapBenchmarkOut]
    schools: list[GapSchoolOut] = Field(..., description="A row per school with a submitted self-assessment, by name.")


def _fraction(value) -> float | None:
    return None if value is None else round(float(value), 2)


@router.get("/gaps", response=GapOut, summary="The gap analysis: schools' latest scores, distribution, change and need")
@api_roles(*selectors.GAP_READERS)
def gap_analysis(request, area_hub_id: int | None = None, school_type: str = "",
                 threshold: int | None = Query(None, ge=0, le=100)):
    user = request.auth
    area_hub = get_object_or_404(selectors.area_hubs_for_filter(user), pk=area_hub_id) if area_hub_id else None
    if school_type and school_type not in School.Type.values:
        raise HttpError(400, f"There is no type of school called ‘{school_type}’: use one of {', '.join(School.Type.values)}")
    analysis = selectors.gap_analysis(user, area_hub=area_hub, school_type=school_type, threshold=threshold)
    if analysis is None:
        raise HttpError(404, "Not found")
    return {
        "partnership": analysis.partnership.name, "scope": area_hub.name if area_hub else analysis.scope_label,
        "schools_in_view": analysis.schools_in_view, "schools_assessed": len(analysis.rows),
        "overall_mean_percent": _float(analysis.overall_average), "threshold": threshold,
        "open_actions": analysis.open_actions, "overdue_actions": analysis.overdue_actions,
        "benchmarks": [
            {"number": b.number, "name": b.name, "target": b.target, "schools": b.schools,
             "mean_percent": _fraction(b.average),
             "distribution": [{"band": label, "schools": count} for label, count, _ in b.bands],
             "schools_below_target": b.below_target_count,
             "change": {"schools": b.change.schools, "mean_last_term_percent": _fraction(b.change.mean_before),
                        "mean_now_percent": _fraction(b.change.mean_now), "change_points": _fraction(b.change.difference),
                        "improved": b.change.improved, "declined": b.change.declined, "unchanged": b.change.unchanged},
             "need_measure": b.measure.label, "need_below_percent": b.measure.minimum,
             "schools_in_need": [{"school_id": row.school_id, "school_name": row.name, "percent": float(score)}
                                 for row, score, _ in b.needing_scores],
             "open_actions": b.open_actions, "overdue_actions": b.overdue_actions}
            for b in analysis.benchmarks
        ],
        "schools": [
            {"school_id": row.school_id, "school_name": row.name, "urn": row.urn, "area_hub_name": row.area_hub,
             "school_type": row.school_type, "term_label": row.now.term_label,
             "scores": [None if v is None else v / 100 for v in (row.value(n) for n in scoring.BENCHMARK_NUMBERS)],
             "below_target": gaps.below_target_numbers(row, analysis.targets),
             "overall_percent": _float(row.now.overall), "benchmarks_achieved": row.now.achieved,
             "previous_term_label": row.before.term_label if row.before else None,
             "previous_overall_percent": _float(row.before.overall) if row.before else None,
             "overall_change": _float(row.overall_change)}
            for row in analysis.rows
        ],
    }


# Action plans -----------------------------------------------------------------------------------------
class ActionSchoolOut(Schema):
    id: int
    name: str


class ActionNoteOut(Schema):
    id: int
    at: datetime
    by_name: str | None
    text: str
    status: str = Field(..., description="The status the action moved to with the note; empty if unchanged.")

    @staticmethod
    def resolve_by_name(obj):
        return (obj.by.get_full_name() or obj.by.username) if obj.by_id else None


class ActionOut(Schema):
    id: int
    level: str = Field(..., description="hub, or school (a school's own action).")
    title: str
    description: str
    benchmark_number: int
    owner_kind: str = Field(..., description="employer (a cornerstone employer), person (hub staff) or school.")
    owner_id: int
    owner_name: str
    due_on: date
    status: str = Field(..., description="not_started, in_progress, done or cancelled.")
    overdue: bool = Field(..., description="Past its due date and neither done nor cancelled.")
    closed_on: date | None
    schools: list[ActionSchoolOut] = Field(..., description="The schools it serves.")
    created_at: datetime

    @staticmethod
    def resolve_owner_id(obj):
        return obj.owner.pk

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue

    @staticmethod
    def resolve_schools(obj):
        return [{"id": s.pk, "name": s.name} for s in obj.schools.all()]


class ActionDetailOut(ActionOut):
    notes: list[ActionNoteOut]

    @staticmethod
    def resolve_notes(obj):
        return list(selectors.action_notes(obj))


class ActionIn(Schema):
    title: str = Field(..., max_length=services.TITLE_MAX_LENGTH)
    description: str = ""
    benchmark_number: int = Field(..., ge=1, le=8)
    owner_kind: str = Field(..., description="employer, person or school.")
    owner_id: int
    due_on: date
    school_ids: list[int] = Field(..., description="The schools it serves.")


class ActionPatch(Schema):
    title: str | None = Field(None, max_length=services.TITLE_MAX_LENGTH)
    description: str | None = None
    benchmark_number: int | None = Field(None, ge=1, le=8)
    owner_kind: str | None = None
    owner_id: int | None = None
    due_on: date | None = None
    school_ids: list[int] | None = Field(None, description="For hub actions: the schools it serves (replacing them).")


class NoteIn(Schema):
    text: str = Field(..., max_length=services.PROGRESS_MAX_LENGTH)
    status: str = Field("", description="The status the action moves to; leave empty to keep it.")





RENAMED = {"owner": "owner_id", "schools": "school_ids"}


def _owner(partnership, kind: str, pk: int) -> services.Owner:
    found = None
    if kind == Action.OwnerKind.EMPLOYER:
        found = Employer.objects.filter(partnership=partnership, pk=pk).first()
    elif kind == Action.OwnerKind.PERSON:
        found = selectors.hub_staff(partnership).filter(pk=pk).first()
    elif kind == Action.OwnerKind.SCHOOL:
        found = School.objects.filter(partnership=partnership, pk=pk).first()
    else:
        raise problems(ValidationError({"owner_kind": "The owner is an employer, a person or a school"}))
    if found is None:
        raise problems(ValidationError({"owner_id": f"There is no {kind} with that id in the partnership"}))
    return services.Owner.of(found)


def _schools(user, ids: list[int], also=()) -> list[School]:
    allowed = selectors.schools_for_hub_actions(user) | School.objects.filter(pk__in=list(also))
    found = list(allowed.filter(pk__in=ids).distinct())
    if len(found) != len(set(ids)):
        raise problems(ValidationError({"school_ids": "Select only schools and colleges you work with"}))
    return found


def _with_schools(qs):
    return qs.prefetch_related(Prefetch("schools", queryset=School.objects.order_by("name", "pk")))


def _action_out(user, pk: int) -> Action:
    return get_object_or_404(_with_schools(selectors.actions_visible_to(user)), pk=pk)


@router.get("/actions", response=list[ActionOut],
            summary="Actions in the action plan you can see: open ones first, soonest due")
@api_roles(*selectors.ACTION_READERS)
def action_list(request, benchmark: int | None = Query(None, ge=1, le=8),
                status: str = Query("", description="A status, open (not started or in progress) or overdue."),
                level: str = "", school_id: int | None = None,
                limit: int | None = Query(None, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
    user = request.auth
    if status and status not in (*action_rules.STATUSES, "open", "overdue"):
        raise HttpError(400, "The status is one of not_started, in_progress, done, cancelled, open or overdue")
    school = get_object_or_404(School, pk=school_id) if school_id else None
    actions = selectors.in_plan_order(selectors.filter_actions(
        _with_schools(selectors.actions_visible_to(user)), benchmark=benchmark, status=status, level=level, school=school,
    ))
    return list(actions[offset:offset + limit] if limit else actions[offset:])


@router.get("/actions/{int:action_id}", response=ActionDetailOut, summary="An action with its progress notes")
@api_roles(*selectors.ACTION_READERS)
def action_detail(request, action_id: int):
    return _action_out(request.auth, action_id)


@router.post("/actions", response={201: ActionDetailOut}, summary="Raise a hub action")
@api_roles(*HUB_STAFF)
def action_create(request, payload: ActionIn):
    user = request.auth
    partnership = selectors.action_partnership(user)
    try:
        action = services.action_create(
            acting_user=user, partnership=partnership, title=payload.title, description=payload.description,
            benchmark_number=payload.benchmark_number, owner=_owner(partnership, payload.owner_kind, payload.owner_id),
            due_on=payload.due_on, schools=_schools(user, payload.school_ids), via="api",
        )
    except ValidationError as error:
        raise problems(error, RENAMED) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return 201, _action_out(user, action.pk)


@router.patch("/actions/{int:action_id}", response=ActionDetailOut,
              summary="Change an action (its status changes with a progress note)")
@api_roles(*selectors.SCHOOL_ACTION_MANAGERS)
def action_update(request, action_id: int, payload: ActionPatch):
    user = request.auth
    action = selectors.get_action_for_user(user, action_id)
    if not selectors.may_manage_action(user, action):
        raise HttpError(403, "Only the people who manage this action can change it.")
    changes = payload.dict(exclude_unset=True)
    owner = None
    if action.level == Action.Level.HUB and ("owner_kind" in changes or "owner_id" in changes):
        owner = _owner(action.partnership, changes.get("owner_kind") or action.owner_kind,
                       changes.get("owner_id") or action.owner.pk)
    schools = None
    if action.level == Action.Level.HUB and changes.get("school_ids") is not None:
        schools = _schools(user, changes["school_ids"], also=[s.pk for s in action.schools.all()])
    def given(name):
        """The value sent for a field, or the action's own when it was left out (or sent as null)."""
        return getattr(action, name) if changes.get(name) is None else changes[name]

    try:
        services.action_update(
            acting_user=user, action=action, title=given("title"), description=given("description"),
            benchmark_number=given("benchmark_number"), due_on=given("due_on"), owner=owner, schools=schools, via="api",
        )
    except ValidationError as error:
        raise problems(error, RENAMED) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return _action_out(user, action.pk)


@router.post("/actions/{int:action_id}/notes", response={201: ActionNoteOut},
             summary="Report progress on an action: a note, and the status it moves to")
@api_roles(*selectors.PROGRESS_REPORTERS)
def action_note_add(request, action_id: int, payload: NoteIn):
    user = request.auth
    action = selectors.get_action_for_user(user, action_id)
    try:
        note = services.action_note_add(acting_user=user, action=action, text=payload.text, status=payload.status, via="api")
    except ValidationError as error:
        raise problems(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return 201, note
