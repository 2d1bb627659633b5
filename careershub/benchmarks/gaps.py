"""The hub's gap analysis as plain rules over plain rows. No Django here.

Each school counts once, by its latest submitted self-assessment ("now"), compared with the one it
submitted before that ("last term": normally the term before). From those rows:

- the heatmap: each school's score on each benchmark, in a colour band, marked when below target;
- the distribution: how many schools score 0–24, 25–49, 50–74, 75–99 and 100 on each benchmark, and
  the average;
- the change since last term: across the schools with both assessments, the average then and now,
  and how many schools improved, declined or stayed the same on each benchmark;
- which schools need what: per benchmark, the schools below the measure of need, weakest first. The
  measure is a threshold the reader chooses, or else the partnership's target for the benchmark, or
  else 100% (not fully achieved).

Scores are held as whole hundredths of a percentage point (66.67% is 6667), exactly as stored with
two decimal places, so that a region's thousands of scores are added and compared as integers; they are
shown as Decimal percentages, and means are exact (Fraction).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .scoring import BENCHMARK_NUMBERS, whole

# The bands of the distribution and the heatmap's colours: (lowest, highest, label), in whole
# percentages; a score is in the band its exact value falls in (100 only when fully achieved).
BANDS = ((0, 24, "0–24"), (25, 49, "25–49"), (50, 74, "50–74"), (75, 99, "75–99"), (100, 100, "100"))
BAND_LABELS = tuple(label for _, _, label in BANDS)
FULLY_ACHIEVED = 100
HUNDRED = 100


def hundredths(percent) -> int:
    """A stored score (two decimal places) as whole hundredths: Decimal("66.67") -> 6667."""
    return int(Decimal(percent) * HUNDRED)


def percent_of(value: int | None) -> Decimal | None:
    """Hundredths back to the percentage as stored: 6667 -> Decimal("66.67")."""
    return None if value is None else Decimal(value) / HUNDRED


def band_of(value: int) -> int:
    """The index in BANDS of the band a score (in hundredths) falls in."""
    if value >= 10000:
        return 4
    if value >= 7500:
        return 3
    if value >= 5000:
        return 2
    if value >= 2500:
        return 1
    return 0


def _below(value: int | None, minimum: int | None) -> bool:
    return value is not None and minimum is not None and value < minimum * HUNDRED


def _mean(values: list[int]) -> Fraction | None:
    return Fraction(sum(values), HUNDRED * len(values)) if values else None


@dataclass(frozen=True)
class Assessed:
    """One school's submitted self-assessment, as the gap analysis needs it."""

    assessment_id: int
    period: int
    term_label: str
    overall: Decimal | None
    achieved: int | None
    scores: Mapping[int, int]       # benchmark number -> score, in hundredths


@dataclass(frozen=True)
class SchoolRow:
    school_id: int
    name: str
    urn: str
    area_hub: str
    school_type: str
    school_type_label: str
    now: Assessed
    before: Assessed | None = None   # the self-assessment submitted before ``now``

    def value(self, number: int) -> int | None:
        """The score now, in hundredths."""
        return self.now.scores.get(number)

    def score(self, number: int) -> Decimal | None:
        return percent_of(self.now.scores.get(number))

    def score_before(self, number: int) -> Decimal | None:
        return percent_of(self.before.scores.get(number)) if self.before else None

    @property
    def overall_change(self) -> Decimal | None:
        if self.before is None or self.before.overall is None or self.now.overall is None:
            return None
        return self.now.overall - self.before.overall


@dataclass(frozen=True)
class Cell:
    number: int
    percent: Decimal | None
    band: int | None
    below_target: bool
    target: int | None

    @property
    def band_label(self) -> str:
        return "" if self.band is None else BAND_LABELS[self.band]


def cells(row: SchoolRow, targets: Mapping[int, int]) -> list[Cell]:
    """The heatmap's row for a school: a cell per benchmark."""
    result = []
    for number in BENCHMARK_NUMBERS:
        value = row.value(number)
        result.append(Cell(
            number=number, percent=percent_of(value), band=None if value is None else band_of(value),
            below_target=_below(value, targets.get(number)), target=targets.get(number),
        ))
    return result


def below_target_numbers(row: SchoolRow, targets: Mapping[int, int]) -> list[int]:
    """The benchmarks on which the school's score falls short of the target."""
    return [n for n in BENCHMARK_NUMBERS if _below(row.value(n), targets.get(n))]


def distribution(rows: Iterable[SchoolRow], number: int) -> list[int]:
    """How many schools fall in each band on the benchmark (schools without a score left out)."""
    counts = [0] * len(BANDS)
    for row in rows:
        value = row.value(number)
        if value is not None:
            counts[band_of(value)] += 1
    return counts


def average(rows: Iterable[SchoolRow], number: int) -> Fraction | None:
    return _mean([v for v in (row.value(number) for row in rows) if v is not None])


@dataclass(frozen=True)
class Change:
    """The change on one benchmark across the schools with a score now and last term."""

    number: int
    schools: int
    mean_before: Fraction | None
    mean_now: Fraction | None
    improved: int
    declined: int
    unchanged: int

    @property
    def difference(self) -> Fraction | None:
        if self.mean_before is None or self.mean_now is None:
            return None
        return self.mean_now - self.mean_before


def change(rows: Iterable[SchoolRow], number: int) -> Change:
    pairs = [(row.before.scores[number], row.now.scores[number]) for row in rows
             if row.before is not None and number in row.before.scores and number in row.now.scores]
    return Change(
        number=number, schools=len(pairs),
        mean_before=_mean([before for before, _ in pairs]), mean_now=_mean([now for _, now in pairs]),
        improved=sum(now > before for before, now in pairs), declined=sum(now < before for before, now in pairs),
        unchanged=sum(now == before for before, now in pairs),
    )


@dataclass(frozen=True)
class Measure:
    """What counts as a need on one benchmark: a score below ``minimum``."""

    number: int
    minimum: int
    source: str   # "threshold", "target" or "achieved"

    @property
    def label(self) -> str:
        if self.source == "threshold":
            return f"below {self.minimum}%"
        if self.source == "target":
            return f"below the target of {self.minimum}%"
        return "not fully achieved"


def measure_for(number: int, targets: Mapping[int, int], threshold: int | None) -> Measure:
    if threshold is not None:
        return Measure(number, threshold, "threshold")
    if number in targets:
        return Measure(number, targets[number], "target")
    return Measure(number, FULLY_ACHIEVED, "achieved")


def in_need(rows: Iterable[SchoolRow], measure: Measure) -> list[SchoolRow]:
    """The schools scoring below the measure on its benchmark, weakest first (then by name)."""
    number = measure.number
    needing = [row for row in rows if _below(row.value(number), measure.minimum)]
    return sorted(needing, key=lambda row: (row.value(number), row.name.casefold(), row.school_id))


@dataclass
class BenchmarkFigures:
    number: int
    name: str
    target: int | None
    schools: int
    average: Fraction | None
    distribution: list[int]
    change: Change
    measure: Measure
    needing: list[SchoolRow] = field(default_factory=list)
    below_target_count: int = 0
    open_actions: int = 0
    overdue_actions: int = 0

    @property
    def needing_scores(self) -> list[tuple[SchoolRow, Decimal, Decimal | None]]:
        """The schools in need with their score now and last term's."""
        return [(row, row.score(self.number), row.score_before(self.number)) for row in self.needing]

    @property
    def average_whole(self) -> int | None:
        return None if self.average is None else whole(self.average)

    @property
    def bands(self) -> list[tuple[str, int, int]]:
        """(label, count, share of the schools as a whole percentage) for each band."""
        return [(label, count, round(100 * count / self.schools) if self.schools else 0)
                for label, count in zip(BAND_LABELS, self.distribution)]


def figures(rows: Sequence[SchoolRow], names: Mapping[int, str], targets: Mapping[int, int],
            threshold: int | None = None) -> list[BenchmarkFigures]:
    """Every benchmark's figures from the schools' rows."""
    result = []
    for number in BENCHMARK_NUMBERS:
        measure = measure_for(number, targets, threshold)
        result.append(BenchmarkFigures(
            number=number, name=names.get(number, ""), target=targets.get(number),
            schools=sum(row.value(number) is not None for row in rows), average=average(rows, number),
            distribution=distribution(rows, number), change=change(rows, number), measure=measure,
            needing=in_need(rows, measure),
            below_target_count=sum(_below(row.value(number), targets.get(number)) for row in rows),
        ))
    return result


def overall_sort_key(row: SchoolRow):
    """Weakest first: lowest overall score, then name."""
    return (row.now.overall if row.now.overall is not None else Decimal(101), row.name.casefold(), row.school_id)


def name_sort_key(row: SchoolRow):
    return (row.name.casefold(), row.school_id)


def points(value: Fraction | Decimal | None) -> str:
    """A change in whole percentage points, signed: "+6", "−3", "0"; an en dash for none."""
    if value is None:
        return "–"
    n = whole(value) if value >= 0 else -whole(-value)
    if n > 0:
        return f"+{n}"
    if n < 0:
        return f"−{-n}"
    return "0"
