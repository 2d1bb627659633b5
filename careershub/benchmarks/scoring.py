"""How a self-assessment is scored, as plain rules. No Django here.

Following the Careers & Enterprise Company's Compass, each benchmark is scored as the share of its
criteria that are fully met, from 0 to 100%; a benchmark is fully achieved at 100%. Partly met counts
as not met for the score (it is shown to the school as progress, not credited). A criterion that does
not apply to the school (one about students over 16, at a school without a sixth form) leaves the
benchmark's count altogether. The overall score is the mean of the benchmarks' scores, and the
headline is "benchmarks fully achieved, n of 8".

Counted criteria (about students: encounters with employers, experiences of workplaces, encounters
with further and higher education, guidance interviews) are answered with a figure, the percentage
of the cohort the criterion is about; the answer follows from the figure against the criterion's
threshold (``status_for_figure``).

Scores are kept exact (``Fraction``) until they are shown or stored.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MET = "met"
PARTLY_MET = "partly_met"
NOT_MET = "not_met"
NOT_APPLICABLE = "not_applicable"
UNANSWERED = ""
ANSWERS = (MET, PARTLY_MET, NOT_MET, NOT_APPLICABLE)
ANSWER_LABELS = {
    MET: "Met",
    PARTLY_MET: "Partly met",
    NOT_MET: "Not met",
    NOT_APPLICABLE: "Does not apply",
    UNANSWERED: "Not answered",
}
BENCHMARK_NUMBERS = tuple(range(1, 9))
HUNDRED = Fraction(100)


def status_for_figure(figure: int | None, threshold: int) -> str:
    """The answer a counted criterion's figure gives: met at or above the threshold, partly met for
    anything above nothing, not met at nothing; unanswered without a figure."""
    if figure is None:
        return UNANSWERED
    if figure >= threshold:
        return MET
    if figure > 0:
        return PARTLY_MET
    return NOT_MET


def is_answered(status: str) -> bool:
    return status in ANSWERS


@dataclass(frozen=True)
class BenchmarkResult:
    number: int
    met: int
    applicable: int

    @property
    def percent(self) -> Fraction:
        """The share of the applicable criteria that are fully met, 0 to 100 (0 when none apply)."""
        if self.applicable == 0:
            return Fraction(0)
        return HUNDRED * self.met / self.applicable

    @property
    def achieved(self) -> bool:
        return self.applicable > 0 and self.met == self.applicable


def score_benchmark(number: int, answers: Iterable[str]) -> BenchmarkResult:
    """Score one benchmark from its criteria's answers. Anything but met (partly met, not met,
    unanswered) counts against it; does not apply is left out."""
    answers = list(answers)
    applicable = [a for a in answers if a != NOT_APPLICABLE]
    return BenchmarkResult(number=number, met=sum(a == MET for a in applicable), applicable=len(applicable))


@dataclass(frozen=True)
class AssessmentResult:
    benchmarks: tuple[BenchmarkResult, ...]

    @property
    def overall_percent(self) -> Fraction:
        """The mean of the benchmarks' scores."""
        if not self.benchmarks:
            return Fraction(0)
        return sum((b.percent for b in self.benchmarks), Fraction(0)) / len(self.benchmarks)

    @property
    def achieved_count(self) -> int:
        return sum(b.achieved for b in self.benchmarks)

    def benchmark(self, number: int) -> BenchmarkResult:
        return next(b for b in self.benchmarks if b.number == number)


def score_assessment(answers: Mapping[int, Iterable[str]]) -> AssessmentResult:
    """Score an assessment from each benchmark's answers, keyed by benchmark number."""
    return AssessmentResult(tuple(score_benchmark(n, answers[n]) for n in sorted(answers)))


def stored(value: Fraction) -> Decimal:
    """A score as stored: two decimal places, halves rounded up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _exact(value: Fraction | Decimal | float | int) -> Fraction:
    if isinstance(value, Fraction):
        return value
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def whole(value: Fraction | Decimal | float | int) -> int:
    """A score as shown: a whole percentage, halves rounded up."""
    return math.floor(_exact(value) + Fraction(1, 2))


def below_target(percent: Fraction | Decimal | float | None, target: int | None) -> bool:
    """Whether a score falls short of the partnership's minimum for the benchmark (never without a
    target or without a score)."""
    if target is None or percent is None:
        return False
    return _exact(percent) < target


def mean(values: Iterable[Fraction | Decimal | float]) -> Fraction | None:
    """The mean of scores, exactly; None for no scores."""
    values = [_exact(v) for v in values]
    if not values:
        return None
    return sum(values, Fraction(0)) / len(values)
