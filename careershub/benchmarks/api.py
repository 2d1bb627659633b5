"""The Gatsby Benchmarks over HTTP: the framework's versions, schools' assessments and scores, one
assessment with its answers, and the hub's mean scores.

Access follows the pages (see selectors): scores for the hub manager, analysts, coordinators (their
area hubs' schools), the school's careers leaders and teachers, and the enterprise advisers and
employer contacts matched to it; answers and evidence notes only for the hub manager, the coordinator
and the school's own staff. Scores are percentages from 0 to 100 with two decimal places.
"""
from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from careershub.core.api_access import api_roles

from . import counted, selectors
from .models import Assessment

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

