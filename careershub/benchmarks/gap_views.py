"""The hub's gap analysis (page, CSV) and the PDF reports: one per school, one for the hub.

The gap analysis is for the hub manager and analysts (the whole partnership) and enterprise
coordinators (their area hubs). A school's report is for everyone who reads its scores; the hub's
report for those who read the gap analysis, with the same filters.
"""
import csv
import io
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from careershub.core.csv_import import escape_cell
from careershub.core.paging import page_of
from careershub.core.pdf import render_pdf
from careershub.core.permissions import roles

from . import gaps, reports, scoring, selectors
from .forms import GapFilterForm

# The most schools a "raise an action for these schools" link fills in.
PREFILL_LIMIT = 100


def _filter_form(request) -> GapFilterForm:
    data = request.GET if any(name in request.GET for name in ("area_hub", "school_type", "threshold", "sort")) else None
    return GapFilterForm(data, area_hubs=selectors.area_hubs_for_filter(request.user))


def _analysis(request, form: GapFilterForm) -> selectors.GapAnalysis:
    analysis = selectors.gap_analysis(request.user, **form.filters())
    if analysis is None:
        raise Http404
    return analysis


def _filter_query(form: GapFilterForm) -> str:
    """The filters in force, as a query string for the page's links (CSV, PDF, schools in need)."""
    if not form.is_bound or not form.is_valid():
        return ""
    data = form.cleaned_data
    pairs = [
        ("area_hub", data["area_hub"].pk if data.get("area_hub") else ""),
        ("school_type", data.get("school_type") or ""),
        ("threshold", "" if data.get("threshold") is None else data["threshold"]),
        ("sort", data.get("sort") or ""),
    ]
    return urlencode([(k, v) for k, v in pairs if v != ""])


def _need(request) -> int | None:
    raw = request.GET.get("need", "")
    return int(raw) if raw.isdigit() and int(raw) in scoring.BENCHMARK_NUMBERS else None


@roles(*selectors.GAP_READERS)
def gap_analysis(request):
    """The gap analysis; ``?format=csv`` downloads the heatmap, a row per school."""
    form = _filter_form(request)
    analysis = _analysis(request, form)
    if request.GET.get("format") == "csv":
        if form.errors:
            return HttpResponse("Check the filters: " + " ".join(e for errors in form.errors.values() for e in errors),
                                status=400, content_type="text/plain; charset=utf-8")
        return csv_response(analysis)
    sort = form.cleaned_data.get("sort") if form.is_bound and form.is_valid() else ""
    rows = sorted(analysis.rows, key=gaps.overall_sort_key) if sort == "overall" else analysis.rows
    page, numbers = page_of(request, rows)
    need = _need(request)
    needing = analysis.benchmark(need) if need else None
    query = _filter_query(form)
    raise_url = None
    if needing and needing.needing and selectors.may_create_hub_action(request.user):
        raise_url = reverse("benchmarks:action_create") + "?" + urlencode(
            [("benchmark", need)] + [("school", row.school_id) for row in needing.needing[:PREFILL_LIMIT]]
        )
    return render(request, "benchmarks/gap_analysis.html", {
        "analysis": analysis, "filter_form": form, "filtered": bool(query), "query": query,
        "page_obj": page, "page_numbers": numbers,
        "heat_rows": [(row, analysis.cells(row)) for row in page.object_list],
        "bands": list(enumerate(gaps.BAND_LABELS)), "need": need, "needing": needing, "raise_url": raise_url,
        "prefill_limit": PREFILL_LIMIT,
    }, status=400 if form.errors else 200)


# CSV -----------------------------------------------------------------------------------------------
def _number(value) -> str:
    """A stored score as a plain number: 100, 66.67, 50."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


CSV_COLUMNS = (
    "School or college", "URN", "Area hub", "Type", "Term",
    *(f"Benchmark {n} (%)" for n in scoring.BENCHMARK_NUMBERS),
    "Overall (%)", "Benchmarks fully achieved", "Previous term", "Overall previous term (%)", "Overall change (points)",
)


def csv_rows(analysis: selectors.GapAnalysis):
    yield CSV_COLUMNS
    for row in analysis.rows:
        change = row.overall_change
        yield (
            escape_cell(row.name), row.urn, escape_cell(row.area_hub), row.school_type_label, row.now.term_label,
            *(_number(row.score(n)) for n in scoring.BENCHMARK_NUMBERS),
            _number(row.now.overall), "" if row.now.achieved is None else row.now.achieved,
            row.before.term_label if row.before else "", _number(row.before.overall) if row.before else "",
            _number(change) if change is not None else "",
        )


def csv_response(analysis: selectors.GapAnalysis) -> HttpResponse:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_rows(analysis))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gap-analysis-{analysis.today:%Y-%m-%d}.csv"'
    return response


# PDF reports ---------------------------------------------------------------------------------------
def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@roles(*selectors.GAP_READERS)
def hub_report(request):
    """The hub's report as a PDF, with the filters of the gap analysis page."""
    form = _filter_form(request)
    if form.errors:
        return HttpResponse("Check the filters: " + " ".join(e for errors in form.errors.values() for e in errors),
                            status=400, content_type="text/plain; charset=utf-8")
    analysis = _analysis(request, form)
    filters = form.filters()
    report = reports.hub_report(request.user, analysis, area_hub=filters["area_hub"], school_type=filters["school_type"])
    return _pdf(render_pdf(report.html), report.filename)


@roles(*selectors.SCORE_READERS)
def school_report(request, pk: int):
    """A school's report as a PDF, for everyone who reads its scores."""
    school = selectors.get_school_for_scores(request.user, pk)
    report = reports.school_report(request.user, school, today=timezone.localdate())
    return _pdf(render_pdf(report.html), report.filename)
