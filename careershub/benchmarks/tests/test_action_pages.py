"""The action plan pages and endpoints: raising, changing and reporting progress on actions, what each
person sees, overdue tags wherever actions are listed, and flat query counts."""
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careershub.benchmarks.models import Action, ActionNote
from careershub.benchmarks.tests import factories as f
from careershub.network.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    body = response.content.decode()
    body = body[body.index("<main"):body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#x27;", "'").replace("&amp;", "&")


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.fixture
def kiln(cast):
    return f.cornerstone(cast.employer)


# Raising a hub action ------------------------------------------------------------------------------
def test_the_form_is_filled_in_from_the_gap_analysis_and_raises_the_action(cast, kiln, client_for):
    client = client_for(cast.hub_manager)
    form = client.get(f"/benchmarks/actions/new/?benchmark=6&school={cast.other_school.pk}")
    body = form.content.decode()
    assert form.status_code == 200
    assert '<option value="6" selected>Benchmark 6: Experiences of workplaces</option>' in body
    assert f'value="{cast.other_school.pk}" checked' in body and 'type="checkbox"' in body
    assert body.index("Southgate High (South)") < body.index("Northfield Academy (North)"), "the chosen school first"
    assert '<optgroup label="Cornerstone employers">' in body and f'value="employer:{kiln.pk}"' in body
    assert f'value="person:{cast.enterprise_coordinator.pk}"' in body and "Kiln Logistics" not in body
    response = client.post("/benchmarks/actions/new/", {
        "title": "Work experience week for year 10", "description": "With preparation and reflection",
        "benchmark_number": "6", "owner": f"employer:{kiln.pk}", "due_on": in_days(30),
        "schools": [cast.school.pk, cast.other_school.pk],
    })
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/benchmarks/actions/{action.pk}/"
    assert set(action.schools.all()) == {cast.school, cast.other_school} and action.owner == kiln
    page = text(client.get(response["Location"]))
    assert "You have raised the action ‘Work experience week for year 10’" in page
    assert "Status Not started" in page and "Owner Potteries Precision Ltd (cornerstone employer)" in page
    assert "Northfield Academy , North" in page and "Southgate High , South" in page


def test_the_form_shows_its_errors_beside_the_fields_and_in_a_summary(cast, kiln, client_for):
    response = client_for(cast.enterprise_coordinator).post("/benchmarks/actions/new/", {
        "title": "", "benchmark_number": "", "owner": "employer:999999", "due_on": "31/2/2027",
        "schools": [cast.other_school.pk],
    })
    body = response.content.decode()
    assert response.status_code == 400 and body.count("<title>Error: ") == 1
    for message in ("Enter a title for the action", "Select the benchmark the action is for", "Select an owner from the list",
                    "The due date must be a real date, like 31/3/2027", "Select only schools and colleges from the list"):
        assert message in body, message
    assert 'href="#id_schools_0"' in body, "the summary links to the first checkbox"
    past = client_for(cast.enterprise_coordinator).post("/benchmarks/actions/new/", {
        "title": "Late", "benchmark_number": "6", "owner": f"employer:{kiln.pk}", "due_on": in_days(-1),
        "schools": [cast.school.pk],
    })
    assert past.status_code == 400 and "The due date must be today or in the future" in past.content.decode()
    assert not Action.objects.exists()


def test_the_overview_leads_hub_staff_to_a_hub_action_serving_the_school(cast, kiln, client_for):
    f.submitted(cast.school, cast.careers_leader, f.this_term().previous(), met_share={6: 1})
    body = client_for(cast.hub_manager).get(f"/benchmarks/schools/{cast.school.pk}/?benchmark=6").content.decode()
    assert f'href="/benchmarks/actions/new/?school={cast.school.pk}&amp;benchmark=6"' in body
    assert f'href="/benchmarks/schools/{cast.school.pk}/actions/new/?benchmark=6"' in body
    assert f'href="/benchmarks/schools/{cast.school.pk}/report.pdf"' in body
    analyst = client_for(cast.analyst).get(f"/benchmarks/schools/{cast.school.pk}/").content.decode()
    assert "Raise" not in analyst and "report.pdf" in analyst


# School actions --------------------------------------------------------------------------------------
def test_the_careers_leader_raises_an_action_against_one_of_the_schools_gaps(cast, client_for):
    f.submitted(cast.school, cast.careers_leader, f.this_term().previous(), met_share={6: 1, 8: 2})
    client = client_for(cast.careers_leader)
    form = client.get(f"/benchmarks/schools/{cast.school.pk}/actions/new/?benchmark=8").content.decode()
    assert '<option value="8" selected>Benchmark 8: Personal guidance</option>' in form
    assert 'value="1"' not in form, "only the school's gaps are offered"
    response = client.post(f"/benchmarks/schools/{cast.school.pk}/actions/new/", {
        "title": "Guidance interviews before options", "benchmark_number": "8", "due_on": in_days(20),
    })
    action = Action.objects.get()
    assert response.status_code == 302 and (action.level, action.owner_school) == ("school", cast.school)
    overview = text(client.get(f"/benchmarks/schools/{cast.school.pk}/"))
    assert "Guidance interviews before options School action 8 Northfield Academy School or college" in overview
    assert client_for(cast.teacher).get(f"/benchmarks/schools/{cast.school.pk}/actions/new/").status_code == 403
    assert client_for(cast.other_careers_leader).get(f"/benchmarks/schools/{cast.school.pk}/actions/new/").status_code == 404


def test_a_school_with_every_benchmark_achieved_has_no_gap_to_act_on(cast, client_for):
    f.submitted(cast.school, cast.careers_leader, f.this_term().previous())
    page = text(client_for(cast.careers_leader).get(f"/benchmarks/schools/{cast.school.pk}/actions/new/"))
    assert "fully achieves every benchmark in its latest self-assessment" in page


# Progress and overdue ----------------------------------------------------------------------------------
def test_the_owner_employer_updates_progress_and_cannot_cancel(cast, kiln, client_for):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    client = client_for(cast.employer_contact)
    detail = text(client.get(f"/benchmarks/actions/{action.pk}/"))
    assert "Update progress" in detail and "Change the action" not in detail
    assert "Northfield Academy , North" in detail
    form = client.get(f"/benchmarks/actions/{action.pk}/progress/").content.decode()
    assert 'value="in_progress"' in form and 'value="done"' in form and 'value="cancelled"' not in form
    refused = client.post(f"/benchmarks/actions/{action.pk}/progress/", {"text": "", "status": "cancelled"})
    assert refused.status_code == 400 and "Select one of the statuses listed" in refused.content.decode()
    assert "Enter what has happened" in refused.content.decode()
    done = client.post(f"/benchmarks/actions/{action.pk}/progress/", {"text": "Twelve placements confirmed",
                                                                      "status": "in_progress"}, follow=True)
    page = text(done)
    assert "Your progress note has been added" in page and "Marked in progress Twelve placements confirmed" in page
    assert ActionNote.objects.get().by == cast.employer_contact
    assert client_for(cast.other_employer_contact).get(f"/benchmarks/actions/{action.pk}/").status_code == 404
    assert client_for(cast.careers_leader).get(f"/benchmarks/actions/{action.pk}/progress/").status_code == 403


def test_overdue_actions_are_tagged_in_every_list(cast, kiln, client_for):
    late = f.make_overdue(f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="Late one"),
                          days=5)
    f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title="On time")
    client = client_for(cast.hub_manager)
    listing = text(client.get("/benchmarks/actions/"))
    assert "2 open actions, 1 overdue ; 0 done." in listing
    assert re.search(r"Late one Hub action 6 Potteries Precision Ltd Cornerstone employer \d+ \w+ \d{4} Not started Overdue "
                     r"On time Hub action 6 Potteries Precision Ltd Cornerstone employer \d+ \w+ \d{4} Not started", listing)
    assert "Late one" in text(client.get("/benchmarks/actions/?status=overdue"))
    assert "On time" not in text(client.get("/benchmarks/actions/?status=overdue"))
    detail = text(client.get(f"/benchmarks/actions/{late.pk}/"))
    assert "Overdue: this action was due on" in detail and "5 days ago" in detail
    overview = text(client.get(f"/benchmarks/schools/{cast.school.pk}/"))
    assert "Late one Hub action 6 Potteries Precision Ltd" in overview and "Not started Overdue" in overview
    dashboard = text(client.get("/network/dashboard/"))
    assert "Gatsby Benchmarks action plan 2 open actions against the schools’ benchmark gaps, 1 overdue ; 0 done." in dashboard


def test_a_hub_action_is_changed_by_its_managers_only(cast, kiln, client_for):
    action = f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    client = client_for(cast.enterprise_coordinator)
    form = client.get(f"/benchmarks/actions/{action.pk}/edit/").content.decode()
    assert f'value="employer:{kiln.pk}" selected' in form and f'value="{cast.school.pk}" checked' in form
    response = client.post(f"/benchmarks/actions/{action.pk}/edit/", {
        "title": "Work experience fortnight", "benchmark_number": "6", "owner": f"person:{cast.enterprise_coordinator.pk}",
        "due_on": action.due_on.strftime("%d/%m/%Y"), "schools": [cast.school.pk],
    })
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Work experience fortnight" and action.owner == cast.enterprise_coordinator
    both = f.hub_action(cast.hub_manager, cast.partnership, [cast.school, cast.other_school], owner=kiln)
    assert client.get(f"/benchmarks/actions/{both.pk}/edit/").status_code == 403
    assert client_for(cast.employer_contact).get(f"/benchmarks/actions/{action.pk}/edit/").status_code == 403


def test_the_action_list_reads_in_a_fixed_number_of_queries(cast, kiln, client_for):
    client = client_for(cast.hub_manager)
    f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln)
    client.get("/benchmarks/actions/")
    with CaptureQueriesContext(connection) as small:
        client.get("/benchmarks/actions/")
    for n in range(12):
        school = SchoolFactory(partnership=cast.partnership, area_hub=cast.area_hub)
        action = f.hub_action(cast.hub_manager, cast.partnership, [school, cast.school], owner=kiln, title=f"Action {n}")
        f.make_overdue(action) if n % 2 else None
    for url in ("/benchmarks/actions/", f"/benchmarks/schools/{cast.school.pk}/", "/api/benchmarks/actions"):
        client.get(url)
        with CaptureQueriesContext(connection) as large:
            assert client.get(url).status_code == 200
        if url == "/benchmarks/actions/":
            assert len(large) == len(small)
        baseline = len(large)
        f.hub_action(cast.hub_manager, cast.partnership, [cast.school], owner=kiln, title=f"More for {url}")
        with CaptureQueriesContext(connection) as more:
            client.get(url)
        assert len(more) == baseline, url


# The API -----------------------------------------------------------------------------------------------
def test_hub_staff_raise_and_change_actions_and_owners_add_notes_over_the_api(cast, kiln, client_for):
    client = client_for(cast.enterprise_coordinator)
    due = (timezone.localdate() + timedelta(days=45)).isoformat()
    created = client.post("/api/benchmarks/actions", {
        "title": "Employer encounters in year 8", "benchmark_number": 5, "owner_kind": "employer", "owner_id": kiln.pk,
        "due_on": due, "school_ids": [cast.school.pk],
    }, content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert (data["level"], data["owner_name"], data["status"], data["overdue"]) == ("hub", "Potteries Precision Ltd", "not_started", False)
    assert data["schools"] == [{"id": cast.school.pk, "name": "Northfield Academy"}] and data["notes"] == []
    refused = client.post("/api/benchmarks/actions", {
        "title": "Elsewhere", "benchmark_number": 5, "owner_kind": "employer", "owner_id": kiln.pk, "due_on": due,
        "school_ids": [cast.other_school.pk],
    }, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "payload", "school_ids"]
    changed = client.patch(f"/api/benchmarks/actions/{data['id']}", {"title": "Encounters in years 8 and 9"},
                           content_type="application/json")
    assert changed.status_code == 200 and changed.json()["title"] == "Encounters in years 8 and 9"
    assert changed.json()["description"] == "" and changed.json()["benchmark_number"] == 5, "the rest left as it was"
    blank = client.patch(f"/api/benchmarks/actions/{data['id']}", {"title": ""}, content_type="application/json")
    assert blank.status_code == 422 and blank.json()["detail"][0]["msg"] == "Enter a title for the action"
    owner = client.patch(f"/api/benchmarks/actions/{data['id']}", {"owner_kind": "person",
                                                                   "owner_id": cast.enterprise_coordinator.pk},
                         content_type="application/json")
    assert owner.status_code == 200 and owner.json()["owner_name"] == "Ellis Carter"
    owner = client.patch(f"/api/benchmarks/actions/{data['id']}", {"owner_kind": "employer", "owner_id": kiln.pk},
                         content_type="application/json")
    assert owner.json()["owner_kind"] == "employer"
    note = client_for(cast.employer_contact).post(f"/api/benchmarks/actions/{data['id']}/notes",
                                                  {"text": "Booked for March", "status": "in_progress"},
                                                  content_type="application/json")
    assert note.status_code == 201 and note.json()["status"] == "in_progress" and note.json()["by_name"] == "Esther Clarke"
    cancel = client_for(cast.employer_contact).post(f"/api/benchmarks/actions/{data['id']}/notes",
                                                    {"text": "Off", "status": "cancelled"}, content_type="application/json")
    assert cancel.status_code == 422
    listed = client_for(cast.employer_contact).get("/api/benchmarks/actions?status=open").json()
    assert [a["title"] for a in listed] == ["Encounters in years 8 and 9"]
    detail = client_for(cast.enterprise_adviser).get(f"/api/benchmarks/actions/{data['id']}").json()
    assert [n["text"] for n in detail["notes"]] == ["Booked for March"]
    assert client_for(cast.other_careers_leader).get(f"/api/benchmarks/actions/{data['id']}").status_code == 404
    assert client_for(cast.careers_leader).patch(f"/api/benchmarks/actions/{data['id']}", {"title": "Ours"},
                                                 content_type="application/json").status_code == 403
    assert client.get("/api/benchmarks/actions?status=later").status_code == 400
