from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careershub.benchmarks.terms import Term, academic_year_label


@pytest.mark.parametrize(("day", "label", "year"), [
    (date(2026, 9, 1), "Autumn 2026", 2026), (date(2026, 12, 31), "Autumn 2026", 2026),
    (date(2027, 1, 4), "Spring 2027", 2026), (date(2027, 3, 31), "Spring 2027", 2026),
    (date(2027, 4, 1), "Summer 2027", 2026), (date(2027, 8, 31), "Summer 2027", 2026),
])
def test_a_day_falls_in_a_term_of_its_academic_year(day, label, year):
    term = Term.of(day)
    assert term.label == label and term.academic_year == year
    assert term.academic_year_label == academic_year_label(year)


def test_terms_follow_each_other_across_academic_years():
    summer = Term.named(2025, "summer")
    assert summer.next() == Term.named(2026, "autumn")
    assert summer.next().previous() == summer
    assert str(Term.named(2025, "autumn").previous()) == "Summer 2025"
    assert academic_year_label(2099) == "2099/00"


def test_a_term_index_outside_the_three_is_refused():
    with pytest.raises(ValueError):
        Term(2026, 3)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_periods_order_terms_in_time(day):
    term = Term.of(day)
    assert Term.from_period(term.period) == term
    assert term.previous().period == term.period - 1 < term.period < term.next().period
    assert term.previous() < term < term.next()
