"""The demo city's Gatsby Benchmark self-assessments: generated (pure) and loaded."""
import random
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.db.models import Count, Q

from careershub.accounts.models import User
from careershub.benchmarks import scoring
from careershub.benchmarks.models import (
    Answer,
    Assessment,
    BenchmarkScore,
    BenchmarkTarget,
    PartnershipBenchmarkSettings,
)
from careershub.benchmarks.terms import Term
from careershub.demo import city as demo_city
from careershub.demo.accounts import DEMO_USERNAMES
from careershub.demo.generate import CriterionShape, criterion_answers, generate_city

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def city():
    return generate_city(size="city", seed=2026, as_of=AS_OF)


# Generated ---------------------------------------------------------------------------------------
def test_every_engaged_school_has_the_three_terms_before_this_one_submitted(city):
    current = Term.of(AS_OF)
    expected = [current.previous().previous().previous(), current.previous().previous(), current.previous()]
    by_school = defaultdict(list)
    for a in city.assessments:
        by_school[a.school].append(a)
    engaged = {i for i, s in enumerate(city.schools) if s.status == "engaged"}
    assert set(by_school) == engaged
    for school, records in by_school.items():
        submitted = [a for a in records if a.status == "submitted"]
        assert [Term.named(a.academic_year, a.term) for a in submitted] == expected
        for a in submitted:
            term = Term.named(a.academic_year, a.term)
            assert Term.of(a.started_on) == term and Term.of(a.submitted_on) == term
            assert a.started_on <= a.submitted_on <= AS_OF
            assert len(a.levels) == 8 and all(0 <= level <= 1 for level in a.levels)


def test_the_demo_careers_leaders_school_has_this_terms_assessment_in_progress(city):
    drafts = [a for a in city.assessments if a.status == "draft"]
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft.school == city.demo_school and Term.named(draft.academic_year, draft.term) == Term.of(AS_OF)
    assert draft.submitted_on is None and draft.started_on <= AS_OF
    assert city.users[draft.by].username == DEMO_USERNAMES["careers_leader"]
    answered = [level is not None for level in draft.levels]
    assert answered[0] and not answered[-1] and answered == sorted(answered, reverse=True)


def test_improvement_is_uneven_and_workplaces_and_guidance_are_hardest(city):
    by_school = defaultdict(list)
    for a in city.assessments:
        if a.status == "submitted":
            by_school[a.school].append(sum(a.levels) / 8)
    change = {school: levels[-1] - levels[0] for school, levels in by_school.items()}
    dipped = sum(1 for levels in by_school.values() if levels[-1] < levels[-2] - 0.03)
    improved = sum(1 for c in change.values() if c > 0.05)
    stalled = sum(1 for c in change.values() if abs(c) <= 0.05)
    assert improved > len(change) / 2 and stalled >= 5 and 3 <= dipped <= len(change) / 4
    latest = [a for a in city.assessments if a.status == "submitted" and a.term == "summer"]
    means = [sum(a.levels[b] for a in latest) / len(latest) for b in range(8)]
    hardest = sorted(range(8), key=lambda b: means[b])[:2]
    assert set(hardest) == {5, 7}, "benchmarks 6 and 8"


def test_special_schools_and_referral_units_have_profiles_of_their_own(city):
    def mean_level(kind, benchmark):
        levels = [a.levels[benchmark - 1] for a in city.assessments
                  if a.status == "submitted" and city.schools[a.school].school_type == kind]
        return sum(levels) / len(levels)

    for kind in ("special", "pru"):
        assert mean_level(kind, 3) > mean_level("mainstream", 3)
        assert mean_level(kind, 8) > mean_level("mainstream", 8)
        assert mean_level(kind, 6) < mean_level("mainstream", 6)


def test_versions_follow_the_term_the_assessment_was_made_in():
    early = generate_city(size="small", seed=2026, as_of=date(2026, 1, 20))
    versions = Counter((a.term, a.academic_year, a.version) for a in early.assessments if a.status == "submitted")
    assert {key[:2]: key[2] for key in versions} == {
        ("spring", 2024): "gatsby-2014", ("summer", 2024): "gatsby-2014", ("autumn", 2025): "gatsby-2024",
    }
    assert early.benchmark_version == "gatsby-2024" and early.benchmark_targets == {5: 100, 6: 100}


def test_the_same_seed_gives_the_same_assessments(city):
    assert generate_city(size="city", seed=2026, as_of=AS_OF).assessments == city.assessments


SHAPES = [CriterionShape(True, 100, False), CriterionShape(True, 100, True), CriterionShape(False, None, False)]


@pytest.mark.parametrize("seed", range(20))
def test_answers_follow_the_level_and_counted_figures_match_their_answers(seed):
    rng = random.Random(seed)
    for level in (0.0, 0.3, 0.5, 0.8, 1.0):
        for sixth_form in (True, False):
            answers = criterion_answers(level, SHAPES, has_sixth_form=sixth_form, rng=rng)
            assert len(answers) == 3
            assert (answers[1][0] == "not_applicable") == (not sixth_form)
            for shape, (status, figure) in zip(SHAPES, answers):
                if shape.counted and status != "not_applicable":
                    assert scoring.status_for_figure(figure, shape.threshold) == status
                else:
                    assert figure is None
            applicable = [s for s, _ in answers if s != "not_applicable"]
            if level == 1.0:
                assert set(applicable) == {"met"}
            if level == 0.0:
                assert "met" not in applicable
    assert criterion_answers(None, SHAPES, has_sixth_form=True, rng=rng) == [("", None)] * 3


def test_a_higher_level_never_meets_fewer_criteria_with_the_same_draws():
    for seed in range(50):
        met = [sum(s == "met" for s, _ in criterion_answers(level / 10, SHAPES, has_sixth_form=True, rng=random.Random(seed)))
               for level in range(11)]
        assert met == sorted(met)


# Loaded ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_loaded_assessments_hang_together():
    built = demo_city.build(size="small", seed=2026, as_of=AS_OF)
    engaged = sum(s.status == "engaged" for s in built.schools)
    assert Assessment.objects.filter(status="submitted").count() == 3 * engaged
    assert Assessment.objects.filter(status="draft").count() == 1
    assert BenchmarkScore.objects.count() == 8 * 3 * engaged
    settings = PartnershipBenchmarkSettings.objects.get(partnership__slug=demo_city.DEMO_SLUG)
    assert settings.framework_version.key == "gatsby-2024"
    assert dict(BenchmarkTarget.objects.values_list("number", "minimum_percent")) == {5: 100, 6: 100}
    # Every submitted assessment is fully answered, and its stored scores are what the rules give.
    assert not Answer.objects.filter(assessment__status="submitted", status="").exists()
    for assessment in Assessment.objects.filter(status="submitted").prefetch_related("scores")[:12]:
        statuses = defaultdict(list)
        for a in Answer.objects.filter(assessment=assessment).select_related("criterion__benchmark"):
            statuses[a.criterion.benchmark.number].append(a.status)
        result = scoring.score_assessment(statuses)
        assert assessment.overall_percent == scoring.stored(result.overall_percent)
        assert assessment.benchmarks_achieved == result.achieved_count
        assert {s.number: s.met for s in assessment.scores.all()} == {b.number: b.met for b in result.benchmarks}
    for row in Assessment.objects.all()[:10]:
        row.full_clean(validate_unique=False, validate_constraints=False)
    # The demo careers leader's draft: some benchmarks answered, the rest not started.
    leader = User.objects.get(username=DEMO_USERNAMES["careers_leader"])
    draft = Assessment.objects.get(status="draft")
    assert draft.school == leader.assignments_for("careers_leader")[0].school and draft.started_by == leader
    counts = draft.answers.aggregate(answered=Count("pk", filter=~Q(status="")), total=Count("pk"))
    assert 0 < counts["answered"] < counts["total"]
    # Building again replaces them.
    demo_city.build(size="small", seed=2026, as_of=AS_OF)
    assert Assessment.objects.count() == 3 * engaged + 1


@pytest.mark.django_db
def test_the_demo_accounts_reach_the_benchmark_pages(client):
    demo_city.build(size="small", seed=2026, as_of=AS_OF)
    leader = User.objects.get(username=DEMO_USERNAMES["careers_leader"])
    school = leader.assignments_for("careers_leader")[0].school
    client.force_login(leader)
    page = client.get(f"/benchmarks/schools/{school.pk}/").content.decode()
    assert "Continue the Autumn 2026 self-assessment" in page and "Scores over time" in page
    client.force_login(User.objects.get(username=DEMO_USERNAMES["hub_manager"]))
    hub = client.get("/benchmarks/hub/").content.decode()
    assert "Experiences of workplaces" in hub and "Below target" in hub
