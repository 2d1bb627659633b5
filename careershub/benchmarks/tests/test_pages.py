"""The Gatsby Benchmarks pages: what each person sees, forms and their errors, and flat query counts."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careershub.accounts.navigation import links_for
from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.benchmarks import selectors, services
from careershub.benchmarks.models import Answer, Assessment
from careershub.benchmarks.tests import factories as f
from careershub.network.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
NOTE = "Placements confirmed with Kiln Logistics for all of year 10"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main"):body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#x27;", "'").replace("&amp;", "&")


@pytest.fixture
def history(cast):
    """Three submitted terms at cast.school, improving on benchmark 6 and with a note on criterion 6.1;
    the partnership's targets: benchmarks 5 and 6 at 100%."""
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term()
    made = [
        f.submitted(cast.school, cast.careers_leader, term.previous().previous().previous(), met_share={6: 0, 8: 1}),
        f.submitted(cast.school, cast.careers_leader, term.previous().previous(), met_share={6: 1, 8: 2}),
        f.submitted(cast.school, cast.careers_leader, term.previous(), met_share={6: 2}),
    ]
    Answer.objects.filter(assessment=made[-1], criterion__benchmark__number=6, criterion__order=1).update(evidence_note=NOTE)
    return made


# The school's overview ---------------------------------------------------------------------------
def test_the_careers_leader_starts_this_terms_self_assessment_from_the_overview(cast, client_for):
    f.framework()
    client = client_for(cast.careers_leader)
    page = text(client.get(f"/benchmarks/schools/{cast.school.pk}/"))
    term = f.this_term().label
    assert f"Start the {term} self-assessment" in page
    assert "Northfield Academy has not submitted a self-assessment yet." in page
    response = client.post(f"/benchmarks/schools/{cast.school.pk}/start/")
    assessment = Assessment.objects.get(school=cast.school)
    assert response.status_code == 302 and response["Location"] == f"/benchmarks/assessments/{assessment.pk}/"
    page = text(client.get(response["Location"]))
    assert "Answer each benchmark" in page and "0 of 3 criteria answered" in page
    assert "5. Encounters with employers and employees 0 of 3 criteria answered Not started" in page
    # Starting again goes to the one already started.
    assert client.post(f"/benchmarks/schools/{cast.school.pk}/start/")["Location"] == f"/benchmarks/assessments/{assessment.pk}/"
    page = text(client.get(f"/benchmarks/schools/{cast.school.pk}/"))
    assert f"Continue the {term} self-assessment" in page and "0 of 23 criteria answered" in page


def test_the_overview_shows_the_latest_scores_targets_and_the_history(cast, history, client_for):
    page = text(client_for(cast.teacher).get(f"/benchmarks/schools/{cast.school.pk}/"))
    latest = history[-1]
    assert f"Scores, {latest.term_label}" in page
    assert "7 of 8 benchmarks fully achieved 96% overall" in page
    assert "Below the partnership’s target on benchmark 6." in page
    assert "6. Experiences of workplaces 67% 2 of 3 100% Below target" in page
    assert "5. Encounters with employers and employees 100% 3 of 3 100% Achieved" in page
    assert "1. A stable careers programme 100% 3 of 3 No target Achieved" in page
    labels = " ".join(a.term_label for a in history)
    assert f"Benchmark {labels}" in page, "the history table has a column per term, oldest first"
    assert "6. Experiences of workplaces 0% Below target 33% Below target 67% Below target" in page
    assert "Overall 79% 88% 96%" in page
    assert "See the answers and evidence" in page


def test_charts_are_decorative_beside_their_tables(cast, history, client_for):
    body = client_for(cast.careers_leader).get(f"/benchmarks/schools/{cast.school.pk}/").content.decode()
    assert body.count('class="ch-chart" aria-hidden="true"') == 2
    assert body.count('class="ch-chart"') == 2
    assert 'id="latest-scores"' in body and 'id="history-table"' in body


@pytest.mark.parametrize("who", ["enterprise_adviser", "employer_contact", "analyst"])
def test_advisers_employers_and_analysts_see_scores_but_no_evidence(cast, history, client_for, who):
    client = client_for(cast.users[who])
    page = text(client.get(f"/benchmarks/schools/{cast.school.pk}/"))
    assert "6. Experiences of workplaces 67% 2 of 3 100% Below target" in page
    assert "See the answers and evidence" not in page and NOTE not in page
    assert client.get(f"/benchmarks/assessments/{history[-1].pk}/").status_code == 403
    assert client.get(f"/api/benchmarks/assessments/{history[-1].pk}").status_code == 403


def test_an_employer_sees_only_the_school_its_adviser_is_matched_to(cast, history, client_for):
    client = client_for(cast.employer_contact)
    assert client.get(f"/benchmarks/schools/{cast.other_school.pk}/").status_code == 404
    listed = text(client.get("/benchmarks/"))
    assert "Northfield Academy" in listed and "Southgate High" not in listed
    assert client_for(cast.other_employer_contact).get(f"/benchmarks/schools/{cast.school.pk}/").status_code == 404


def test_a_reopened_assessment_leaves_the_previous_scores_current(cast, history, client_for):
    services.assessment_reopen(acting_user=cast.enterprise_coordinator, assessment=history[-1], reason="Check BM6")
    page = text(client_for(cast.careers_leader).get(f"/benchmarks/schools/{cast.school.pk}/"))
    assert f"Scores, {history[-2].term_label}" in page
    assert f"{history[-1].term_label} (reopened)" in page
    assert f"Continue the {history[-1].term_label} self-assessment" in page


def test_the_overview_reads_in_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries):
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    client = client_for(cast.careers_leader)
    url = f"/benchmarks/schools/{cast.school.pk}/"
    term = f.this_term()
    f.submitted(cast.school, cast.careers_leader, term.previous())
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(7):
        term = term.previous()
        f.submitted(cast.school, cast.careers_leader, term.previous())
    f.draft(cast.school, cast.careers_leader)
    with django_assert_max_num_queries(len(small)):
        page = client.get(url)
    assert page.status_code == 200 and "Scores over time" in page.content.decode()


# The list of schools' scores and the hub ---------------------------------------------------------
def test_the_school_list_marks_schools_below_target_and_filters_them(cast, history, client_for):
    f.submitted(cast.other_school, cast.other_careers_leader, f.this_term().previous())
    client = client_for(cast.hub_manager)
    page = text(client.get("/benchmarks/"))
    assert "2 schools and colleges." in page
    assert re.search(r"Northfield Academy North, \S+ \d{4} 100% 100% 100% 100% 100% 67% 100% 100% 96% 7 of 8 Below target Benchmark 6", page)
    assert re.search(r"Southgate High South, \S+ \d{4} (100% ){8}100% 8 of 8 Meets them", page)
    filtered = text(client.get("/benchmarks/?below_target=on"))
    assert "1 school or college matches your filters." in filtered and "Southgate High" not in filtered
    by_hub = text(client.get(f"/benchmarks/?area_hub={cast.other_area_hub.pk}"))
    assert "Southgate High" in by_hub and "Northfield Academy" not in by_hub
    refused = client.get("/benchmarks/?area_hub=999999")
    assert refused.status_code == 400 and "Select an area hub from the list" in refused.content.decode()
    assert refused.content.decode().count("<title>Error: ") == 1


def test_the_school_list_reads_in_a_fixed_number_of_queries(cast, client_for, django_assert_max_num_queries):
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    client = client_for(cast.hub_manager)
    term = f.this_term().previous()
    f.submitted(cast.school, cast.careers_leader, term)
    client.get("/benchmarks/?below_target=on")
    with CaptureQueriesContext(connection) as small:
        assert client.get("/benchmarks/").status_code == 200
    for n in range(12):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub, name=f"Moorside {n} Academy")
        leader = UserFactory()
        RoleAssignmentFactory(user=leader, role=Role.CAREERS_LEADER, partnership=cast.partnership, school=school)
        f.submitted(school, leader, term, met_share={6: n % 3})
        f.submitted(school, leader, term.previous())
    with django_assert_max_num_queries(len(small)):
        page = client.get("/benchmarks/")
    assert "14 schools and colleges." in text(page)


def test_the_hub_page_shows_the_mean_per_benchmark_and_each_schools_own_beside_it(cast, history, client_for):
    f.submitted(cast.other_school, cast.other_careers_leader, f.this_term().previous(), met_share={6: 0})
    page = text(client_for(cast.analyst).get("/benchmarks/hub/"))
    assert "2 schools and colleges with a submitted self-assessment" in page
    assert "6. Experiences of workplaces 33% 0 of 2 100% Below target 2 of 2" in page
    assert "1. A stable careers programme 100% 2 of 2 No target No target" in page
    assert "Your school" not in page
    adviser = text(client_for(cast.enterprise_adviser).get("/benchmarks/hub/"))
    assert "Your school beside the hub" in adviser
    assert "6. Experiences of workplaces 67% 33% Achieved" not in adviser
    assert "6. Experiences of workplaces 67% 33% Below target" in adviser


def test_the_hub_page_reads_in_a_fixed_number_of_queries(cast, history, client_for, django_assert_max_num_queries):
    client = client_for(cast.hub_manager)
    with CaptureQueriesContext(connection) as small:
        client.get("/benchmarks/hub/")
    for n in range(8):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)
        leader = UserFactory()
        RoleAssignmentFactory(user=leader, role=Role.CAREERS_LEADER, partnership=cast.partnership, school=school)
        f.submitted(school, leader, f.this_term().previous())
    with django_assert_max_num_queries(len(small)):
        assert client.get("/benchmarks/hub/").status_code == 200


# Answering a benchmark ---------------------------------------------------------------------------
def test_a_benchmark_page_saves_answers_evidence_and_a_file_then_moves_on(cast, client_for, settings):
    assessment = f.draft(cast.school, cast.careers_leader)
    client = client_for(cast.careers_leader)
    url = f"/benchmarks/assessments/{assessment.pk}/benchmarks/6/"
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in body
    criteria = {a.criterion.order: a.criterion for a in Answer.objects.filter(assessment=assessment, criterion__benchmark__number=6).select_related("criterion")}
    by_16, by_18, meaningful = criteria[1], criteria[2], criteria[3]
    assert "Percentage of year 11 who have had at least one experience of a workplace" in body
    assert "This does not apply: we have no students over 16" in body
    response = client.post(url, {
        "action": "continue",
        f"c{by_16.pk}-figure": "96", f"c{by_16.pk}-evidence_note": NOTE,
        f"c{by_16.pk}-evidence_file": SimpleUploadedFile("Placements.xlsx", b"PK\x03\x04 workbook"),
        f"c{by_18.pk}-not_applicable": "on",
        f"c{meaningful.pk}-status": "met",
    })
    assert response.status_code == 302 and response["Location"].endswith("/benchmarks/7/")
    answers = {a.criterion_id: a for a in Answer.objects.filter(assessment=assessment)}
    assert (answers[by_16.pk].status, answers[by_16.pk].figure) == ("partly_met", 96)
    assert answers[by_16.pk].evidence_file_name == "Placements.xlsx"
    assert answers[by_18.pk].status == "not_applicable" and answers[meaningful.pk].status == "met"
    # The page shows what was saved, with the file, which its readers download.
    again = client.get(url).content.decode()
    assert 'value="96"' in again and NOTE in again and "Placements.xlsx" in again
    # Saving and returning goes back to the task list.
    back = client.post(f"/benchmarks/assessments/{assessment.pk}/benchmarks/8/", {"action": "save"})
    assert back["Location"] == f"/benchmarks/assessments/{assessment.pk}/"
    download = client_for(cast.teacher).get(f"/benchmarks/evidence/{answers[by_16.pk].pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"PK\x03\x04 workbook"
    assert 'filename="Placements.xlsx"' in download["Content-Disposition"]
    assert client_for(cast.other_careers_leader).get(f"/benchmarks/evidence/{answers[by_16.pk].pk}/").status_code == 404


def test_a_benchmark_page_shows_errors_beside_each_field_and_in_a_summary(cast, client_for):
    assessment = f.draft(cast.school, cast.careers_leader)
    criteria = {a.criterion.order: a.criterion for a in Answer.objects.filter(assessment=assessment, criterion__benchmark__number=5).select_related("criterion")}
    response = client_for(cast.careers_leader).post(f"/benchmarks/assessments/{assessment.pk}/benchmarks/5/", {
        "action": "continue", f"c{criteria[1].pk}-figure": "150",
        f"c{criteria[2].pk}-status": "met", f"c{criteria[2].pk}-evidence_file": SimpleUploadedFile("run.pdf", b"MZ\x90"),
    })
    body = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in body
    assert f'href="#id_c{criteria[1].pk}-figure">Criterion 5.1: Enter a percentage from 0 to 100</a>' in body
    assert f'href="#id_c{criteria[2].pk}-evidence_file">Criterion 5.2: The selected file is not a real PDF file' in body
    assert f'aria-describedby="id_c{criteria[1].pk}-figure_helptext id_c{criteria[1].pk}-figure-error"' in body
    assert not Answer.objects.filter(assessment=assessment).exclude(status="").exists(), "nothing is saved"


def test_check_answers_lists_what_is_missing_and_submits_when_complete(cast, client_for):
    assessment = f.draft(cast.school, cast.careers_leader)
    client = client_for(cast.careers_leader)
    url = f"/benchmarks/assessments/{assessment.pk}/check/"
    refused = client.post(url)
    body = text(refused)
    assert refused.status_code == 400 and "Answer every criterion before you submit: 23 are not answered yet" in body
    assert "Answer criterion 1.1" in body and "Answer criterion 8.3" in body
    f.answer(assessment, cast.careers_leader, met_share={6: 2})
    page = text(client.get(url))
    assert "Now submit your self-assessment" in page and "Change criterion 6.1" in page
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/benchmarks/schools/{cast.school.pk}/"
    assert "Self-assessment submitted: 7 of 8 benchmarks fully achieved, 96% overall" in text(response)
    # Once submitted, the pages for changing it lead back to the assessment.
    assert client.get(url)["Location"] == f"/benchmarks/assessments/{assessment.pk}/"
    assert client.get(f"/benchmarks/assessments/{assessment.pk}/benchmarks/1/")["Location"] == f"/benchmarks/assessments/{assessment.pk}/"


def test_the_coordinator_reopens_a_schools_assessment_with_a_reason(cast, history, client_for):
    client = client_for(cast.enterprise_coordinator)
    url = f"/benchmarks/assessments/{history[-1].pk}/reopen/"
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400 and "Enter why the self-assessment is being reopened" in empty.content.decode()
    response = client.post(url, {"reason": "Year 10 placements were confirmed late"}, follow=True)
    page = text(response)
    assert "self-assessment has been reopened" in page
    assert "Reopened by" in page and "“Year 10 placements were confirmed late”" in page
    assert "Answer each benchmark" not in page, "the coordinator reads it; only the careers leader answers"
    leader_page = text(client_for(cast.careers_leader).get(history[-1].get_absolute_url()))
    assert "Answer each benchmark" in leader_page


def test_the_assessment_page_shows_answers_and_evidence_to_its_readers(cast, history, client_for):
    page = text(client_for(cast.hub_manager).get(history[-1].get_absolute_url()))
    assert "6. Experiences of workplaces: 67% Below target" in page
    assert "6.1 By the age of 16, every young person has had at least one meaningful experience" in page
    assert "Met 100% entered by the school (met at 100%)" in page
    assert NOTE in page
    assert "Submitted by" in page


# The counted figures seam ------------------------------------------------------------------------
class FakeRecords:
    """Records on the platform for two measures only."""

    def __init__(self):
        self.asked = []

    def __getattr__(self, measure):
        def figure(school_id, academic_year):
            self.asked.append((measure, school_id, academic_year))
            return {"guidance_interview_by_16": 84, "workplace_experience_by_16": 130}.get(measure)
        return figure


def test_a_computed_figure_is_shown_beside_the_entered_one(cast, history, client_for, monkeypatch):
    from careershub.benchmarks import counted

    fake = FakeRecords()
    monkeypatch.setattr(counted, "provider", fake)
    client = client_for(cast.careers_leader)
    page = text(client.get(history[-1].get_absolute_url()))
    assert "Met 100% entered by the school (met at 100%) 84% from records on Careers Hub" in page
    assert "100% from records on Careers Hub" in page, "figures are kept within 0 to 100"
    assert ("guidance_interview_by_16", cast.school.pk, history[-1].academic_year) in fake.asked
    draft = f.draft(cast.school, cast.careers_leader)
    form = text(client.get(f"/benchmarks/assessments/{draft.pk}/benchmarks/8/"))
    assert "From records on Careers Hub: 84%" in form
    data = client.get(f"/api/benchmarks/assessments/{history[-1].pk}").json()
    figures = {a["reference"]: a["computed_figure"] for a in data["answers"]}
    assert figures["8.1"] == 84 and figures["8.2"] is None and figures["1.1"] is None


def test_without_records_no_computed_figure_is_shown(cast, history, client_for):
    page = text(client_for(cast.careers_leader).get(history[-1].get_absolute_url()))
    assert "from records on Careers Hub" not in page


# Settings ------------------------------------------------------------------------------------------
def test_the_hub_manager_sets_the_version_and_targets(cast, client_for):
    original = f.framework(f.ORIGINAL)
    client = client_for(cast.hub_manager)
    page = client.get("/benchmarks/settings/").content.decode()
    assert "Gatsby 2014" in page and "Gatsby 2024/25 refresh" in page
    bad = client.post("/benchmarks/settings/", {"framework_version": original.pk, "target_5": "abc"})
    assert bad.status_code == 400 and "Enter the target as a whole number, like 100" in bad.content.decode()
    ok = client.post("/benchmarks/settings/", {"framework_version": original.pk, "target_5": "100", "target_6": "90"})
    assert ok.status_code == 302
    page = client.get("/benchmarks/settings/").content.decode()
    assert f'value="{original.pk}" checked' in page and 'name="target_6" value="90"' in page
    assert selectors.version_for(cast.partnership) == original
    assert selectors.targets_for(cast.partnership.pk) == {5: 100, 6: 90}


# Links from elsewhere ------------------------------------------------------------------------------
def test_the_school_page_links_to_its_benchmarks_for_those_who_may_read_them(cast, client_for):
    url = f"/network/schools/{cast.school.pk}/"
    link = f'href="/benchmarks/schools/{cast.school.pk}/"'
    for who in ("careers_leader", "teacher", "hub_manager", "enterprise_adviser"):
        assert link in client_for(cast.users[who]).get(url).content.decode(), who
    assert link not in client_for(cast.young_person).get(url).content.decode()
    assert link not in client_for(cast.admin).get(url).content.decode()


def test_the_navigation_has_gatsby_benchmarks_for_those_who_read_them(cast):
    def labels(user):
        return [link["label"] for link in links_for(user)]

    assert labels(cast.careers_leader).count("Gatsby Benchmarks") == 1
    assert {link["url"] for link in links_for(cast.careers_leader) if link["label"] == "Gatsby Benchmarks"} == {"/benchmarks/my-school/"}
    for who in ("hub_manager", "enterprise_coordinator", "analyst", "enterprise_adviser", "employer_contact", "teacher"):
        assert "Gatsby Benchmarks" in labels(cast.users[who]), who
    for who in ("young_person", "parent_carer", "mentor", "careers_adviser", "admin", "outsider"):
        assert "Gatsby Benchmarks" not in labels(cast.users[who]), who
