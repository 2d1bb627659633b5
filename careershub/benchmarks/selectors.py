"""Reads of the Gatsby Benchmarks, scoped to the person asking.

Who sees what:

- scores (each school's benchmark scores, their history and the hub's means): the hub manager, for
  every school of the partnership; analysts likewise; enterprise coordinators, for their area hubs'
  schools; a school's careers leaders and teachers, for their school; enterprise advisers, for the
  schools they are matched to now; employer contacts, for the schools an adviser from their employer
  is matched to now;
- answers and evidence (notes and files): the hub manager, the coordinator of the school's area hub,
  and the school's careers leaders and teachers; never advisers, employers or analysts;
- a school's careers leader starts, saves and submits its self-assessment; the careers leader or the
  coordinator of its area hub reopens a submitted one;
- the hub manager chooses the version of the framework the partnership assesses against and sets
  its targets.

Young people, parents and carers, mentors, careers advisers and administrators see none of it.
Everything here is read in a fixed number of queries, whatever the number of schools or terms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.advisers.models import AdviserMatch
from careershub.network.models import AreaHub, Partnership, School

from . import scoring
from .models import (
    Answer,
    Assessment,
    AssessmentEvent,
    Benchmark,
    BenchmarkScore,
    BenchmarkTarget,
    Criterion,
    FrameworkVersion,
    PartnershipBenchmarkSettings,
)
from .terms import Term

SCORE_READERS = (
    Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.CAREERS_LEADER, Role.TEACHER,
    Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER,
)
EVIDENCE_READERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.TEACHER)
REOPENERS = (Role.CAREERS_LEADER, Role.ENTERPRISE_COORDINATOR)
SUBMITTED = Assessment.Status.SUBMITTED


# Scope -------------------------------------------------------------------------------------------
def _current_match(**conditions) -> Exists:
    return Exists(AdviserMatch.objects.filter(school=OuterRef("pk"), ended_on__isnull=True, **conditions))


def _school_condition(user, *, evidence: bool) -> Q:
    condition = Q(pk__in=[])
    if not user.is_authenticated:
        return condition
    for a in user._assignments():
        if a.role == Role.HUB_MANAGER or (a.role == Role.ANALYST and not evidence):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(area_hub_id=a.area_hub_id)
        elif a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id:
            condition |= Q(pk=a.school_id)
        elif a.role == Role.ENTERPRISE_ADVISER and not evidence:
            condition |= _current_match(adviser__user_id=user.pk)
        elif a.role == Role.EMPLOYER_CONTACT and a.employer_id and not evidence:
            condition |= _current_match(adviser__employer_id=a.employer_id)
    return condition


def schools_with_scores_for(user) -> QuerySet[School]:
    """The schools whose benchmark scores this person may read."""
    return School.objects.filter(_school_condition(user, evidence=False)).select_related("area_hub")


def schools_with_evidence_for(user) -> QuerySet[School]:
    """The schools whose answers and evidence this person may read."""
    return School.objects.filter(_school_condition(user, evidence=True)).select_related("area_hub")


def get_school_for_scores(user, pk: int) -> School:
    return get_object_or_404(schools_with_scores_for(user).select_related("partnership"), pk=pk)


def may_see_evidence(user, school: School) -> bool:
    if not user.is_authenticated:
        return False
    for a in user._assignments():
        if a.role == Role.HUB_MANAGER and a.partnership_id == school.partnership_id:
            return True
        if a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id and a.area_hub_id == school.area_hub_id:
            return True
        if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == school.pk:
            return True
    return False


def may_read_scores(user, school: School) -> bool:
    if may_see_evidence(user, school):
        return True
    if not user.has_any_role((Role.ANALYST, Role.ENTERPRISE_ADVISER, Role.EMPLOYER_CONTACT)):
        return False
    return schools_with_scores_for(user).filter(pk=school.pk).exists()


def may_edit(user, school: School) -> bool:
    """Only the school's own careers leader starts, answers and submits its self-assessment."""
    return user.is_authenticated and any(a.school_id == school.pk for a in user.assignments_for(Role.CAREERS_LEADER))


def may_reopen(user, school: School) -> bool:
    """The school's careers leader, or the enterprise coordinator of its area hub."""
    if may_edit(user, school):
        return True
    return user.is_authenticated and school.area_hub_id is not None and any(
        a.area_hub_id == school.area_hub_id for a in user.assignments_for(Role.ENTERPRISE_COORDINATOR)
    )


def partnership_for_scores(user) -> Partnership | None:
    """The partnership whose hub figures this person reads: that of their first role that reads scores."""
    if not user.is_authenticated:
        return None
    for a in user._assignments():
        if a.role in SCORE_READERS:
            return a.partnership
    return None


def managed_partnership(user) -> Partnership | None:
    """The partnership whose benchmark settings and targets this person sets: the hub manager's."""
    if not user.is_authenticated:
        return None
    for a in user.assignments_for(Role.HUB_MANAGER):
        return a.partnership
    return None


def current_term(today=None) -> Term:
    return Term.of(today or timezone.localdate())


# The framework -----------------------------------------------------------------------------------
def framework_versions() -> QuerySet[FrameworkVersion]:
    """Every version with its benchmarks and their criteria (three queries)."""
    return FrameworkVersion.objects.prefetch_related(
        Prefetch("benchmarks", queryset=Benchmark.objects.order_by("number").prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("order"))
        ))
    ).order_by("effective_from", "pk")


def version_for(partnership: Partnership, today=None) -> FrameworkVersion | None:
    """The version the partnership assesses against now: its chosen one, or else the latest version
    already in force."""
    chosen = (
        PartnershipBenchmarkSettings.objects.filter(partnership=partnership).select_related("framework_version").first()
    )
    if chosen is not None:
        return chosen.framework_version
    today = today or timezone.localdate()
    versions = FrameworkVersion.objects.order_by("-effective_from", "-pk")
    return versions.filter(effective_from__lte=today).first() or versions.first()


def targets_for(partnership_id: int) -> dict[int, int]:
    """The partnership's minimum score per benchmark number."""
    return dict(
        BenchmarkTarget.objects.filter(partnership_id=partnership_id).values_list("number", "minimum_percent")
    )


def benchmark_names() -> dict[int, dict[int, str]]:
    """Every version's benchmark names: version id -> number -> name (one query; eight rows a version)."""
    names: dict[int, dict[int, str]] = {}
    for version_id, number, name in Benchmark.objects.values_list("version_id", "number", "name"):
        names.setdefault(version_id, {})[number] = name
    return names


# Scores, shaped for pages ------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreRow:
    number: int
    name: str
    percent: Decimal | None
    met: int | None = None
    applicable: int | None = None
    target: int | None = None

    @property
    def whole(self) -> int | None:
        return None if self.percent is None else scoring.whole(self.percent)

    @property
    def achieved(self) -> bool:
        return self.percent is not None and self.applicable is not None and self.applicable > 0 and self.met == self.applicable

    @property
    def below_target(self) -> bool:
        return scoring.below_target(self.percent, self.target)


def score_rows(scores, names: dict[int, str], targets: dict[int, int]) -> list[ScoreRow]:
    by_number = {s.number: s for s in scores}
    rows = []
    for number in scoring.BENCHMARK_NUMBERS:
        score = by_number.get(number)
        rows.append(ScoreRow(
            number=number, name=names.get(number, ""), percent=score.percent if score else None,
            met=score.met if score else None, applicable=score.applicable if score else None,
            target=targets.get(number),
        ))
    return rows


def below_target_numbers(rows: list[ScoreRow]) -> list[int]:
    return [row.number for row in rows if row.below_target]


@dataclass
class HistoryRow:
    assessment: Assessment
    rows: list[ScoreRow]

    @property
    def overall_whole(self) -> int | None:
        value = self.assessment.overall_percent
        return None if value is None else scoring.whole(value)

    @property
    def below_target(self) -> list[int]:
        return below_target_numbers(self.rows)


@dataclass
class SchoolBenchmarks:
    """Everything a school's benchmarks overview shows."""

    school: School
    term: Term
    targets: dict[int, int]
    names: dict[int, str]
    latest: HistoryRow | None
    history: list[HistoryRow]            # submitted and reopened assessments, latest first
    current: Assessment | None           # the assessment for the current term, whatever its state
    open_assessment: Assessment | None   # one in progress (draft or reopened), for the careers leader
    version: FrameworkVersion | None     # what a new assessment would be made under

    TREND_TERMS = 6

    @property
    def trend(self) -> list[HistoryRow]:
        """The latest six terms of the history, oldest first, for the trend chart and table."""
        return list(reversed(self.history[: self.TREND_TERMS]))

    @property
    def trend_by_benchmark(self) -> list[tuple[int, str, list[ScoreRow]]]:
        """The trend turned round: for each benchmark, its score in each term, oldest first."""
        trend = self.trend
        if not trend:
            return []
        latest_names = {row.number: row.name for row in trend[-1].rows}
        return [
            (number, latest_names.get(number, ""), [h.rows[i] for h in trend])
            for i, number in enumerate(scoring.BENCHMARK_NUMBERS)
        ]


def _with_progress(qs: QuerySet[Assessment]) -> QuerySet[Assessment]:
    return qs.annotate(
        answered_count=Count("answers", filter=~Q(answers__status="")),
        criteria_count=Count("answers"),
    )


def school_benchmarks(school: School, today=None) -> SchoolBenchmarks:
    """A school's benchmarks overview in a fixed number of queries, however many terms it has."""
    term = current_term(today)
    assessments = list(
        _with_progress(Assessment.objects.filter(school=school))
        .select_related("framework_version", "submitted_by")
        .prefetch_related(Prefetch("scores", queryset=BenchmarkScore.objects.order_by("number")))
        .order_by("-period")
    )
    targets = targets_for(school.partnership_id)
    version = version_for(school.partnership, today)
    names = benchmark_names()
    history = [
        HistoryRow(a, score_rows(a.scores.all(), names.get(a.framework_version_id, {}), targets))
        for a in assessments if a.status != Assessment.Status.DRAFT and a.overall_percent is not None
    ]
    return SchoolBenchmarks(
        school=school, term=term, targets=targets,
        names=names.get(version.pk, {}) if version else {},
        latest=next((h for h in history if h.assessment.status == SUBMITTED), None),
        history=history,
        current=next((a for a in assessments if a.period == term.period), None),
        open_assessment=next((a for a in assessments if a.is_editable), None),
        version=version,
    )


# The list of schools with their latest scores ----------------------------------------------------
def _latest_submitted(school_ref: str = "pk") -> QuerySet[Assessment]:
    return Assessment.objects.filter(school=OuterRef(school_ref), status=SUBMITTED).order_by("-period")


def _below_target_condition(targets: dict[int, int]) -> Q | None:
    """Scores under the partnership's targets, as one condition on BenchmarkScore rows."""
    condition = None
    for number, minimum in targets.items():
        part = Q(number=number, percent__lt=minimum)
        condition = part if condition is None else condition | part
    return condition


def schools_with_latest(user, *, area_hub: AreaHub | None = None, below_target_only: bool = False,
                        targets: dict[int, int] | None = None) -> QuerySet[School]:
    """The schools this person may read scores for, each with ``latest_assessment_id``: its latest
    submitted assessment, if any. ``below_target_only`` keeps the schools whose latest scores fall
    short of ``targets`` on at least one benchmark."""
    schools = schools_with_scores_for(user).annotate(
        latest_assessment_id=Subquery(_latest_submitted().values("pk")[:1])
    )
    if area_hub is not None:
        schools = schools.filter(area_hub=area_hub)
    if below_target_only:
        condition = _below_target_condition(targets or {})
        if condition is None:
            return schools.none()
        schools = schools.filter(Exists(
            BenchmarkScore.objects.filter(condition, assessment_id=OuterRef("latest_assessment_id"))
        ))
    return schools.order_by("name", "pk")


@dataclass
class SchoolScores:
    school: School
    latest: HistoryRow | None

    @property
    def below_target(self) -> list[int]:
        return self.latest.below_target if self.latest else []


def latest_scores_of(schools, targets: dict[int, int]) -> list[SchoolScores]:
    """The latest scores of a page of schools (annotated by ``schools_with_latest``): two queries,
    however many schools are on the page."""
    schools = list(schools)
    ids = [s.latest_assessment_id for s in schools if s.latest_assessment_id]
    assessments = {
        a.pk: a for a in Assessment.objects.filter(pk__in=ids).select_related("framework_version").prefetch_related(
            Prefetch("scores", queryset=BenchmarkScore.objects.order_by("number"))
        )
    } if ids else {}
    names = benchmark_names() if ids else {}
    result = []
    for school in schools:
        assessment = assessments.get(school.latest_assessment_id)
        latest = None
        if assessment is not None:
            latest = HistoryRow(assessment, score_rows(assessment.scores.all(), names.get(assessment.framework_version_id, {}), targets))
        result.append(SchoolScores(school, latest))
    return result


def area_hubs_for_filter(user) -> QuerySet[AreaHub]:
    """The area hubs whose schools this person can list by area hub: those of the partnership for
    the hub manager and analysts, their own for a coordinator; none for anyone else."""
    if not user.is_authenticated:
        return AreaHub.objects.none()
    partnerships = {a.partnership_id for a in user._assignments() if a.role in (Role.HUB_MANAGER, Role.ANALYST)}
    hubs = {a.area_hub_id for a in user.assignments_for(Role.ENTERPRISE_COORDINATOR) if a.area_hub_id}
    return AreaHub.objects.filter(Q(partnership_id__in=partnerships) | Q(pk__in=hubs)).order_by("name")


# The hub's aggregate -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AggregateRow:
    number: int
    name: str
    mean: Decimal | None
    schools: int
    achieved: int
    below_target: int
    target: int | None

    @property
    def mean_whole(self) -> int | None:
        return None if self.mean is None else scoring.whole(self.mean)


@dataclass
class HubAggregate:
    partnership: Partnership
    rows: list[AggregateRow]
    schools: int                       # schools with a submitted assessment
    overall_mean: Decimal | None
    achieved_mean: Decimal | None
    targets: dict[int, int] = field(default_factory=dict)

    @property
    def overall_whole(self) -> int | None:
        return None if self.overall_mean is None else scoring.whole(self.overall_mean)

    @property
    def achieved_mean_display(self) -> str:
        return "" if self.achieved_mean is None else f"{Decimal(self.achieved_mean):.1f}"


def latest_assessments_in(partnership_id: int) -> QuerySet[Assessment]:
    """Each school's latest submitted assessment, for the schools of the partnership."""
    latest = Assessment.objects.filter(school_id=OuterRef("school_id"), status=SUBMITTED).order_by("-period")
    return Assessment.objects.filter(school__partnership_id=partnership_id, status=SUBMITTED).annotate(
        latest_id=Subquery(latest.values("pk")[:1])
    ).filter(pk=F("latest_id"))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def hub_aggregate(partnership: Partnership, today=None) -> HubAggregate:
    """The mean score per benchmark across the partnership's schools, each school counted once by its
    latest submitted assessment, with how many achieve each benchmark and how many fall short of the
    target. Five queries, however many schools."""
    targets = targets_for(partnership.pk)
    version = version_for(partnership, today)
    names = benchmark_names().get(version.pk, {}) if version else {}
    latest_ids = latest_assessments_in(partnership.pk).values("pk")
    below = _below_target_condition(targets)
    figures = {
        row["number"]: row for row in BenchmarkScore.objects.filter(assessment_id__in=latest_ids)
        .values("number").annotate(
            mean=Avg("percent"), schools=Count("pk"), achieved_count=Count("pk", filter=Q(achieved=True)),
            below_count=Count("pk", filter=below) if below is not None else Count("pk", filter=Q(pk__in=[])),
        ).order_by("number")
    }
    overall = Assessment.objects.filter(pk__in=latest_ids).aggregate(
        schools=Count("pk"), overall=Avg("overall_percent"), achieved=Avg("benchmarks_achieved"),
    )
    rows = []
    for number in scoring.BENCHMARK_NUMBERS:
        row = figures.get(number, {})
        rows.append(AggregateRow(
            number=number, name=names.get(number, ""), mean=_decimal(row.get("mean")), schools=row.get("schools", 0),
            achieved=row.get("achieved_count", 0), below_target=row.get("below_count", 0), target=targets.get(number),
        ))
    return HubAggregate(
        partnership=partnership, rows=rows, schools=overall["schools"], overall_mean=_decimal(overall["overall"]),
        achieved_mean=_decimal(overall["achieved"]), targets=targets,
    )


# Assessments, their answers and evidence ---------------------------------------------------------
def assessments_with_evidence_for(user) -> QuerySet[Assessment]:
    return Assessment.objects.filter(school__in=schools_with_evidence_for(user).values("pk")).select_related(
        "school", "school__area_hub", "school__partnership", "framework_version", "submitted_by",
    )


def get_assessment_for_user(user, pk: int) -> Assessment:
    """An assessment with its answers, for those who may read a school's evidence; 404 for others."""
    return get_object_or_404(_with_progress(assessments_with_evidence_for(user)), pk=pk)


def school_assessments(school: School) -> QuerySet[Assessment]:
    """A school's assessments, latest first, each with its scores."""
    return (
        _with_progress(Assessment.objects.filter(school=school)).select_related("framework_version", "submitted_by")
        .prefetch_related(Prefetch("scores", queryset=BenchmarkScore.objects.order_by("number")))
        .order_by("-period")
    )


@dataclass
class CriterionAnswer:
    criterion: Criterion
    answer: Answer
    computed_figure: int | None = None

    @property
    def reference(self) -> str:
        return f"{self.criterion.benchmark.number}.{self.criterion.order}"


@dataclass
class BenchmarkAnswers:
    benchmark: Benchmark
    items: list[CriterionAnswer]
    score: ScoreRow | None = None

    @property
    def answered(self) -> int:
        return sum(item.answer.is_answered for item in self.items)

    @property
    def is_complete(self) -> bool:
        return self.answered == len(self.items)

    @property
    def is_started(self) -> bool:
        return any(item.answer.is_answered or item.answer.evidence_note or item.answer.evidence_file
                   for item in self.items)


def answers_by_benchmark(assessment: Assessment, *, number: int | None = None,
                         computed: dict[str, int | None] | None = None) -> list[BenchmarkAnswers]:
    """The assessment's benchmarks (one, with ``number``) with their criteria and answers, in order:
    two queries. ``computed`` gives the platform's own figures for counted criteria, by measure."""
    computed = computed or {}
    benchmarks = Benchmark.objects.filter(version_id=assessment.framework_version_id).order_by("number")
    if number is not None:
        benchmarks = benchmarks.filter(number=number)
    answers = list(
        Answer.objects.filter(assessment=assessment, **({"criterion__benchmark__number": number} if number else {}))
        .select_related("criterion", "criterion__benchmark")
        .order_by("criterion__benchmark__number", "criterion__order")
    )
    by_benchmark: dict[int, list[CriterionAnswer]] = {}
    for answer in answers:
        by_benchmark.setdefault(answer.criterion.benchmark_id, []).append(
            CriterionAnswer(answer.criterion, answer, computed.get(answer.criterion.measure))
        )
    return [BenchmarkAnswers(b, by_benchmark.get(b.pk, [])) for b in benchmarks]


def assessment_events(assessment: Assessment) -> QuerySet[AssessmentEvent]:
    return assessment.events.select_related("by").order_by("at", "pk")


def get_answer_for_evidence(user, pk: int) -> Answer:
    """An answer with an evidence file, for those who may read the school's evidence; 404 otherwise."""
    return get_object_or_404(
        Answer.objects.filter(assessment__school__in=schools_with_evidence_for(user).values("pk"))
        .exclude(evidence_file="").select_related("assessment"),
        pk=pk,
    )
