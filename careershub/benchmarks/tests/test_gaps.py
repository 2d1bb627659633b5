"""The hub's gap analysis: the rules on a known set of rows, the figures read from the database, the
page, its CSV and its endpoint, and query counts that do not grow with the number of schools."""
import csv
import io
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.benchmarks import gaps, selectors
from careershub.benchmarks.tests import factories as f
from careershub.network.tests.factories import SchoolFactory

D = Decimal


def assessed(scores: dict[int, str], *, period=10, overall=None, term="Summer 2026") -> gaps.Assessed:
    values = {n: gaps.hundredths(v) for n, v in scores.items()}
    return gaps.Assessed(assessment_id=period, period=period, term_label=term,
                         overall=D(overall) if overall else D(sum(values.values())) / 800, achieved=None, scores=values)


def row(school_id, name, now: dict, before: dict | None = None) -> gaps.SchoolRow:
    full = {n: "100" for n in range(1, 9)}
    return gaps.SchoolRow(
        school_id=school_id, name=name, urn=f"10000{school_id}", area_hub="North", school_type="mainstream",
        school_type_label="Mainstream", now=assessed({**full, **now}),
        before=assessed({**full, **before}, period=9, term="Spring 2026") if before is not None else None,
    )


# Known rows: four schools; benchmark 6 spread across every band; two schools with a term before.
ROWS = [
    row(1, "Ashby School", {6: "0", 8: "66.67"}, before={6: "0", 8: "33.33"}),
    row(2, "Brook Academy", {6: "33.33", 8: "100"}, before={6: "66.67", 8: "100"}),
    row(3, "Castle College", {6: "66.67", 8: "50"}),
    row(4, "Dale High", {6: "100", 8: "75"}, before={6: "100", 8: "75"}),
]


# The rules -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("score,band", [
    ("0", 0), ("24.99", 0), ("25", 1), ("33.33", 1), ("49.99", 1), ("50", 2), ("66.67", 2), ("74.99", 2),
    ("75", 3), ("99.99", 3), ("100", 4),
])
def test_a_score_falls_in_the_band_of_its_exact_value(score, band):
    assert gaps.band_of(gaps.hundredths(D(score))) == band
    assert gaps.percent_of(gaps.hundredths(D(score))) == D(score)


def test_the_distribution_and_average_on_a_known_set():
    assert gaps.distribution(ROWS, 6) == [1, 1, 1, 0, 1]
    assert gaps.distribution(ROWS, 8) == [0, 0, 2, 1, 1]
    assert gaps.distribution(ROWS, 1) == [0, 0, 0, 0, 4]
    assert gaps.average(ROWS, 6) == Fraction(D("200")) / 4
    assert gaps.average([], 6) is None


def test_the_change_since_last_term_is_over_the_schools_with_both():
    change = gaps.change(ROWS, 8)
    assert change.schools == 3, "Castle College has nothing to compare with"
    assert (change.improved, change.declined, change.unchanged) == (1, 0, 2)
    assert change.mean_before == (Fraction(D("33.33")) + 100 + 75) / 3
    assert change.mean_now == (Fraction(D("66.67")) + 100 + 75) / 3
    assert gaps.points(change.difference) == "+11"
    six = gaps.change(ROWS, 6)
    assert (six.improved, six.declined, six.unchanged) == (0, 1, 2)
    assert gaps.points(six.difference) == "−11"
    assert gaps.points(None) == "–" and gaps.points(Fraction(1, 3)) == "0"


def test_which_schools_need_what_by_target_threshold_or_full_achievement():
    targets = {6: 100}
    six = gaps.measure_for(6, targets, None)
    assert (six.minimum, six.label) == (100, "below the target of 100%")
    assert [r.name for r in gaps.in_need(ROWS, six)] == ["Ashby School", "Brook Academy", "Castle College"], "weakest first"
    eight = gaps.measure_for(8, targets, None)
    assert eight.label == "not fully achieved"
    assert [r.name for r in gaps.in_need(ROWS, eight)] == ["Castle College", "Ashby School", "Dale High"]
    chosen = gaps.measure_for(8, targets, 60)
    assert chosen.label == "below 60%" and [r.name for r in gaps.in_need(ROWS, chosen)] == ["Castle College"]


def test_the_heatmap_cells_carry_band_and_below_target():
    cells = gaps.cells(ROWS[1], {6: 100, 5: 100})
    six = cells[5]
    assert (six.number, six.percent, six.band_label, six.below_target, six.target) == (6, D("33.33"), "25–49", True, 100)
    assert not cells[4].below_target and cells[4].band_label == "100"
    assert not cells[7].below_target, "no target on benchmark 8"


def test_the_figures_per_benchmark():
    figures = gaps.figures(ROWS, {6: "Experiences of workplaces"}, {6: 100})
    six = figures[5]
    assert (six.number, six.name, six.target, six.schools, six.below_target_count) == (6, "Experiences of workplaces", 100, 4, 3)
    assert six.bands == [("0–24", 1, 25), ("25–49", 1, 25), ("50–74", 1, 25), ("75–99", 0, 0), ("100", 1, 25)]
    assert [(r.name, str(score), str(before)) for r, score, before in six.needing_scores] == [
        ("Ashby School", "0", "0"), ("Brook Academy", "33.33", "66.67"), ("Castle College", "66.67", "None")]


# From the database ----------------------------------------------------------------------------------
@pytest.fixture
def terms(cast):
    """cast.school: two terms, improving on benchmark 6; cast.other_school: one term. Targets: 5 and 6 at 100%."""
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    last = f.this_term().previous()
    f.submitted(cast.school, cast.careers_leader, last.previous(), met_share={6: 0, 8: 3})
    f.submitted(cast.school, cast.careers_leader, last, met_share={6: 2, 8: 1})
    f.submitted(cast.other_school, cast.other_careers_leader, last, met_share={6: 1})
    return last


def test_the_gap_analysis_reads_each_schools_latest_and_previous_assessment(cast, terms):
    analysis = selectors.gap_analysis(cast.hub_manager)
    assert [r.name for r in analysis.rows] == ["Northfield Academy", "Southgate High"]
    north, south = analysis.rows
    assert north.now.term_label == terms.label and north.before.term_label == terms.previous().label
    assert (north.score(6), north.score_before(6), north.value(6)) == (D("66.67"), D("0"), 6667)
    assert south.before is None
    six = analysis.benchmark(6)
    assert (six.schools, six.below_target_count, six.distribution) == (2, 2, [0, 1, 1, 0, 0])
    assert six.change.schools == 1 and six.change.improved == 1 and gaps.points(six.change.difference) == "+67"
    eight = analysis.benchmark(8)
    assert eight.change.declined == 1 and [r.name for r in eight.needing] == ["Northfield Academy"]
    assert analysis.schools_in_view == 2 and analysis.without_assessment == 0 and analysis.compared == 1


def test_the_gap_analysis_is_scoped_and_filtered(cast, terms):
    coordinator = selectors.gap_analysis(cast.enterprise_coordinator)
    assert [r.name for r in coordinator.rows] == ["Northfield Academy"] and coordinator.scope_label == "North"
    south = selectors.gap_analysis(cast.analyst, area_hub=cast.other_area_hub)
    assert [r.name for r in south.rows] == ["Southgate High"]
    SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, school_type="special", name="Hillside Special")
    special = selectors.gap_analysis(cast.hub_manager, school_type="special")
    assert special.rows == [] and special.schools_in_view == 1 and special.without_assessment == 1
    assert selectors.gap_analysis(cast.careers_leader).rows == [], "nobody else's schools"


def test_open_and_overdue_actions_are_counted_by_benchmark(cast, terms):
    kiln = f.cornerstone(cast.employer)
    f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school], owner=kiln))
    f.hub_action(cast.hub_manager, cast.partnership, [cast.other_school], owner=kiln)
    f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, benchmark=8)
    analysis = selectors.gap_analysis(cast.hub_manager)
    assert (analysis.open_actions, analysis.overdue_actions) == (3, 1)
    assert (analysis.benchmark(6).open_actions, analysis.benchmark(6).overdue_actions) == (2, 1)
    north = selectors.gap_analysis(cast.enterprise_coordinator)
    assert (north.benchmark(6).open_actions, north.benchmark(8).open_actions) == (1, 1)


# The page --------------------------------------------------------------------------------------------
def text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main"):body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#x27;", "'").replace("&amp;", "&")


def test_the_page_shows_the_heatmap_distribution_change_and_need(cast, terms, client_for):
    kiln = f.cornerstone(cast.employer)
    f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln))
    client = client_for(cast.hub_manager)
    response = client.get("/benchmarks/gaps/")
    page, body = text(response), response.content.decode()
    assert response.status_code == 200
    assert "2 of 2 schools and colleges with a submitted self-assessment" in page
    assert re.search(r"Northfield Academy North, \S+ \d{4} (100% ){5}67% ▼ , below target 100% 33% 88% 0 "
                     r"Southgate High South, \S+ \d{4} (100% ){5}33% ▼ , below target 100% 100% 92% –", page)
    assert 'class="govuk-table__cell govuk-table__cell--numeric ch-heat ch-heat--2 ch-heat--below"' in body
    assert "6. Experiences of workplaces 0 1 1 0 0 50% 2 of 2" in page
    assert "6. Experiences of workplaces 0% 67% +67 1 0 0" in page
    assert "6. Experiences of workplaces 2 schools in need on benchmark 6 below the target of 100% 1 open actions on benchmark 6 1 overdue" in page
    assert "1 overdue" in page and 'href="/benchmarks/actions/?status=overdue"' in body
    assert body.count('aria-hidden="true"') >= 1 and 'class="ch-chart" aria-hidden="true"' in body
    need = text(client.get("/benchmarks/gaps/?need=6"))
    assert "Benchmark 6, Experiences of workplaces: 2 schools below the target of 100%" in need
    assert re.search(r"Southgate High South 33% – Northfield Academy North 67% 0%", need), "weakest first, with last term"
    assert "Raise an action for these schools" in need


def test_the_page_filters_by_area_hub_type_and_threshold(cast, terms, client_for):
    client = client_for(cast.hub_manager)
    page = text(client.get(f"/benchmarks/gaps/?area_hub={cast.other_area_hub.pk}&threshold=50&need=6"))
    assert "Southgate High" in page and "Northfield Academy" not in page
    assert "Benchmark 6, Experiences of workplaces: 1 school below 50%" in page
    body = client.get(f"/benchmarks/gaps/?area_hub={cast.other_area_hub.pk}&threshold=50").content.decode()
    assert f'href="/benchmarks/gaps/report.pdf?area_hub={cast.other_area_hub.pk}&amp;threshold=50"' in body
    assert f'href="?area_hub={cast.other_area_hub.pk}&amp;threshold=50&amp;format=csv"' in body
    refused = client.get("/benchmarks/gaps/?threshold=120&school_type=castle")
    assert refused.status_code == 400 and refused.content.decode().count("<title>Error: ") == 1
    assert "Enter a score from 0 to 100" in text(refused)
    assert "Select a type of school or college from the list" in text(refused)


def test_analysts_read_the_page_but_raise_no_actions(cast, terms, client_for):
    page = text(client_for(cast.analyst).get("/benchmarks/gaps/?need=6"))
    assert "Benchmark 6, Experiences of workplaces: 2 schools" in page and "Raise an action" not in page


def test_the_csv_has_a_row_per_school_with_overall_term_and_change(cast, terms, client_for):
    response = client_for(cast.hub_manager).get("/benchmarks/gaps/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gap-analysis-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["School or college", "URN", "Area hub", "Type", "Term", *(f"Benchmark {n} (%)" for n in range(1, 9)),
                       "Overall (%)", "Benchmarks fully achieved", "Previous term", "Overall previous term (%)",
                       "Overall change (points)"]
    north = rows[1]
    assert north[0] == "Northfield Academy" and north[2] == "North" and north[4] == terms.label
    assert north[5:13] == ["100", "100", "100", "100", "100", "66.67", "100", "33.33"]
    assert north[13:] == ["87.5", "6", terms.previous().label, "87.5", "0"]
    assert rows[2][0] == "Southgate High" and rows[2][-3:] == ["", "", ""]
    assert len(rows) == 3
    bad = client_for(cast.hub_manager).get("/benchmarks/gaps/?format=csv&threshold=abc")
    assert bad.status_code == 400 and "Enter the score as a whole number" in bad.content.decode()


def test_the_endpoint_serves_the_same_figures(cast, terms, client_for):
    client = client_for(cast.enterprise_coordinator)
    data = client.get("/api/benchmarks/gaps?threshold=80").json()
    assert data["scope"] == "North" and data["schools_assessed"] == 1 and data["threshold"] == 80
    six = data["benchmarks"][5]
    assert six["distribution"][2] == {"band": "50–74", "schools": 1}
    assert six["need_measure"] == "below 80%" and six["schools_in_need"][0]["school_name"] == "Northfield Academy"
    assert six["change"]["improved"] == 1 and six["change"]["change_points"] == 66.67
    school = data["schools"][0]
    assert school["scores"] == [100, 100, 100, 100, 100, 66.67, 100, 33.33] and school["below_target"] == [6]
    assert school["overall_change"] == 0 and school["previous_overall_percent"] == 87.5
    assert client.get(f"/api/benchmarks/gaps?area_hub_id={cast.other_area_hub.pk}").status_code == 404
    assert client.get("/api/benchmarks/gaps?school_type=castle").status_code == 400


# Query counts ---------------------------------------------------------------------------------------
def add_schools(cast, n: int, term) -> None:
    for i in range(n):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub if i % 2 else cast.other_area_hub)
        leader = UserFactory()
        RoleAssignmentFactory(user=leader, role=Role.CAREERS_LEADER, partnership=cast.partnership, school=school)
        f.submitted(school, leader, term.previous(), met_share={6: i % 3})
        f.submitted(school, leader, term, met_share={6: (i + 1) % 3, 8: i % 4})
        if i % 5 == 0:
            f.hub_action(cast.hub_manager, cast.partnership, [school], owner=cast.enterprise_coordinator)


@pytest.mark.parametrize("url", ["/benchmarks/gaps/?need=6", "/benchmarks/gaps/?format=csv", "/api/benchmarks/gaps"])
def test_the_gap_analysis_reads_in_the_same_queries_for_3_and_30_schools(cast, client_for, url):
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term().previous()
    add_schools(cast, 3, term)
    client = client_for(cast.hub_manager)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_schools(cast, 27, term)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large) == len(small), [q["sql"][:80] for q in large.captured_queries]
    if url.startswith("/api"):
        assert response.json()["schools_assessed"] == 30
    # The figures themselves: one query for the assessments, one for their scores, however many schools.
    scores = [q for q in large.captured_queries if 'FROM "benchmarks_benchmarkscore"' in q["sql"]]
    assert len(scores) == 1
