"""The balance figures: counts and percentages by stage, small numbers suppressed so no suppressed
figure can be worked out from the others."""
from hypothesis import given
from hypothesis import strategies as st

from careershub.cohorts import balance
from careershub.cohorts.balance import Applicant, balance_of, suppressed_positions


def people(female=0, male=0, unknown=0, **stage):
    return ([Applicant(sex="F", disadvantaged=False, **stage)] * female + [Applicant(sex="M", disadvantaged=True, **stage)] * male
            + [Applicant(sex="U", disadvantaged=False, **stage)] * unknown)


def test_counts_and_percentages_are_shown_when_every_group_is_large_enough():
    row = balance_of(people(female=12, male=8, unknown=5)).gender[0]
    assert row.total == 25
    assert [c.text for c in row.cells] == ["12 (48%)", "8 (32%)", "5 (20%)"]


def test_a_group_of_fewer_than_5_is_suppressed_with_its_smallest_neighbour():
    row = balance_of(people(female=3, male=30, unknown=9)).gender[0]
    assert [c.text for c in row.cells] == ["fewer than 5", "30 (71%)", "fewer than 5"]
    assert row.cells[0].count is None and row.cells[2].percent is None


def test_zero_is_shown_and_never_chosen_to_hide_another():
    row = balance_of(people(female=3, male=30)).gender[0]
    assert [c.text for c in row.cells] == ["fewer than 5", "fewer than 5", "0 (0%)"]


def test_when_only_one_group_has_anyone_and_it_is_small_everything_is_suppressed():
    row = balance_of(people(female=3)).gender[0]
    assert all(c.suppressed for c in row.cells)


def test_two_way_disadvantage_split_suppresses_both_sides():
    row = balance_of(people(female=40, male=2)).disadvantage[0]
    assert [c.text for c in row.cells] == ["fewer than 5", "fewer than 5"]


def test_stages_count_who_reached_them():
    applicants = (people(female=6, shortlisted=True, selected=True) + people(male=7, shortlisted=True)
                  + people(male=9) + people(female=5, withdrawn=True))
    result = {row.stage: row.total for row in balance_of(applicants).gender}
    assert result == {"applied": 27, "shortlisted": 13, "selected": 6, "withdrawn": 5}


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=2, max_size=3))
def test_no_suppressed_cell_can_be_worked_out_from_the_total(counts):
    hidden = suppressed_positions(counts)
    assert all(i in hidden for i, n in enumerate(counts) if 0 < n < balance.THRESHOLD)
    # Never exactly one hidden cell among those that are not zero, or it would follow from the total.
    assert len(hidden) != 1
