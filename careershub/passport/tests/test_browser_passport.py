"""In the browser: after a placement a young person records evidence and sends it to the employer,
the employer endorses it, the young person downloads the credential and anyone verifies it at the
public page; the same credential with one byte altered does not verify. axe-core finds nothing on
any page on the way."""
import json

import pytest

from careershub.conftest import sign_in_through_the_page
from careershub.passport.models import Evidence

from . import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def as_person(page, username, password):
    page.context.clear_cookies()
    sign_in_through_the_page(page, username, password)


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_evidence_after_a_placement_is_endorsed_and_its_credential_verifies(cast, page, axe, media):
    f.framework(cast.partnership, cast.hub_manager)
    placement, _ = f.attended_placement(cast.young_person_record, cast.employer)
    certificate = media / "certificate.pdf"
    certificate.write_bytes(f.PDF_BYTES)

    # The young person records evidence of their placement and sends it to the employer.
    as_person(page, "young_person", cast.password)
    page.goto("/passport/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your skills passport"
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Add evidence").click()
    assert axe(page) == []
    page.get_by_label("What did you do?").fill("Planned the stock check with the apprentices")
    page.get_by_label("When did you do it?").fill("12/2/2026")
    page.get_by_label("Was it part of an activity on Careers Hub?").select_option(f"placement:{placement.pk}")
    page.get_by_label("Tell us more about what you did").fill("We split the shelves between us and checked them twice.")
    level = f.level(cast.partnership, "Teamwork", 3)
    page.get_by_label("Which skill did you show, and at what level?").select_option(str(level.pk))
    page.get_by_label("What did you learn?").fill("Agreeing who does what first saves time later.")
    page.get_by_label("Add a file").set_input_files(str(certificate))
    submit(page, "Save evidence")
    evidence = Evidence.objects.get()
    page.wait_for_url(f"**/passport/evidence/{evidence.pk}/")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send for endorsement").click()
    assert axe(page) == []
    page.get_by_label("Potteries Precision Ltd, who hosted the activity").check()
    submit(page, "Send for endorsement")
    assert page.get_by_text("Waiting for endorsement").first.is_visible()
    assert axe(page) == []

    # The employer's contact endorses it.
    as_person(page, "employer_contact", cast.password)
    page.goto("/passport/endorsements/")
    assert axe(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Planned the stock check with the apprentices").click()
    assert page.get_by_text("Amira K., Northfield Academy").is_visible()
    assert axe(page) == []
    page.get_by_label("Yes, I endorse it").check()
    page.get_by_role("textbox", name="Comment").fill("Amira organised the team well.")
    submit(page, "Save your decision")
    assert page.get_by_text("You have endorsed Amira K.’s evidence").is_visible()
    assert axe(page) == []

    # The young person downloads the credential.
    as_person(page, "young_person", cast.password)
    page.goto(f"/passport/evidence/{evidence.pk}/")
    assert page.get_by_text("Endorsed", exact=True).first.is_visible()
    assert axe(page) == []
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the credential (JSON)").click()
    credential_file = media / "credential.json"
    download_info.value.save_as(str(credential_file))
    document = json.loads(credential_file.read_text())
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]

    # Anyone checks it at the public page, by file.
    page.context.clear_cookies()
    page.goto("/passport/verify/")
    assert axe(page) == []
    page.get_by_label("Or choose the credential file").set_input_files(str(credential_file))
    submit(page, "Check the credential")
    assert page.get_by_role("heading", name="This credential is valid").is_visible()
    assert page.get_by_text("Teamwork: level 3, Capable").is_visible()
    assert page.get_by_text("Amira K.", exact=True).is_visible()
    assert axe(page) == []

    # One byte altered: not valid.
    raw = credential_file.read_bytes()
    position = raw.index(b"Capable")
    altered = raw[:position] + b"D" + raw[position + 1:]
    page.get_by_label("Paste the credential").fill(altered.decode())
    submit(page, "Check the credential")
    assert page.get_by_role("heading", name="This credential is not valid").is_visible()
    assert page.get_by_text("The signature does not match").is_visible()
    assert axe(page) == []
