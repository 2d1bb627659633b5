"""PDF reports of the Gatsby Benchmarks, drawn by WeasyPrint from HTML templates.

- A school's report: its latest scores against the partnership's targets, its scores across terms (a
  table and a bar chart), its gaps and the actions serving it.
- The hub's report: the average and distribution of scores on each benchmark, the change since last
  term, the schools below target on each, and the hub actions with their status.

Both are A4 in the partnership's brand (its purple and the system's fonts), with the title, the date
and page numbers on every page, and are tagged PDF/UA-1 (headings, tables and reading order for
screen readers). careershub.core.pdf draws them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from careershub.network.models import School

from . import gaps, scoring, selectors

TREND_CHART = {"width": 480, "height": 170, "left": 34, "bottom": 26, "top": 16}


@dataclass(frozen=True)
class Report:
    title: str
    filename: str
    html: str


def _filename(prefix: str, name: str, today: date) -> str:
    return f"{prefix}-{slugify(name) or 'report'}-{today:%Y-%m-%d}.pdf"


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def trend_bars(trend: list[selectors.HistoryRow]) -> dict:
    """A bar per term for the overall score, laid out for an inline SVG chart (the table beside it
    has the same figures)."""
    c = TREND_CHART
    plot_width, plot_height = c["width"] - c["left"] - 8, c["height"] - c["bottom"] - c["top"]
    slot = plot_width / max(len(trend), 1)
    bars = []
    for i, h in enumerate(trend):
        value = h.assessment.overall_percent or 0
        height = float(value) / 100 * plot_height
        x = c["left"] + i * slot + slot * 0.2
        bars.append({
            "x": round(x, 1), "width": round(slot * 0.6, 1), "y": round(c["top"] + plot_height - height, 1),
            "height": round(height, 1), "label": h.assessment.term_label, "label_x": round(x + slot * 0.3, 1),
            "value": scoring.whole(value), "value_y": round(c["top"] + plot_height - height - 4, 1),
        })
    gridlines = [{"y": round(c["top"] + plot_height * (1 - p / 100), 1), "label": p} for p in (0, 25, 50, 75, 100)]
    return {**c, "bars": bars, "gridlines": gridlines, "axis_y": c["top"] + plot_height, "label_y": c["height"] - 8,
            "right": c["width"] - 8}


def school_report(user, school: School, *, today: date | None = None) -> Report:
    """The school's report, with the actions this person may read."""
    today = today or timezone.localdate()
    data = selectors.school_benchmarks(school, today)
    latest = data.latest
    below, not_achieved = [], []
    if latest:
        below = [row for row in latest.rows if row.below_target]
        not_achieved = [row for row in latest.rows if row.percent is not None and not row.achieved and not row.below_target]
    title = f"{school.name}: Gatsby Benchmarks report"
    html = render_to_string("benchmarks/reports/school.html", {
        "title": title, "school": school, "partnership": school.partnership, "data": data, "latest": latest,
        "below": below, "not_achieved": not_achieved, "actions": selectors.school_actions(user, school),
        "chart": trend_bars(data.trend), "today": today, "today_label": _long_date(today),
    })
    return Report(title, _filename("gatsby-benchmarks", school.name, today), html)


def hub_report(user, analysis: selectors.GapAnalysis, *, area_hub=None, school_type: str = "") -> Report:
    """The hub's report over the schools the gap analysis covers (its filters applied)."""
    today = analysis.today
    scope = [analysis.scope_label if area_hub is None else area_hub.name]
    if school_type:
        scope.append(dict(School.Type.choices).get(school_type, school_type).lower() + " schools only")
    if analysis.threshold is not None:
        scope.append(f"schools in need: below {analysis.threshold}%")
    schools = selectors.gap_filtered_schools(user, area_hub=area_hub, school_type=school_type)
    title = f"{analysis.partnership.name}: Gatsby Benchmarks gap analysis"
    html = render_to_string("benchmarks/reports/hub.html", {
        "title": title, "analysis": analysis, "partnership": analysis.partnership, "scope": ", ".join(scope),
        "actions": list(selectors.hub_actions_serving(user, schools)), "band_labels": gaps.BAND_LABELS,
        "today": today, "today_label": _long_date(today),
    })
    return Report(title, _filename("gap-analysis", analysis.partnership.name, today), html)
