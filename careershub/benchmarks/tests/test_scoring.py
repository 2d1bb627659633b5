"""The scoring rules (scoring.py), on their own: examples, then properties over any answers."""
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careershub.benchmarks import scoring
from careershub.benchmarks.scoring import MET, NOT_APPLICABLE, NOT_MET, PARTLY_MET, UNANSWERED


# Examples --------------------------------------------------------------------------------------
def test_a_benchmark_scores_the_share_of_its_criteria_fully_met():
    result = scoring.score_benchmark(6, [MET, PARTLY_MET, NOT_MET])
    assert (result.met, result.applicable) == (1, 3)
    assert result.percent == Fraction(100, 3)
    assert scoring.whole(result.percent) == 33 and not result.achieved


def test_partly_met_earns_nothing_and_does_not_apply_leaves_the_count():
    assert scoring.score_benchmark(8, [MET, PARTLY_MET]).percent == 50
    assert scoring.score_benchmark(8, [MET, NOT_APPLICABLE, MET]).percent == 100
    assert scoring.score_benchmark(8, [MET, NOT_APPLICABLE, MET]).achieved


def test_a_benchmark_where_nothing_applies_scores_nothing_and_is_not_achieved():
    result = scoring.score_benchmark(6, [NOT_APPLICABLE])
    assert result.percent == 0 and not result.achieved


def test_the_overall_score_is_the_mean_of_the_benchmarks_and_counts_those_fully_achieved():
    answers = {n: [MET, MET] for n in range(1, 9)}
    answers[6] = [MET, NOT_MET]
    answers[8] = [NOT_MET, NOT_MET, MET]
    result = scoring.score_assessment(answers)
    assert result.achieved_count == 6
    assert result.overall_percent == (6 * 100 + 50 + Fraction(100, 3)) / 8
    assert scoring.whole(result.overall_percent) == 85  # 85.4
    assert scoring.stored(result.overall_percent) == Decimal("85.42")


@pytest.mark.parametrize(("figure", "answer"), [(None, UNANSWERED), (0, NOT_MET), (1, PARTLY_MET), (99, PARTLY_MET),
                                                (100, MET)])
def test_a_counted_criterion_is_answered_by_its_figure_against_the_threshold(figure, answer):
    assert scoring.status_for_figure(figure, 100) == answer


def test_a_lower_threshold_is_met_sooner():
    assert scoring.status_for_figure(80, 80) == MET
    assert scoring.status_for_figure(79, 80) == PARTLY_MET


def test_halves_round_up_when_shown_and_stored():
    assert scoring.whole(Fraction(125, 2)) == 63
    assert scoring.whole(Decimal("66.67")) == 67
    assert scoring.whole(Decimal("66.49")) == 66
    assert scoring.stored(Fraction(200, 3)) == Decimal("66.67")


def test_below_target_needs_a_target_and_a_score():
    assert scoring.below_target(Decimal("66.67"), 100)
    assert not scoring.below_target(Decimal("100.00"), 100)
    assert not scoring.below_target(Decimal("40"), None)
    assert not scoring.below_target(None, 100)
    assert scoring.below_target(Fraction(99, 1), 100) and not scoring.below_target(0.0, 0)


def test_the_mean_of_no_scores_is_none():
    assert scoring.mean([]) is None
    assert scoring.mean([Decimal("50"), 100, Fraction(25)]) == Fraction(175, 3)


# Properties ------------------------------------------------------------------------------------
answer = st.sampled_from([MET, PARTLY_MET, NOT_MET, NOT_APPLICABLE, UNANSWERED])
criteria = st.lists(answer, min_size=1, max_size=6)
assessments = st.fixed_dictionaries({n: criteria for n in range(1, 9)})


@given(criteria)
def test_every_benchmark_score_is_between_0_and_100(answers):
    result = scoring.score_benchmark(1, answers)
    assert 0 <= result.percent <= 100
    assert 0 <= scoring.whole(result.percent) <= 100
    assert Decimal(0) <= scoring.stored(result.percent) <= Decimal(100)


@given(criteria, st.data())
def test_meeting_another_criterion_never_lowers_a_score(answers, data):
    """Monotone: turning any answer that applies into met raises the score or leaves it (never lowers it)."""
    candidates = [i for i, a in enumerate(answers) if a not in (MET, NOT_APPLICABLE)]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    better = list(answers)
    better[i] = MET
    before, after = scoring.score_benchmark(1, answers), scoring.score_benchmark(1, better)
    assert after.percent > before.percent
    assert after.met == before.met + 1
    assert before.achieved <= after.achieved


@given(assessments)
def test_the_overall_score_is_the_mean_of_the_eight_and_within_0_to_100(answers):
    result = scoring.score_assessment(answers)
    assert len(result.benchmarks) == 8
    assert result.overall_percent == sum(b.percent for b in result.benchmarks) / 8
    assert 0 <= result.overall_percent <= 100
    assert result.achieved_count == sum(1 for b in result.benchmarks if b.percent == 100)
    assert scoring.mean(b.percent for b in result.benchmarks) == result.overall_percent


@given(assessments)
def test_all_met_is_every_benchmark_achieved(answers):
    all_met = {n: [MET if a != NOT_APPLICABLE else a for a in given_answers] for n, given_answers in answers.items()}
    result = scoring.score_assessment(all_met)
    for b in result.benchmarks:
        assert b.achieved == (b.applicable > 0)


@given(st.integers(min_value=0, max_value=100), st.integers(min_value=1, max_value=100))
def test_a_higher_figure_never_gives_a_worse_answer(figure, threshold):
    rank = {NOT_MET: 0, PARTLY_MET: 1, MET: 2}
    assert rank[scoring.status_for_figure(figure, threshold)] <= rank[scoring.status_for_figure(min(100, figure + 1), threshold)]
