"""The passport's rules: frameworks (drafting, consultation, approval, versions), who records and sends
evidence to whom, endorsing and returning, credentials (issued, verified, revoked), the signing key
and share links. Every write leaves an audit entry with the young person's id."""
import base64
import datetime
import json

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.utils import timezone

from careershub.advisers.models import AdviserMatch
from careershub.core.models import AuditEntry, Notification
from careershub.passport import credentials, keys, services, signing
from careershub.passport.models import Evidence, ShareLink, SigningKey, SkillLevel, SkillsFramework
from careershub.passport.shipped import DEMO_FRAMEWORK, ensure_demo_framework

from . import factories as f

pytestmark = pytest.mark.django_db


# Frameworks ----------------------------------------------------------------------------------------
def test_the_demo_framework_has_eight_skills_of_five_described_levels(cast):
    framework = ensure_demo_framework(cast.partnership, cast.hub_manager)
    assert framework.status == SkillsFramework.Status.APPROVED and framework.version == 1
    skills = list(framework.skills.order_by("order"))
    assert [s.name for s in skills] == [name for name, _, _ in DEMO_FRAMEWORK["skills"]]
    assert len(skills) == 8
    assert SkillLevel.objects.filter(skill__framework=framework).count() == 40
    assert ensure_demo_framework(cast.partnership, cast.hub_manager) == framework  # made once


def test_a_new_version_starts_as_a_copy_goes_to_consultation_and_replaces_the_old_on_approval(cast):
    first = f.framework(cast.partnership, cast.hub_manager)
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    assert draft.version == 2 and draft.status == SkillsFramework.Status.DRAFT and draft.based_on == first
    assert list(draft.skills.values_list("name", flat=True)) == list(first.skills.values_list("name", flat=True))
    with pytest.raises(ValidationError):
        services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    with pytest.raises(ValidationError):  # not in consultation yet
        services.framework_comment(acting_user=cast.careers_leader, framework=draft, body="Too long")
    services.framework_open_consultation(acting_user=cast.hub_manager, framework=draft)
    assert Notification.objects.filter(user__in=[cast.careers_leader, cast.employer_contact]).count() == 2
    services.framework_comment(acting_user=cast.careers_leader, framework=draft, body="Level 2 of teamwork is hard to tell apart.")
    services.framework_comment(acting_user=cast.employer_contact, framework=draft, body="Add customer service?")
    for outsider in (cast.young_person, cast.teacher, cast.analyst):
        with pytest.raises(PermissionDenied):
            services.framework_comment(acting_user=outsider, framework=draft, body="Hello")
    skill = draft.skills.get(name="Teamwork")
    services.skill_save(acting_user=cast.hub_manager, framework=draft, skill=skill, name="Teamwork",
                        summary="Working with others.", levels={lv: (f"Level {lv}", f"Does {lv}") for lv in range(1, 6)})
    services.framework_approve(acting_user=cast.hub_manager, framework=draft)
    first.refresh_from_db()
    assert first.status == SkillsFramework.Status.RETIRED and first.retired_at
    assert SkillsFramework.objects.get(pk=draft.pk).status == SkillsFramework.Status.APPROVED
    with pytest.raises(ValidationError):  # approved versions are not changed
        services.framework_update(acting_user=cast.hub_manager, framework=draft, name="New", introduction="")


def test_evidence_keeps_the_version_it_was_made_under(cast):
    evidence = f.recorded(cast)
    old_level = evidence.skill_level
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    services.framework_approve(acting_user=cast.hub_manager, framework=draft)
    evidence.refresh_from_db()
    assert evidence.skill_level == old_level and evidence.skill_level.skill.framework.version == 1
    # New evidence must use the approved version; changing old evidence may keep its level.
    with pytest.raises(ValidationError) as error:
        services.evidence_record(acting_user=cast.young_person, young_person=cast.young_person_record,
                                 skill_level=old_level, title="T", description="D", reflection="R",
                                 occurred_on=datetime.date(2026, 3, 1))
    assert "skill_level" in error.value.message_dict
    services.evidence_update(acting_user=cast.young_person, evidence=evidence, skill_level=old_level, title="Changed",
                             description="D", reflection="R", occurred_on=evidence.occurred_on)


def test_only_the_hub_manager_drafts_and_approves(cast):
    f.framework(cast.partnership)
    for user in (cast.careers_leader, cast.enterprise_coordinator, cast.employer_contact, cast.admin):
        with pytest.raises(PermissionDenied):
            services.framework_draft(acting_user=user, partnership=cast.partnership)
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    with pytest.raises(PermissionDenied):
        services.framework_approve(acting_user=cast.careers_leader, framework=draft)


def test_a_framework_with_a_level_missing_is_not_approved(cast):
    f.framework(cast.partnership)
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    SkillLevel.objects.filter(skill__framework=draft, skill__name="Creativity", level=4).delete()
    with pytest.raises(ValidationError, match="Creativity"):
        services.framework_approve(acting_user=cast.hub_manager, framework=draft)


def test_a_skill_needs_its_name_summary_and_every_level(cast):
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    assert draft.version == 1 and draft.skills.count() == 8  # the first version starts from the shipped skills
    with pytest.raises(ValidationError) as error:
        services.skill_save(acting_user=cast.hub_manager, framework=draft, name="Teamwork", summary="",
                            levels={1: ("Start", "Does")})
    assert {"name", "summary", "level_2_name", "level_5_descriptor"} <= set(error.value.message_dict)


# Evidence ------------------------------------------------------------------------------------------
def test_the_young_person_records_evidence_with_a_file_and_it_is_audited(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = f.recorded(cast, upload=f.pdf_upload())
    assert evidence.status == Evidence.Status.RECORDED
    assert evidence.file.name.startswith("passport/evidence/") and "certificate" not in evidence.file.name
    assert len(evidence.file.name.removeprefix("passport/evidence/").removesuffix(".pdf")) == 64  # random hex only
    assert evidence.file_name == "certificate.pdf" and evidence.file_content_type == "application/pdf"
    entry = AuditEntry.objects.get(subject_type="passport.evidence", action=AuditEntry.Action.CREATE)
    assert entry.young_person_id == cast.young_person_record.pk and entry.actor == cast.young_person


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.txt", b"hello", "must be a PDF, JPEG or PNG"),
    ("photo.png", b"%PDF-1.7 not a png", "not a real PNG"),
    ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "smaller than 5MB"),
    ("empty.pdf", b"", "empty"),
])
def test_files_other_than_pdf_jpeg_png_up_to_5mb_are_refused(cast, name, content, message):
    with pytest.raises(ValidationError) as error:
        f.recorded(cast, upload=f.pdf_upload(name, content))
    assert message in error.value.message_dict["file"][0]


def test_nobody_else_records_evidence_in_a_passport(cast):
    level = f.level(cast.partnership)
    for user in (cast.parent_carer, cast.careers_leader, cast.hub_manager):
        with pytest.raises(PermissionDenied):
            services.evidence_record(acting_user=user, young_person=cast.young_person_record, skill_level=level,
                                     title="T", description="D", reflection="R", occurred_on=datetime.date(2026, 1, 5))


def test_evidence_links_only_to_the_young_persons_own_activities(cast):
    _, other_encounter = f.attended_placement(cast.other_young_person_record, cast.employer)
    with pytest.raises(ValidationError) as error:
        services.evidence_record(acting_user=cast.young_person, young_person=cast.young_person_record,
                                 skill_level=f.level(cast.partnership), title="T", description="D", reflection="R",
                                 occurred_on=datetime.date(2026, 1, 5), encounter=other_encounter)
    assert "activity" in error.value.message_dict


def test_evidence_from_the_future_or_without_a_reflection_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        services.evidence_record(acting_user=cast.young_person, young_person=cast.young_person_record,
                                 skill_level=f.level(cast.partnership), title="T", description="D", reflection=" ",
                                 occurred_on=timezone.localdate() + datetime.timedelta(days=2))
    assert {"reflection", "occurred_on"} <= set(error.value.message_dict)


# Sending and endorsing -----------------------------------------------------------------------------
def test_evidence_from_a_placement_goes_to_the_host_employer_whose_contacts_endorse_it(cast):
    evidence = f.sent_to_employer(cast)
    assert evidence.status == Evidence.Status.SUBMITTED and evidence.endorser_employer == cast.employer
    assert Notification.objects.filter(user=cast.employer_contact, subject__contains="endorse").exists()
    with pytest.raises(PermissionDenied):
        services.evidence_endorse(acting_user=cast.other_employer_contact, evidence=evidence)
    with pytest.raises(PermissionDenied):  # the adviser works for the same employer, but it was not sent to them
        services.evidence_endorse(acting_user=cast.enterprise_adviser, evidence=evidence)
    credential = services.evidence_endorse(acting_user=cast.employer_contact, evidence=evidence, comment="Well done")
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.ENDORSED and evidence.decided_by == cast.employer_contact
    assert credentials.verify_document(credential.document).valid
    assert Notification.objects.filter(user=cast.young_person, subject="Your evidence has been endorsed").exists()
    actions = AuditEntry.objects.filter(subject_type="passport.evidence", young_person_id=cast.young_person_record.pk)
    assert actions.count() == 3  # recorded, sent, endorsed
    with pytest.raises(ValidationError):
        services.evidence_endorse(acting_user=cast.employer_contact, evidence=evidence)


def test_only_the_host_employer_or_the_schools_adviser_can_be_chosen(cast):
    evidence = f.recorded(cast)
    for key in (f"employer:{cast.other_employer.pk}", "adviser:999999", "someone"):
        with pytest.raises(ValidationError):
            services.evidence_submit(acting_user=cast.young_person, evidence=evidence, endorser=key)
    with pytest.raises(PermissionDenied):
        services.evidence_submit(acting_user=cast.careers_leader, evidence=evidence,
                                 endorser=f"employer:{cast.employer.pk}")


def test_evidence_without_an_activity_goes_to_the_current_adviser_only(cast):
    evidence = f.sent_to_adviser(cast)
    assert evidence.endorser_adviser == cast.enterprise_adviser_record
    with pytest.raises(PermissionDenied):
        services.evidence_endorse(acting_user=cast.employer_contact, evidence=evidence)
    services.evidence_endorse(acting_user=cast.enterprise_adviser, evidence=evidence)


def test_with_no_current_adviser_and_no_activity_there_is_nobody_to_send_to(cast):
    AdviserMatch.objects.update(ended_on=datetime.date(2026, 12, 1))
    evidence = f.recorded(cast, with_encounter=False)
    with pytest.raises(ValidationError, match="nobody to endorse"):
        services.evidence_submit(acting_user=cast.young_person, evidence=evidence,
                                 endorser=f"adviser:{cast.enterprise_adviser_record.pk}")


def test_returned_evidence_is_changed_and_sent_again(cast):
    evidence = f.sent_to_employer(cast)
    with pytest.raises(ValidationError):
        services.evidence_return(acting_user=cast.employer_contact, evidence=evidence, comment="  ")
    with pytest.raises(ValidationError):  # sent: the young person cannot change it
        services.evidence_update(acting_user=cast.young_person, evidence=evidence, skill_level=evidence.skill_level,
                                 title="x", description="d", reflection="r", occurred_on=evidence.occurred_on)
    services.evidence_return(acting_user=cast.employer_contact, evidence=evidence, comment="Say what you checked.")
    evidence.refresh_from_db()
    assert evidence.status == Evidence.Status.RETURNED and evidence.endorser_comment == "Say what you checked."
    services.evidence_update(acting_user=cast.young_person, evidence=evidence, skill_level=evidence.skill_level,
                             title=evidence.title, description="I checked 40 deliveries.", reflection="r",
                             occurred_on=evidence.occurred_on, encounter=evidence.encounter)
    services.evidence_submit(acting_user=cast.young_person, evidence=evidence, endorser=f"employer:{cast.employer.pk}")
    assert Evidence.objects.get(pk=evidence.pk).status == Evidence.Status.SUBMITTED


def test_deleting_is_only_for_evidence_not_yet_sent(cast):
    evidence = f.sent_to_employer(cast)
    with pytest.raises(ValidationError):
        services.evidence_delete(acting_user=cast.young_person, evidence=evidence)
    draft = f.recorded(cast, title="Another")
    services.evidence_delete(acting_user=cast.young_person, evidence=draft)
    assert not Evidence.objects.filter(pk=draft.pk).exists()


# Credentials ---------------------------------------------------------------------------------------
def test_the_credential_is_an_open_badge_naming_the_partnership_skill_level_and_first_name(cast):
    evidence = f.endorsed(cast)
    document = evidence.credential.document
    assert document["@context"] == [credentials.VC_CONTEXT, credentials.OB_CONTEXT]
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["id"] == evidence.credential.urn
    assert document["issuer"]["type"] == ["Profile"] and document["issuer"]["name"] == cast.partnership.name
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "Teamwork: level 3, Capable"
    assert achievement["criteria"]["narrative"] == evidence.skill_level.descriptor
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Amira K."
    assert "Khan" not in json.dumps(document)
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert document["proof"]["verificationMethod"].startswith(SigningKey.objects.get().did)


def test_verification_says_valid_tampered_unsigned_unknown_key_or_revoked(cast):
    evidence = f.endorsed(cast)
    document = evidence.credential.document
    assert credentials.verify_document(document).status == credentials.VALID
    tampered = json.loads(json.dumps(document))
    tampered["credentialSubject"]["achievement"]["name"] = "Teamwork: level 5, Leading"
    result = credentials.verify_document(tampered)
    assert result.status == credentials.INVALID and "changed" in result.reason
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    assert "not signed" in credentials.verify_document(unsigned).reason
    forged = signing.sign(unsigned, signing.new_seed())
    assert "belongs to no partnership" in credentials.verify_document(forged).reason
    assert "not valid JSON" in credentials.verify_text("{not json").reason
    services.credential_revoke(acting_user=cast.hub_manager, credential=evidence.credential, reason="Issued in error")
    result = credentials.verify_document(document)
    assert result.status == credentials.REVOKED and "Issued in error" in result.reason
    assert AuditEntry.objects.filter(subject_type="passport.credential", young_person_id=cast.young_person_record.pk).exists()


def test_a_credential_re_signed_by_the_partnership_key_with_another_content_does_not_match(cast):
    evidence = f.endorsed(cast)
    _, seed = keys.signing_key_for(cast.partnership)
    unsigned = {k: v for k, v in evidence.credential.document.items() if k != "proof"}
    unsigned["name"] = "Something else"
    result = credentials.verify_document(signing.sign(unsigned, seed))
    assert result.status == credentials.INVALID and "does not match" in result.reason


def test_only_the_partnerships_hub_manager_revokes(cast):
    evidence = f.endorsed(cast)
    for user in (cast.enterprise_coordinator, cast.employer_contact, cast.careers_leader, cast.admin):
        with pytest.raises(PermissionDenied):
            services.credential_revoke(acting_user=user, credential=evidence.credential, reason="No")
    with pytest.raises(ValidationError):
        services.credential_revoke(acting_user=cast.hub_manager, credential=evidence.credential, reason=" ")


# The signing key -----------------------------------------------------------------------------------
def test_the_key_is_made_once_and_stored_encrypted(cast):
    key, seed = keys.signing_key_for(cast.partnership)
    again, same = keys.signing_key_for(cast.partnership)
    assert key == again and seed == same
    blob = bytes(key.encrypted_seed)
    assert seed not in blob and len(blob) == 16 + 12 + 32 + 16
    assert bytes(key.public_key) == signing.public_key_of(seed)


def test_a_key_encrypted_under_an_old_secret_opens_with_the_fallback_and_is_encrypted_again(cast, settings):
    key, seed = keys.signing_key_for(cast.partnership)
    old_blob = bytes(key.encrypted_seed)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-test-0123456789"
    _, opened = keys.signing_key_for(cast.partnership)
    assert opened == seed
    key.refresh_from_db()
    assert bytes(key.encrypted_seed) != old_blob
    settings.SECRET_KEY_FALLBACKS = []
    assert keys.signing_key_for(cast.partnership)[1] == seed


def test_a_key_under_a_lost_secret_is_refused_clearly(cast, settings):
    keys.signing_key_for(cast.partnership)
    settings.SECRET_KEY = "a-different-secret-with-no-fallback-0123456789"
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FALLBACKS"):
        keys.signing_key_for(cast.partnership)


def test_the_key_may_come_from_the_environment(cast, monkeypatch):
    seed = bytes(range(32))
    monkeypatch.setenv(keys.ENVIRONMENT_VARIABLE, base64.b64encode(seed).decode())
    key, used = keys.signing_key_for(cast.partnership)
    assert used == seed and key.from_environment and bytes(key.encrypted_seed) == b""
    evidence = f.endorsed(cast)
    assert credentials.verify_document(evidence.credential.document).valid
    monkeypatch.setenv(keys.ENVIRONMENT_VARIABLE, "not base64!")
    with pytest.raises(ImproperlyConfigured):
        keys.signing_key_for(cast.partnership)


def test_rotating_keeps_old_credentials_valid(cast):
    first = f.endorsed(cast)
    old_key = SigningKey.objects.get()
    new_key = keys.rotate(cast.partnership)
    assert new_key != old_key and SigningKey.objects.get(pk=old_key.pk).retired_at is not None
    second = f.endorsed(cast, skill="Communication", title="Answered the phones")
    assert second.credential.signing_key == new_key
    assert credentials.verify_document(first.credential.document).valid
    assert credentials.verify_document(second.credential.document).valid


# Share links ---------------------------------------------------------------------------------------
def test_share_links_expire_after_the_period_chosen_and_only_a_hash_is_kept(cast):
    now = timezone.now()
    link, token = services.share_link_create(acting_user=cast.young_person, young_person=cast.young_person_record,
                                             period=ShareLink.Period.THREE_MONTHS)
    assert link.token_hash == services.hash_token(token) and token not in link.token_hash
    assert 89 <= (link.expires_at - now).days <= 92
    assert services.expiry_for("1w", now) == now + datetime.timedelta(days=7)
    assert services.expiry_for("6m", datetime.datetime(2026, 8, 31, tzinfo=datetime.UTC)).date() == datetime.date(2027, 2, 28)
    with pytest.raises(ValidationError):
        services.share_link_create(acting_user=cast.young_person, young_person=cast.young_person_record, period="2y")
    with pytest.raises(PermissionDenied):
        services.share_link_create(acting_user=cast.parent_carer, young_person=cast.young_person_record, period="1w")
    services.share_link_revoke(acting_user=cast.young_person, link=link)
    assert not ShareLink.objects.get(pk=link.pk).is_active()
    with pytest.raises(ValidationError):
        services.share_link_revoke(acting_user=cast.young_person, link=link)
