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
  its targets;
- the gap analysis (every school's latest scores side by side, the distribution, the change since
  last term, which schools need what): the hub manager and analysts, for the whole partnership;
  enterprise coordinators, for their area hubs;
- action plans: the hub manager and analysts see every action of the partnership; a coordinator,
  those serving their area hubs' schools and those they own; a school's careers leaders and
  teachers, those serving or owned by their school; enterprise advisers, those serving the school
  they are matched to now; employer contacts, those their employer owns. The hub manager manages
  (edits, cancels) any; a coordinator, the hub actions whose schools are all in their area hubs and
  the school actions of those schools; a careers leader, their school's own actions. An action's
  owner (the employer's contacts, the member of hub staff, the owning school's careers leader)
  reports progress on it.

Young people, parents and carers, mentors, careers advisers and administrators see none of it.
Everything here is read in a fixed number of queries, whatever the number of schools or terms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Cast, Round, RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.accounts.models import User
from careershub.accounts.roles import HUB_STAFF, Role
from careershub.advisers.models import AdviserMatch
from careershub.network.models import AreaHub, Employer, Partnership, School

from . import action_rules, gaps, scoring
from .models import (
    Action,
    ActionNote,
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
GAP_READERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST)
ACTION_READERS = SCORE_READERS
# Roles that may report progress on an action, each for the actions they manage or own.
PROGRESS_REPORTERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT)
SCHOOL_ACTION_MANAGERS = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER)
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


# The gap analysis --------------------------------------------------------------------------------
def _hub_school_condition(user) -> Q:
    condition = Q(pk__in=[])
    if not user.is_authenticated:
        return condition
    for a in user._assignments():
        if a.role in (Role.HUB_MANAGER, Role.ANALYST):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(area_hub_id=a.area_hub_id)
    return condition


def gap_schools_for(user) -> QuerySet[School]:
    """The schools in this person's gap analysis: the partnership's for the hub manager and analysts,
    their area hubs' for a coordinator."""
    return School.objects.filter(_hub_school_condition(user))


def gap_scope_label(user) -> str:
    if any(a.role in (Role.HUB_MANAGER, Role.ANALYST) for a in user._assignments()):
        return "the partnership"
    names = sorted(a.area_hub.name for a in user.assignments_for(Role.ENTERPRISE_COORDINATOR) if a.area_hub_id)
    return ", ".join(names) if names else "your area hubs"


@dataclass
class GapAnalysis:
    """Everything the gap analysis page, its CSV, its PDF and its endpoint show."""

    partnership: Partnership
    scope_label: str
    today: object
    rows: list[gaps.SchoolRow]            # schools with a submitted self-assessment, by name
    benchmarks: list[gaps.BenchmarkFigures]
    targets: dict[int, int]
    names: dict[int, str]
    threshold: int | None
    schools_in_view: int                   # every school the filters select, assessed or not
    open_actions: int = 0
    overdue_actions: int = 0

    @property
    def without_assessment(self) -> int:
        return self.schools_in_view - len(self.rows)

    @property
    def compared(self) -> int:
        """Schools with a self-assessment last term to compare with."""
        return sum(row.before is not None for row in self.rows)

    @property
    def single_assessment(self) -> int:
        """Schools with no self-assessment before their latest."""
        return len(self.rows) - self.compared

    def cells(self, row: gaps.SchoolRow) -> list[gaps.Cell]:
        return gaps.cells(row, self.targets)

    def benchmark(self, number: int) -> gaps.BenchmarkFigures:
        return self.benchmarks[number - 1]

    @property
    def overall_average(self) -> Decimal | None:
        value = scoring.mean(row.now.overall for row in self.rows if row.now.overall is not None)
        return None if value is None else scoring.stored(value)


@lru_cache(maxsize=256)
def _term_label(academic_year: int, term: str) -> str:
    return Term.named(academic_year, term).label


def gap_rows(schools: QuerySet[School]) -> list[gaps.SchoolRow]:
    """Each school's latest two submitted self-assessments and their scores, in two queries however
    many schools and terms: the assessments ranked within each school (a window function), then the
    scores of those kept, a row per assessment."""
    ranked = list(
        Assessment.objects.filter(status=SUBMITTED, school__in=schools.values("pk"))
        .annotate(rank=Window(RowNumber(), partition_by=[F("school_id")], order_by=[F("period").desc(), F("pk").desc()]))
        .filter(rank__lte=2)
        .values_list("pk", "rank", "school_id", "period", "academic_year", "term", "overall_percent",
                     "benchmarks_achieved", "school__name", "school__urn", "school__school_type", "school__area_hub__name")
    )
    scores: dict[int, dict[int, int]] = {}
    if ranked:
        # The eight scores in whole hundredths (converted by the database: integers are quicker to read
        # and add), one row per assessment rather than one per score.
        hundredths = Cast(Round(F("percent") * 100), output_field=IntegerField())
        columns = {f"s{n}": Max(hundredths, filter=Q(number=n)) for n in scoring.BENCHMARK_NUMBERS}
        for assessment_id, *values in (BenchmarkScore.objects.filter(assessment_id__in=[r[0] for r in ranked])
                                       .values("assessment_id").annotate(**columns).order_by()
                                       .values_list("assessment_id", *columns)):
            scores[assessment_id] = {n: v for n, v in zip(scoring.BENCHMARK_NUMBERS, values) if v is not None}

    def assessed(r) -> gaps.Assessed:
        return gaps.Assessed(assessment_id=r[0], period=r[3], term_label=_term_label(r[4], r[5]), overall=r[6],
                             achieved=r[7], scores=scores.get(r[0], {}))

    by_school: dict[int, dict[int, tuple]] = {}
    for r in ranked:
        by_school.setdefault(r[2], {})[r[1]] = r
    type_labels = dict(School.Type.choices)
    rows = []
    for school_id, kept in by_school.items():
        now = kept[1]
        rows.append(gaps.SchoolRow(
            school_id=school_id, name=now[8], urn=now[9], area_hub=now[11] or "", school_type=now[10],
            school_type_label=type_labels.get(now[10], now[10]),
            now=assessed(now), before=assessed(kept[2]) if 2 in kept else None,
        ))
    rows.sort(key=gaps.name_sort_key)
    return rows


def _serving(schools: QuerySet) -> Exists:
    """Actions serving at least one of ``schools`` (a queryset of school ids)."""
    return Exists(Action.schools.through.objects.filter(action_id=OuterRef("pk"), school_id__in=schools))


def gap_analysis(user, *, area_hub: AreaHub | None = None, school_type: str = "", threshold: int | None = None,
                 today=None) -> GapAnalysis | None:
    """The gap analysis across the schools this person may analyse (None for anyone else), narrowed
    to one area hub and one type of school if given. A fixed number of queries, whatever the number
    of schools: the partnership's targets and benchmark names, the schools' latest two assessments,
    their scores, a count of the schools, and the open actions serving them by benchmark."""
    partnership = partnership_for_scores(user)
    if partnership is None:
        return None
    today = today or timezone.localdate()
    schools = gap_filtered_schools(user, area_hub=area_hub, school_type=school_type)
    targets = targets_for(partnership.pk)
    version = version_for(partnership, today)
    names = benchmark_names().get(version.pk, {}) if version else {}
    rows = gap_rows(schools)
    analysis = GapAnalysis(
        partnership=partnership, scope_label=gap_scope_label(user), today=today, rows=rows,
        benchmarks=gaps.figures(rows, names, targets, threshold), targets=targets, names=names, threshold=threshold,
        schools_in_view=schools.count(),
    )
    counts = (
        Action.objects.filter(partnership=partnership, status__in=action_rules.OPEN)
        .filter(_serving(schools.values("pk")))
        .values("benchmark_number").annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    )
    for group in counts:
        figures = analysis.benchmark(group["benchmark_number"])
        figures.open_actions, figures.overdue_actions = group["open"], group["overdue"]
        analysis.open_actions += group["open"]
        analysis.overdue_actions += group["overdue"]
    return analysis


# Action plans ------------------------------------------------------------------------------------
def _matched_school_ids(user) -> QuerySet:
    return AdviserMatch.objects.filter(adviser__user_id=user.pk, ended_on__isnull=True).values("school_id")


def _action_condition(user) -> Q:
    condition = Q(pk__in=[])
    if not user.is_authenticated:
        return condition
    for a in user._assignments():
        if a.role in (Role.HUB_MANAGER, Role.ANALYST):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(_serving(School.objects.filter(area_hub_id=a.area_hub_id).values("pk")))
            condition |= Q(owner_person_id=user.pk)
        elif a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id:
            condition |= Q(_serving([a.school_id])) | Q(owner_school_id=a.school_id)
        elif a.role == Role.ENTERPRISE_ADVISER:
            condition |= Q(_serving(_matched_school_ids(user)))
        elif a.role == Role.EMPLOYER_CONTACT and a.employer_id:
            condition |= Q(owner_kind=Action.OwnerKind.EMPLOYER, owner_employer_id=a.employer_id)
    return condition


def actions_visible_to(user) -> QuerySet[Action]:
    """The actions this person may read, each with its owner and ``school_count``."""
    return (
        Action.objects.filter(_action_condition(user))
        .select_related("owner_employer", "owner_person", "owner_school")
        .annotate(school_count=Count("schools", distinct=True))
    )


def get_action_for_user(user, pk: int) -> Action:
    """An action this person may read, with the schools it serves; 404 for anyone else."""
    return get_object_or_404(
        actions_visible_to(user).select_related("partnership", "created_by", "owner_school__area_hub").prefetch_related(
            Prefetch("schools", queryset=School.objects.select_related("area_hub").order_by("name", "pk"))
        ),
        pk=pk,
    )


def filter_actions(actions: QuerySet[Action], *, benchmark: int | None = None, status: str = "", level: str = "",
                   school: School | None = None, today=None) -> QuerySet[Action]:
    """``status`` is one of the statuses, "open" (not started or in progress) or "overdue"."""
    today = today or timezone.localdate()
    if benchmark:
        actions = actions.filter(benchmark_number=benchmark)
    if status == "open":
        actions = actions.filter(status__in=action_rules.OPEN)
    elif status == "overdue":
        actions = actions.filter(status__in=action_rules.OPEN, due_on__lt=today)
    elif status:
        actions = actions.filter(status=status)
    if level:
        actions = actions.filter(level=level)
    if school is not None:
        actions = actions.filter(Q(_serving([school.pk])) | Q(owner_school=school))
    return actions


def in_plan_order(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Open actions first, soonest due (so the overdue lead), then those done or cancelled."""
    from django.db.models import Case, IntegerField, Value, When

    return actions.annotate(
        closed=Case(When(status__in=action_rules.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("closed", "due_on", "pk")


@dataclass(frozen=True)
class ActionSummary:
    total: int
    open: int
    overdue: int
    done: int


def action_summary(user, today=None) -> ActionSummary:
    """How many actions this person sees, open, overdue and done: one aggregate query."""
    today = today or timezone.localdate()
    figures = Action.objects.filter(_action_condition(user)).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(status__in=action_rules.OPEN)),
        overdue=Count("pk", filter=Q(status__in=action_rules.OPEN, due_on__lt=today)),
        done=Count("pk", filter=Q(status=action_rules.DONE)),
    )
    return ActionSummary(**figures)


def action_notes(action: Action) -> QuerySet[ActionNote]:
    return action.notes.select_related("by").order_by("at", "pk")


def school_actions(user, school: School) -> list[Action]:
    """The actions serving or owned by the school that this person may read: open ones first, soonest due."""
    return list(in_plan_order(filter_actions(actions_visible_to(user), school=school)))


# Who may do what with actions -----------------------------------------------------------------
def _coordinated_hubs(user) -> set[int]:
    return {a.area_hub_id for a in user.assignments_for(Role.ENTERPRISE_COORDINATOR) if a.area_hub_id}


def _manages_partnership(user, partnership_id: int) -> bool:
    return any(a.partnership_id == partnership_id for a in user.assignments_for(Role.HUB_MANAGER))


def may_create_hub_action(user) -> bool:
    return user.is_authenticated and user.has_any_role(HUB_STAFF)


def schools_for_hub_actions(user) -> QuerySet[School]:
    """The schools this person may have a hub action serve, or own one: the partnership's for the
    hub manager, their area hubs' for a coordinator."""
    if not user.is_authenticated:
        return School.objects.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role == Role.HUB_MANAGER:
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(area_hub_id=a.area_hub_id)
    return School.objects.filter(condition).select_related("area_hub")


def schools_for_actions_form(user, chosen=()) -> QuerySet[School]:
    """The schools a hub action form offers: the engaged schools this person works with and those already
    chosen (first), then by area hub and name."""
    from django.db.models import Case, IntegerField, Value, When

    chosen = list(chosen)
    return (
        schools_for_hub_actions(user).filter(Q(status=School.Status.ENGAGED) | Q(pk__in=chosen))
        .annotate(first=Case(When(pk__in=chosen, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("first", "area_hub__name", "name", "pk")
    )


def action_partnership(user) -> Partnership | None:
    """The partnership whose hub actions this person raises: that of their hub staff role."""
    if not user.is_authenticated:
        return None
    for a in user._assignments():
        if a.role in HUB_STAFF:
            return a.partnership
    return None


def cornerstone_employers(partnership: Partnership) -> QuerySet[Employer]:
    return Employer.objects.filter(partnership=partnership, is_cornerstone=True).order_by("name", "pk")


def hub_staff(partnership: Partnership) -> QuerySet[User]:
    """The people who may own a hub action as hub staff: the partnership's hub manager and coordinators."""
    return (
        User.objects.filter(is_active=True, role_assignments__partnership=partnership,
                            role_assignments__role__in=HUB_STAFF)
        .distinct().order_by("first_name", "last_name", "pk")
    )


def may_manage_action(user, action: Action) -> bool:
    """The hub manager: any action of the partnership. A coordinator: the hub actions whose schools
    are all in their area hubs, and the school actions of those schools. A careers leader: their
    school's own actions."""
    if not user.is_authenticated:
        return False
    if _manages_partnership(user, action.partnership_id):
        return True
    hubs = _coordinated_hubs(user)
    if action.level == Action.Level.SCHOOL:
        if action.owner_school_id and any(a.school_id == action.owner_school_id
                                          for a in user.assignments_for(Role.CAREERS_LEADER)):
            return True
        return bool(hubs) and action.owner_school is not None and action.owner_school.area_hub_id in hubs
    if not hubs:
        return False
    served = {school.area_hub_id for school in action.schools.all()}
    return bool(served) and served <= hubs


def owns_action(user, action: Action) -> bool:
    """Whether this person reports progress as the action's owner."""
    if not user.is_authenticated:
        return False
    if action.owner_kind == Action.OwnerKind.EMPLOYER:
        return any(a.employer_id == action.owner_employer_id for a in user.assignments_for(Role.EMPLOYER_CONTACT))
    if action.owner_kind == Action.OwnerKind.PERSON:
        return action.owner_person_id == user.pk
    return any(a.school_id == action.owner_school_id for a in user.assignments_for(Role.CAREERS_LEADER))


def may_report_progress(user, action: Action) -> bool:
    return may_manage_action(user, action) or owns_action(user, action)


def may_create_school_action(user, school: School) -> bool:
    """The school's careers leader, the coordinator of its area hub and the hub manager."""
    if not user.is_authenticated:
        return False
    if _manages_partnership(user, school.partnership_id):
        return True
    if school.area_hub_id and school.area_hub_id in _coordinated_hubs(user):
        return True
    return any(a.school_id == school.pk for a in user.assignments_for(Role.CAREERS_LEADER))


def school_gaps(school: School) -> list[int]:
    """The benchmarks the school has not fully achieved in its latest submitted self-assessment (every
    benchmark while it has none): the gaps a school action may be raised against."""
    latest = Assessment.objects.filter(school=school, status=SUBMITTED).order_by("-period").values("pk")[:1]
    achieved = set(BenchmarkScore.objects.filter(assessment_id__in=Subquery(latest), achieved=True)
                   .values_list("number", flat=True))
    return [n for n in scoring.BENCHMARK_NUMBERS if n not in achieved]


def hub_actions_serving(user, schools: QuerySet[School]) -> QuerySet[Action]:
    """The hub actions this person may read that serve any of ``schools``: open ones first, soonest due."""
    return in_plan_order(actions_visible_to(user).filter(level=Action.Level.HUB).filter(_serving(schools.values("pk"))))


def gap_filtered_schools(user, *, area_hub: AreaHub | None = None, school_type: str = "") -> QuerySet[School]:
    schools = gap_schools_for(user)
    if area_hub is not None:
        schools = schools.filter(area_hub=area_hub)
    if school_type:
        schools = schools.filter(school_type=school_type)
    return schools
