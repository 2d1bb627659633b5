"""A young person (or a parent, for a child under 13) downloads everything held about them."""
import datetime
import json

import pytest

from careershub.core.models import AuditEntry
from careershub.core.pdf import document_text, render_document
from careershub.opportunities.tests.factories import ApplicationFactory, EncounterFactory
from careershub.plans.tests.factories import GuidanceInterviewFactory
from careershub.young_people import subject_access

pytestmark = pytest.mark.django_db


def test_the_export_holds_a_section_from_every_app_with_words_not_codes(cast):
    amira = cast.young_person_record
    ApplicationFactory(young_person=amira, opportunity__employer=cast.employer, status="declined",
                       decision_reason="All places went to year 11s first")
    EncounterFactory(young_person=amira, title="Assembly: life as an engineer")
    GuidanceInterviewFactory(young_person=amira, adviser=cast.careers_adviser, discussed="T Levels or A levels")
    export = subject_access.export_for(amira)
    sections = {s["title"]: s for s in export["sections"]}
    assert {"Your record", "Applications", "Encounters and experiences", "Guidance interviews", "Career plans",
            "Evidence of skills", "Mentoring referrals", "Ambassador cohort applications",
            "Your choices in allocation rounds", "Who has looked at or changed your record"} <= set(sections)
    record = sections["Your record"]["rows"][0]
    assert record["First name"] == "Amira" and record["Sex"] in {"Female", "Male", "Not known"}
    application = sections["Applications"]["rows"][0]
    assert application["Status"] == "Not successful" and application["Reason given"] == "All places went to year 11s first"
    assert sections["Guidance interviews"]["rows"][0]["What was talked about"] == "T Levels or A levels"
    assert any("session notes" in line for line in export["withheld"])
    # Only Amira's: Ben's records are nowhere in it.
    assert "Lowe" not in json.dumps(export)


def test_the_young_person_downloads_json_and_pdf_and_it_is_logged(cast, client_for):
    client = client_for(cast.young_person)
    response = client.get(f"/young-people/{cast.young_person_record.pk}/everything.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert response.json()["sections"][0]["rows"][0]["Last name"] == "Khan"
    pdf = client.get(f"/young-people/{cast.young_person_record.pk}/everything.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    exports = AuditEntry.objects.filter(action="export", young_person_id=cast.young_person_record.pk)
    assert sorted(exports.values_list("summary", flat=True)) == [
        "Downloaded everything held about Amira Khan (JSON)", "Downloaded everything held about Amira Khan (PDF)"]


def test_the_pdf_reads_back(cast):
    from django.template.loader import render_to_string

    export = subject_access.export_for(cast.young_person_record)
    html = render_to_string("young_people/everything_pdf.html", {
        "export": export, "young_person": cast.young_person_record, "title": export["about"], "footer": "Careers Hub",
        "today_label": "25 November 2026"})
    text = " ".join(document_text(render_document(html)))
    assert "Everything Careers Hub holds about Amira Khan" in text and "Who has looked at or changed your record" in text


def test_a_parent_downloads_only_for_a_child_under_13(cast, client_for):
    amira = cast.young_person_record
    url = f"/young-people/{amira.pk}/everything.json"
    today = datetime.date.today()
    amira.date_of_birth = today.replace(year=today.year - 12)
    amira.save()
    assert client_for(cast.parent_carer).get(url).status_code == 200
    amira.date_of_birth = today.replace(year=today.year - 14)
    amira.save()
    assert client_for(cast.parent_carer).get(url).status_code == 403


def test_staff_and_outsiders_cannot_download(cast, client_for):
    url = f"/young-people/{cast.young_person_record.pk}/everything.json"
    assert client_for(cast.careers_leader).get(url).status_code == 403
    assert client_for(cast.other_careers_leader).get(url).status_code == 404
    assert client_for(cast.employer_contact).get(url).status_code == 404
