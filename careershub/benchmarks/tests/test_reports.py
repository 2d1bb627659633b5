"""The PDF reports: a school's and the hub's, drawn by WeasyPrint. The text is read back from the laid-out
pages (and from the PDF file with pdftotext where poppler is installed)."""
import shutil
import subprocess

import pytest

from careershub.benchmarks import reports, selectors
from careershub.benchmarks.tests import factories as f
from careershub.core.pdf import document_text, render_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(cast):
    """Three terms at cast.school, improving on benchmark 6; one at cast.other_school; a hub action, overdue,
    and one of cast.school's own."""
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    last = f.this_term().previous()
    f.submitted(cast.school, cast.careers_leader, last.previous().previous(), met_share={6: 0, 8: 1})
    f.submitted(cast.school, cast.careers_leader, last.previous(), met_share={6: 1, 8: 2})
    f.submitted(cast.school, cast.careers_leader, last, met_share={6: 2, 8: 2})
    f.submitted(cast.other_school, cast.other_careers_leader, last, met_share={6: 1})
    kiln = f.cornerstone(cast.employer)
    f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school], owner=kiln,
                                title="Work experience week for year 10"))
    f.school_action(cast.careers_leader, cast.school, title="Guidance interviews before options")
    return last


def test_a_schools_report_has_its_scores_targets_trend_gaps_and_actions(cast, history):
    report = reports.school_report(cast.careers_leader, cast.school)
    assert report.filename.startswith("gatsby-benchmarks-northfield-academy-") and report.filename.endswith(".pdf")
    document = render_document(report.html)
    pages = document_text(document)
    text = " ".join(pages)
    assert "Northfield Academy" in pages[0] and f"Scores, {history.label}" in pages[0]
    assert "Test Careers Partnership" in pages[0], "the running header"
    assert "Page 1 of" in pages[0] and "Produced " in pages[0]
    assert "6 of 8 benchmarks fully achieved" in text
    assert "6. Experiences of workplaces 67% 2 of 3 100% Below target" in text
    assert "Benchmark 6, Experiences of workplaces: 67% against a target of 100% (2 of 3 criteria met)" in text
    assert "Benchmark 8, Personal guidance: 67% (2 of 3 criteria met)" in text, "not fully achieved, without a target"
    assert "Scores by term, oldest first" in text and "6. Experiences of workplaces 0% ▼ 33% ▼ 67% ▼" in text
    assert "Overall score by term" in report.html and "<svg" in report.html
    assert "Work experience week for year 10 Hub action 6 Potteries Precision Ltd" in text and "Overdue" in text
    assert "Guidance interviews before options School action 8 Northfield Academy" in text
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_the_report_uses_the_partnerships_brand_on_a4(cast, history):
    html = reports.school_report(cast.careers_leader, cast.school).html
    assert "size: A4" in html and "#5b2a86" in html and "system-ui" in html
    assert "GDS Transport" not in html and "crown" not in html.lower()
    assert '<html lang="en-GB">' in html and "<title>Northfield Academy: Gatsby Benchmarks report</title>" in html
    page = render_document(html).pages[0]
    assert round(page.width) == 794 and round(page.height) == 1123, "A4 in CSS pixels"


def test_the_hub_report_has_averages_distribution_change_need_and_actions(cast, history):
    analysis = selectors.gap_analysis(cast.hub_manager)
    report = reports.hub_report(cast.hub_manager, analysis)
    text = " ".join(document_text(render_document(report.html)))
    assert "Gap analysis" in text and "Schools and colleges in the partnership." in text
    assert "2 of 2 schools and colleges with a submitted self-assessment" in text
    assert "1 overdue of 2 open actions" in text, "the hub action and the school's own"
    assert "6. Experiences of workplaces 50% 100% 0 1 1 0 0 2" in text, "average, target, the five bands, below target"
    assert "6. Experiences of workplaces 33% 67% +33 1 0 0" in text, "change across the one school with a term before"
    assert "Benchmark 6, Experiences of workplaces: 2 schools below the target of 100% Southgate High (33%); Northfield Academy (67%)." in text
    assert "Work experience week for year 10 6 Potteries Precision Ltd Cornerstone employer 2" in text and "Overdue" in text
    assert "Guidance interviews before options" not in text, "a school's own action is not a hub action"


def test_the_pdfs_download_for_those_who_read_the_pages(cast, history, client_for):
    response = client_for(cast.enterprise_adviser).get(f"/benchmarks/schools/{cast.school.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith('attachment; filename="gatsby-benchmarks-northfield-academy-')
    hub = client_for(cast.enterprise_coordinator).get(f"/benchmarks/gaps/report.pdf?area_hub={cast.area_hub.pk}")
    assert hub.status_code == 200 and hub.content.startswith(b"%PDF-")
    assert client_for(cast.enterprise_coordinator).get(f"/benchmarks/gaps/report.pdf?area_hub={cast.other_area_hub.pk}").status_code == 400
    assert client_for(cast.careers_leader).get("/benchmarks/gaps/report.pdf").status_code == 403
    assert client_for(cast.other_careers_leader).get(f"/benchmarks/schools/{cast.school.pk}/report.pdf").status_code == 404
    if shutil.which("pdftotext"):  # poppler, where installed: read the file itself
        text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()
        assert "Northfield Academy" in text and "Page 1 of" in text
        north = subprocess.run(["pdftotext", "-", "-"], input=hub.content, capture_output=True, check=True).stdout.decode()
        assert "Schools and colleges in North" in north and "Southgate High" not in north


def test_a_school_without_a_self_assessment_still_has_a_report(cast, client_for):
    report = reports.school_report(cast.careers_leader, cast.school)
    text = " ".join(document_text(render_document(report.html)))
    assert "Northfield Academy has not submitted a self-assessment yet." in text and "No actions serve" in text
