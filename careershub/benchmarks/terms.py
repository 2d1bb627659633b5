"""School terms: the academic year, which begins on 1 September, and its three terms. No Django here.

Terms are told apart by the calendar: autumn is September to December, spring January to March and
summer April to August (the summer holiday counts with the summer term, so an assessment made in
August still belongs to the year that is ending). A term is named as people say it: "Autumn 2026" is
the autumn of the 2026/27 academic year, "Summer 2027" the summer of the same year.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from careershub.core.calendar import academic_year_label

AUTUMN, SPRING, SUMMER = "autumn", "spring", "summer"
TERMS = (AUTUMN, SPRING, SUMMER)
TERM_LABELS = {AUTUMN: "Autumn", SPRING: "Spring", SUMMER: "Summer"}


@dataclass(frozen=True, order=True)
class Term:
    """One term of one academic year. Ordered by time; ``period`` counts terms since year 0."""

    academic_year: int  # the calendar year in which the academic year began
    index: int          # 0 autumn, 1 spring, 2 summer

    def __post_init__(self):
        if not 0 <= self.index < len(TERMS):
            raise ValueError(f"A term index is 0, 1 or 2, not {self.index}")

    @classmethod
    def named(cls, academic_year: int, term: str) -> Term:
        return cls(academic_year, TERMS.index(term))

    @classmethod
    def of(cls, day: date) -> Term:
        """The term ``day`` falls in."""
        if day.month >= 9:
            return cls(day.year, 0)
        return cls(day.year - 1, 1 if day.month <= 3 else 2)

    @classmethod
    def from_period(cls, period: int) -> Term:
        return cls(*divmod(period, len(TERMS)))

    @property
    def term(self) -> str:
        return TERMS[self.index]

    @property
    def period(self) -> int:
        return self.academic_year * len(TERMS) + self.index

    @property
    def calendar_year(self) -> int:
        return self.academic_year if self.index == 0 else self.academic_year + 1

    @property
    def label(self) -> str:
        return f"{TERM_LABELS[self.term]} {self.calendar_year}"

    @property
    def academic_year_label(self) -> str:
        return academic_year_label(self.academic_year)

    def previous(self) -> Term:
        return Term.from_period(self.period - 1)

    def next(self) -> Term:
        return Term.from_period(self.period + 1)

    def __str__(self) -> str:
        return self.label

