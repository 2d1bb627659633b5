"""The passport's pages and endpoints: what each person sees and may do, and what they may not."""
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from careershub.core.models import AuditEntry
from careershub.core.pdf import render_document
from careershub.passport import pdf, services
from careershub.passport.models import Evidence, ShareLink, SkillLevel

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# The passport --------------------------------------------------------------------------------------
def test_the_young_person_sees_endorsed_and_pending_evidence_by_skill(cast, client_for):
    f.endorsed(cast)
    f.recorded(cast, skill="Communication", number=2, title="Gave a talk to year 7")
    response = client_for(cast.young_person).get("/passport/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Your skills passport" in text and "1 piece of evidence endorsed; 1 not endorsed yet" in text
    assert "Endorsed up to level 3" in text and "Gave a talk to year 7" in text and "Not sent yet" in text


def test_staff_views_of_the_passport_are_logged_and_the_young_persons_are_not(cast, client_for):
    f.recorded(cast)
    pk = cast.young_person_record.pk
    client_for(cast.young_person).get(f"/passport/young-people/{pk}/")
    assert not AuditEntry.objects.filter(action="view", young_person_id=pk).exists()
    client_for(cast.careers_leader).get(f"/passport/young-people/{pk}/")
    assert AuditEntry.objects.filter(action="view", young_person_id=pk, actor=cast.careers_leader).exists()


@pytest.mark.parametrize("who", ["other_careers_leader", "employer_contact", "enterprise_adviser", "analyst", "outsider"])
def test_people_who_do_not_see_the_record_do_not_see_the_passport(cast, client_for, who):
    evidence = f.recorded(cast)
    client = client_for(getattr(cast, who))
    assert client.get(f"/passport/young-people/{cast.young_person_record.pk}/").status_code == 404
    assert client.get(f"/passport/evidence/{evidence.pk}/").status_code == 404


def test_the_passport_page_queries_stay_flat_as_evidence_grows(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.careers_leader)
    url = f"/passport/young-people/{cast.young_person_record.pk}/"
    f.endorsed(cast)
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        assert client.get(url).status_code == 200
    for i, skill in enumerate(["Communication", "Creativity", "Leadership", "Resilience", "Digital skills"] * 3):
        f.endorsed(cast, skill=skill, number=1 + i % 5, title=f"Evidence {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_record_page_shows_the_passport_summary(cast, client_for):
    f.endorsed(cast)
    text = client_for(cast.careers_leader).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Skills passport" in text and "Teamwork" in text and "Endorsed at level 3 of 5" in text


def test_the_pdf_renders_the_endorsed_evidence(cast, client_for):
    f.endorsed(cast)
    f.recorded(cast, skill="Creativity", title="An idea nobody endorsed")
    response = client_for(cast.parent_carer).get(f"/passport/young-people/{cast.young_person_record.pk}/passport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    pages = render_document(pdf.passport_html(cast.young_person_record)).pages
    text = " ".join(box.text for page in pages for box in page._page_box.descendants() if getattr(box, "text", None))
    assert "Amira Khan" in text and "Teamwork" in text and "Helped run the stores" in text
    assert "An idea nobody endorsed" not in text


# Evidence ------------------------------------------------------------------------------------------
def test_the_young_person_records_evidence_linked_to_a_placement_with_a_file(cast, client_for, media):
    f.framework(cast.partnership)
    placement, _ = f.attended_placement(cast.young_person_record, cast.employer)
    client = client_for(cast.young_person)
    form = client.get("/passport/evidence/new/")
    assert "Placement: Engineering week at the machine shop" in form.content.decode()
    level = f.level(cast.partnership, "Problem solving", 2)
    response = client.post("/passport/evidence/new/", {
        "title": "Fixed a jammed label printer", "occurred_on": "11/2/2026", "activity": f"placement:{placement.pk}",
        "description": "I read the manual and cleared the jam.", "skill_level": str(level.pk),
        "reflection": "Try the simple fixes first.", "file": f.pdf_upload("printer.pdf"),
    })
    evidence = Evidence.objects.get()
    assert response.status_code == 302 and response["Location"] == evidence.get_absolute_url()
    assert evidence.placement == placement and evidence.file_name == "printer.pdf"
    detail = client.get(evidence.get_absolute_url()).content.decode()
    assert "Send for endorsement" in detail
    assert client.get(f"/passport/evidence/{evidence.pk}/file/").status_code == 200


def test_a_form_with_problems_shows_them_beside_the_fields(cast, client_for):
    f.framework(cast.partnership)
    response = client_for(cast.young_person).post("/passport/evidence/new/", {
        "title": "", "occurred_on": "31/2/2026", "description": "x", "reflection": "", "skill_level": "",
        "file": f.pdf_upload("photo.gif", b"GIF89a"),
    })
    text = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in text
    for message in ("Tell us what you did", "must be a real date", "Tell us what you learned",
                    "Choose the skill and the level you showed"):
        assert message in text


def test_the_parent_sees_the_evidence_but_only_the_young_person_changes_it(cast, client_for):
    evidence = f.recorded(cast)
    assert client_for(cast.parent_carer).get(evidence.get_absolute_url()).status_code == 200
    assert client_for(cast.parent_carer).get(f"/passport/evidence/{evidence.pk}/edit/").status_code == 403
    client = client_for(cast.young_person)
    response = client.post(f"/passport/evidence/{evidence.pk}/send/", {"endorser": f"employer:{cast.employer.pk}"})
    assert response.status_code == 302
    assert client.get(f"/passport/evidence/{evidence.pk}/edit/").status_code == 302  # sent: no longer editable


def test_sending_offers_the_host_and_the_adviser(cast, client_for):
    evidence = f.recorded(cast)
    text = client_for(cast.young_person).get(f"/passport/evidence/{evidence.pk}/send/").content.decode()
    assert "Potteries Precision Ltd, who hosted the activity" in text and "enterprise adviser" in text
    response = client_for(cast.young_person).post(f"/passport/evidence/{evidence.pk}/send/", {"endorser": "adviser:0"})
    assert response.status_code == 400


# Endorsing -----------------------------------------------------------------------------------------
def test_the_endorser_sees_only_what_was_sent_with_first_name_last_initial_and_school(cast, client_for):
    evidence = f.sent_to_employer(cast)
    client = client_for(cast.employer_contact)
    queue = client.get("/passport/endorsements/").content.decode()
    assert "Amira K." in queue and "Northfield Academy" in queue and "Khan" not in queue
    page = client.get(f"/passport/endorsements/{evidence.pk}/").content.decode()
    young_person = cast.young_person_record
    assert "Amira K." in page and "Khan" not in page
    assert young_person.upn not in page and young_person.date_of_birth.strftime("%Y") not in page
    assert client.get(f"/passport/young-people/{young_person.pk}/").status_code == 404
    assert AuditEntry.objects.filter(actor=cast.employer_contact, action="view", young_person_id=young_person.pk).exists()


def test_other_employers_and_the_adviser_cannot_reach_evidence_sent_to_the_employer(cast, client_for):
    evidence = f.sent_to_employer(cast)
    for user in (cast.other_employer_contact, cast.enterprise_adviser):
        client = client_for(user)
        assert client.get(f"/passport/endorsements/{evidence.pk}/").status_code == 404
        assert "Amira" not in client.get("/passport/endorsements/").content.decode()


def test_returning_needs_a_comment_and_endorsing_issues_the_credential(cast, client_for):
    evidence = f.sent_to_employer(cast)
    client = client_for(cast.employer_contact)
    response = client.post(f"/passport/endorsements/{evidence.pk}/", {"decision": "return", "comment": ""})
    assert response.status_code == 400 and "Say what the young person should change or add" in response.content.decode()
    response = client.post(f"/passport/endorsements/{evidence.pk}/", {"decision": "endorse", "comment": "Great"})
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.ENDORSED and evidence.credential


# Credentials ---------------------------------------------------------------------------------------
def test_the_credential_downloads_and_verifies_on_the_page_and_by_api(cast, client_for, client):
    evidence = f.endorsed(cast)
    download = client_for(cast.young_person).get(f"/passport/evidence/{evidence.pk}/credential.json")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    text = download.content.decode()
    client.logout()
    page = client.post("/passport/verify/", {"credential": text}).content.decode()
    assert "This credential is valid" in page and "Amira K." in page and "Teamwork: level 3, Capable" in page
    api = client.post("/api/passport/verify", data=text, content_type="application/json").json()
    assert api["status"] == "valid" and api["awarded_to"] == "Amira K." and api["issuer"] == cast.partnership.name
    altered = text.replace("Capable", "Capablf", 1)
    assert "This credential is not valid" in client.post("/passport/verify/", {"credential": altered}).content.decode()
    assert client.post("/api/passport/verify", data=altered, content_type="application/json").json()["valid"] is False
    from django.core.files.uploadedfile import SimpleUploadedFile
    uploaded = client.post("/passport/verify/", {"credential_file": SimpleUploadedFile("c.json", text.encode())})
    assert "This credential is valid" in uploaded.content.decode()
    assert client.post("/passport/verify/", {"credential": ""}).status_code == 400


def test_a_revoked_credential_verifies_as_revoked(cast, client_for, client):
    evidence = f.endorsed(cast)
    response = client_for(cast.hub_manager).post(f"/passport/evidence/{evidence.pk}/revoke/", {"reason": "Issued in error"})
    assert response.status_code == 302
    client.logout()
    text = json.dumps(evidence.credential.document)
    page = client.post("/passport/verify/", {"credential": text}).content.decode()
    assert "This credential has been revoked" in page and "Issued in error" in page
    status = client.get(f"/api/passport/credentials/{evidence.credential.uuid}").json()
    assert status["revoked"] is True and status["revocation_reason"] == "Issued in error"


def test_only_the_hub_manager_revokes(cast, client_for):
    evidence = f.endorsed(cast)
    assert client_for(cast.careers_leader).get(f"/passport/evidence/{evidence.pk}/revoke/").status_code == 403
    assert client_for(cast.young_person).post(f"/passport/evidence/{evidence.pk}/revoke/", {"reason": "x"}).status_code == 403


def test_the_command_line_exits_0_for_valid_and_1_otherwise(cast, tmp_path, capsys):
    evidence = f.endorsed(cast)
    good = tmp_path / "credential.json"
    good.write_text(json.dumps(evidence.credential.document))
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_credential", str(good))
    assert exit_.value.code == 0 and "Valid." in capsys.readouterr().out
    bad = tmp_path / "altered.json"
    bad.write_text(good.read_text().replace("Amira K.", "Amina K."))
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_credential", str(bad))
    assert exit_.value.code == 1 and "Not valid" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_credential", str(tmp_path / "missing.json"))
    assert exit_.value.code == 1


def test_the_console_script_passes_verify_credential_through(monkeypatch):
    import sys

    from careershub import __main__ as console

    seen = {}
    monkeypatch.setattr(sys, "argv", ["careershub", "verify-credential", "file.json"])
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: seen.setdefault("argv", argv))
    console.main()
    assert seen["argv"] == ["careershub", "verify_credential", "file.json"]


# Sharing -------------------------------------------------------------------------------------------
def test_a_share_link_shows_only_endorsed_evidence_until_it_expires_or_is_switched_off(cast, client_for, client):
    f.endorsed(cast)
    f.recorded(cast, skill="Creativity", title="Not endorsed yet")
    young = client_for(cast.young_person)
    response = young.post("/passport/share/", {"period": "1w"})
    assert response.status_code == 302
    page = young.get("/passport/share/").content.decode()
    url = page.split('id="new-link" type="text" value="')[1].split('"')[0]
    path = url.removeprefix("http://testserver")
    assert "Copy it now" in page and "Copy it now" not in young.get("/passport/share/").content.decode()
    client.logout()
    shared = client.get(path)
    text = shared.content.decode()
    assert shared.status_code == 200 and "Amira K." in text and "Helped run the stores" in text
    assert "Not endorsed yet" not in text and "Khan" not in text
    assert ShareLink.objects.get().times_opened == 1
    link = ShareLink.objects.get()
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    gone = client.get(path)
    assert gone.status_code == 404 and "This link does not work any more" in gone.content.decode()
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert client.get(path).status_code == 200
    young = client_for(cast.young_person)
    assert young.post(f"/passport/share/{link.pk}/switch-off/").status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert client.get("/passport/shared/made-up-token/").status_code == 404


def test_a_young_person_cannot_switch_off_someone_elses_link(cast, client_for):
    link, _ = services.share_link_create(acting_user=cast.young_person, young_person=cast.young_person_record, period="1w")
    assert client_for(cast.parent_carer).post(f"/passport/share/{link.pk}/switch-off/").status_code == 403


def test_revoked_credentials_are_not_shown_through_a_share_link(cast, client):
    evidence = f.endorsed(cast)
    _, token = services.share_link_create(acting_user=cast.young_person, young_person=cast.young_person_record, period="1w")
    services.credential_revoke(acting_user=cast.hub_manager, credential=evidence.credential, reason="Error")
    assert "Helped run the stores" not in client.get(f"/passport/shared/{token}/").content.decode()


# The framework -------------------------------------------------------------------------------------
def test_the_hub_manager_drafts_consults_and_approves_through_the_pages(cast, client_for):
    f.framework(cast.partnership, cast.hub_manager)
    hub = client_for(cast.hub_manager)
    response = hub.post("/passport/frameworks/new/")
    draft_url = response["Location"]
    assert response.status_code == 302
    skill = SkillLevel.objects.filter(skill__framework__version=2).first().skill
    data = {"name": "Team working", "summary": "Working with others.", **{
        f"level_{n}_name": f"L{n}" for n in range(1, 6)}, **{f"level_{n}_descriptor": f"Does {n}" for n in range(1, 6)}}
    assert hub.post(f"{draft_url}skills/{skill.pk}/edit/", data).status_code == 302
    assert client_for(cast.careers_leader).get(draft_url).status_code == 404  # a draft: hub manager only
    hub = client_for(cast.hub_manager)  # one test client, signed in as each person in turn
    assert hub.post(f"{draft_url}status/", {"step": "consult"}).status_code == 302
    leader = client_for(cast.careers_leader)
    assert "Leave a comment" in leader.get(draft_url).content.decode()
    assert leader.post(f"{draft_url}comments/", {"body": "Clear and useful.", "skill": str(skill.pk)}).status_code == 302
    assert client_for(cast.young_person).get(draft_url).status_code == 404
    hub = client_for(cast.hub_manager)
    assert "Clear and useful." in hub.get(draft_url).content.decode()
    hub.post(f"{draft_url}status/", {"step": "approve"})
    assert "Team working" in client_for(cast.young_person).get(draft_url).content.decode()


def test_the_framework_api_gives_the_approved_version(cast, client_for):
    f.framework(cast.partnership)
    data = client_for(cast.employer_contact).get("/api/passport/framework").json()
    assert data["version"] == 1 and len(data["skills"]) == 8 and len(data["skills"][0]["levels"]) == 5


def test_the_passport_api_follows_the_record(cast, client_for):
    f.endorsed(cast)
    data = client_for(cast.careers_adviser).get(f"/api/passport/young-people/{cast.young_person_record.pk}").json()
    assert data["endorsed"] == 1 and data["evidence"][0]["credential_id"].startswith("urn:uuid:")
    assert client_for(cast.employer_contact).get(
        f"/api/passport/young-people/{cast.young_person_record.pk}").status_code == 404
