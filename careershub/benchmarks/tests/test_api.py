"""The Gatsby Benchmarks over the API: the same scope as the pages."""
import pytest

from careershub.benchmarks.models import Answer
from careershub.benchmarks.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessments(cast):
    f.set_targets(cast.partnership, bm5=100, bm6=100)
    term = f.this_term()
    earlier = f.submitted(cast.school, cast.careers_leader, term.previous().previous(), met_share={6: 0})
    latest = f.submitted(cast.school, cast.careers_leader, term.previous(), met_share={6: 2})
    Answer.objects.filter(assessment=latest, criterion__benchmark__number=1, criterion__order=1).update(
        evidence_note="Approved by governors")
    draft = f.draft(cast.school, cast.careers_leader)
    return earlier, latest, draft


def test_the_frameworks_with_their_benchmarks_and_criteria(cast, client_for):
    f.framework()
    data = client_for(cast.enterprise_adviser).get("/api/benchmarks/frameworks").json()
    assert [v["key"] for v in data] == [f.ORIGINAL, f.REFRESH]
    refresh = data[1]
    assert [b["number"] for b in refresh["benchmarks"]] == list(range(1, 9))
    counted = [c for c in refresh["benchmarks"][7]["criteria"] if c["measure"]]
    assert [c["measure"] for c in counted] == ["guidance_interview_by_16", "guidance_interview_by_18"]
    assert counted[0]["threshold"] == 100 and counted[1]["post_16_only"]


def test_a_schools_assessments_latest_first_with_scores_and_targets(cast, assessments, client_for):
    earlier, latest, draft = assessments
    data = client_for(cast.teacher).get(f"/api/benchmarks/schools/{cast.school.pk}/assessments").json()
    assert [a["id"] for a in data] == [draft.pk, latest.pk, earlier.pk]
    assert data[0]["status"] == "draft" and data[0]["scores"] == []
    scores = {s["number"]: s for s in data[1]["scores"]}
    assert scores[6] == {"number": 6, "name": "Experiences of workplaces", "percent": 66.67, "met": 2, "applicable": 3,
                         "achieved": False, "target": 100, "below_target": True}
    assert scores[1]["achieved"] and scores[1]["target"] is None and not scores[1]["below_target"]
    assert data[1]["overall_percent"] == 95.83 and data[1]["benchmarks_achieved"] == 7
    assert data[1]["framework_version"] == f.REFRESH and data[1]["term_label"] == latest.term_label


def test_advisers_and_employers_get_scores_without_drafts_answers_or_evidence(cast, assessments, client_for):
    earlier, latest, draft = assessments
    for who in ("enterprise_adviser", "employer_contact"):
        client = client_for(cast.users[who])
        data = client.get(f"/api/benchmarks/schools/{cast.school.pk}/assessments").json()
        assert [a["id"] for a in data] == [latest.pk, earlier.pk], who
        assert "answers" not in data[0] and "Approved by governors" not in str(data)
        assert client.get(f"/api/benchmarks/assessments/{latest.pk}").status_code == 403
        assert client.get(f"/api/benchmarks/schools/{cast.other_school.pk}/assessments").status_code == 404


def test_an_assessment_with_its_answers_for_those_who_read_evidence(cast, assessments, client_for):
    _, latest, _ = assessments
    data = client_for(cast.enterprise_coordinator).get(f"/api/benchmarks/assessments/{latest.pk}").json()
    assert len(data["answers"]) == 23
    first = data["answers"][0]
    assert first == {"criterion_id": first["criterion_id"], "reference": "1.1", "status": "met", "figure": None,
                     "computed_figure": None, "evidence_note": "Approved by governors", "evidence_file_name": "",
                     "evidence_file_url": None}
    counted = next(a for a in data["answers"] if a["reference"] == "5.1")
    assert (counted["status"], counted["figure"]) == ("met", 100)
    assert client_for(cast.other_careers_leader).get(f"/api/benchmarks/assessments/{latest.pk}").status_code == 404


def test_the_list_of_schools_scores_and_the_below_target_filter(cast, assessments, client_for):
    f.submitted(cast.other_school, cast.other_careers_leader, f.this_term().previous())
    client = client_for(cast.hub_manager)
    data = client.get("/api/benchmarks/schools").json()
    assert [(s["school_name"], s["below_target"]) for s in data] == [("Northfield Academy", [6]), ("Southgate High", [])]
    assert data[0]["latest"]["id"] == assessments[1].pk and data[0]["area_hub_name"] == "North"
    assert [s["school_name"] for s in client.get("/api/benchmarks/schools?below_target=true").json()] == ["Northfield Academy"]
    assert [s["school_name"] for s in client.get(f"/api/benchmarks/schools?area_hub_id={cast.other_area_hub.pk}").json()] == ["Southgate High"]
    assert [s["school_name"] for s in client.get("/api/benchmarks/schools?limit=1&offset=1").json()] == ["Southgate High"]
    adviser = client_for(cast.enterprise_adviser).get("/api/benchmarks/schools").json()
    assert [s["school_name"] for s in adviser] == ["Northfield Academy"]
    assert client_for(cast.enterprise_adviser).get(f"/api/benchmarks/schools?area_hub_id={cast.area_hub.pk}").status_code == 404


def test_the_hubs_means(cast, assessments, client_for):
    f.submitted(cast.other_school, cast.other_careers_leader, f.this_term().previous(), met_share={6: 0})
    data = client_for(cast.employer_contact).get("/api/benchmarks/hub").json()
    assert data["partnership"] == "Test Careers Partnership" and data["schools"] == 2
    six = data["benchmarks"][5]
    assert six == {"number": 6, "name": "Experiences of workplaces", "mean_percent": 33.335, "schools": 2,
                   "schools_achieving": 0, "target": 100, "schools_below_target": 2}
    assert data["benchmarks"][0]["mean_percent"] == 100.0 and data["benchmarks"][0]["schools_below_target"] == 0
    assert data["benchmarks_achieved_mean"] == 7.0
