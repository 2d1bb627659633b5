"""Who reaches each skills passport page and endpoint.

Amira (cast.young_person_record, at cast.school) has evidence from a placement at cast.employer: one
piece recorded, one sent to cast.employer (whose contact endorses it), one endorsed with its
credential. Her passport is seen by whoever sees her record; cast.employer_contact sees only what was
sent to cast.employer. The partnership's framework is approved; a later version is in consultation
where a row needs it. Rows build what they need from the cast as they ask (once per request).
"""
import json
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from careershub.core.matrix import EVERYONE, ROLE_KEYS, endpoint, page, public_page
from careershub.passport import services
from careershub.passport.models import Evidence, ShareLink, SkillsFramework
from careershub.passport.tests import factories as f

WHO_SEES_AMIRA = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person", "parent_carer",
                  "careers_adviser"]
YOUNG_PERSON = ["young_person"]
HUB_MANAGER = ["hub_manager"]
ENDORSERS = ["employer_contact", "enterprise_adviser", "other_employer_contact"]
IN_THE_PARTNERSHIP = [*ROLE_KEYS, "other_careers_leader", "other_employer_contact"]
CONSULTEES = ["hub_manager", "enterprise_coordinator", "careers_leader", "employer_contact", "other_careers_leader",
              "other_employer_contact"]
SIGNED_IN = list(EVERYONE)
EVIDENCE_FILE = "passport/evidence/permission-matrix-0123456789abcdef.pdf"
SHARE_TOKEN = "permission-matrix-share-token"
EXPIRED_TOKEN = "permission-matrix-expired-token"


def _framework(cast):
    return f.framework(cast.partnership, cast.hub_manager)


def recorded(cast) -> Evidence:
    _framework(cast)
    return (Evidence.objects.filter(young_person=cast.young_person_record, status=Evidence.Status.RECORDED).first()
            or f.recorded(cast, title="Matrix: recorded"))


def sent(cast) -> Evidence:
    _framework(cast)
    evidence = (Evidence.objects.filter(young_person=cast.young_person_record, status=Evidence.Status.SUBMITTED).first()
                or f.sent_to_employer(cast, title="Matrix: sent"))
    if not default_storage.exists(EVIDENCE_FILE):
        default_storage.save(EVIDENCE_FILE, ContentFile(f.PDF_BYTES))
    Evidence.objects.filter(pk=evidence.pk).update(file=EVIDENCE_FILE, file_name="Certificate.pdf",
                                                   file_content_type="application/pdf")
    return evidence


def endorsed(cast) -> Evidence:
    _framework(cast)
    return (Evidence.objects.filter(young_person=cast.young_person_record, status=Evidence.Status.ENDORSED).first()
            or f.endorsed(cast, title="Matrix: endorsed"))


def consultation(cast) -> SkillsFramework:
    _framework(cast)
    existing = SkillsFramework.objects.filter(partnership=cast.partnership, status="consultation").first()
    if existing:
        return existing
    draft = services.framework_draft(acting_user=cast.hub_manager, partnership=cast.partnership)
    return services.framework_open_consultation(acting_user=cast.hub_manager, framework=draft)


def share_token(cast) -> str:
    endorsed(cast)
    if not ShareLink.objects.filter(token_hash=services.hash_token(SHARE_TOKEN)).exists():
        ShareLink.objects.create(young_person=cast.young_person_record, token_hash=services.hash_token(SHARE_TOKEN),
                                 period="1w", expires_at=timezone.now() + timedelta(days=7))
    return SHARE_TOKEN


def expired_token(cast) -> str:
    if not ShareLink.objects.filter(token_hash=services.hash_token(EXPIRED_TOKEN)).exists():
        ShareLink.objects.create(young_person=cast.young_person_record, token_hash=services.hash_token(EXPIRED_TOKEN),
                                 period="1w", expires_at=timezone.now() - timedelta(minutes=1))
    return EXPIRED_TOKEN


def active_link(cast) -> ShareLink:
    share_token(cast)
    return ShareLink.objects.get(token_hash=services.hash_token(SHARE_TOKEN))


def credential_text(cast) -> dict:
    return {"credential": json.dumps(endorsed(cast).credential.document)}


ROWS = [
    # The passport.
    page("passport:mine", lambda cast: "/passport/", YOUNG_PERSON),
    page("passport:passport", lambda cast: f"/passport/young-people/{endorsed(cast).young_person_id}/", WHO_SEES_AMIRA),
    page("passport:passport", lambda cast: f"/passport/young-people/{cast.other_young_person_record.pk}/",
         ["hub_manager", "other_careers_leader"], note="the other school's young person"),
    page("passport:passport_pdf", lambda cast: f"/passport/young-people/{endorsed(cast).young_person_id}/passport.pdf",
         WHO_SEES_AMIRA),
    # Evidence.
    page("passport:evidence_create", lambda cast: (_framework(cast), "/passport/evidence/new/")[1], YOUNG_PERSON),
    page("passport:evidence_detail", lambda cast: f"/passport/evidence/{recorded(cast).pk}/", WHO_SEES_AMIRA),
    page("passport:evidence_detail", lambda cast: f"/passport/evidence/{endorsed(cast).pk}/", WHO_SEES_AMIRA,
         note="endorsed, with its credential"),
    page("passport:evidence_edit", lambda cast: f"/passport/evidence/{recorded(cast).pk}/edit/", YOUNG_PERSON),
    page("passport:evidence_delete", lambda cast: f"/passport/evidence/{recorded(cast).pk}/delete/", YOUNG_PERSON),
    page("passport:evidence_submit", lambda cast: f"/passport/evidence/{recorded(cast).pk}/send/", YOUNG_PERSON),
    page("passport:evidence_file", lambda cast: f"/passport/evidence/{sent(cast).pk}/file/",
         [*WHO_SEES_AMIRA, "employer_contact"], note="sent to cast.employer: its contact opens the file"),
    page("passport:credential_download", lambda cast: f"/passport/evidence/{endorsed(cast).pk}/credential.json",
         WHO_SEES_AMIRA),
    page("passport:credential_revoke", lambda cast: f"/passport/evidence/{endorsed(cast).pk}/revoke/", HUB_MANAGER),
    page("passport:credential_revoke", lambda cast: f"/passport/evidence/{endorsed(cast).pk}/revoke/", HUB_MANAGER,
         method="post", data={"reason": "Issued in error"}, ok=302),
    # Endorsing.
    page("passport:queue", lambda cast: (sent(cast), "/passport/endorsements/")[1], ENDORSERS),
    page("passport:endorse", lambda cast: f"/passport/endorsements/{sent(cast).pk}/", ["employer_contact"]),
    page("passport:endorse", lambda cast: f"/passport/endorsements/{sent(cast).pk}/", ["employer_contact"],
         method="post", data={"decision": "endorse", "comment": "Careful and reliable"}, ok=302),
    # Sharing.
    page("passport:share_links", lambda cast: "/passport/share/", YOUNG_PERSON),
    page("passport:share_links", lambda cast: "/passport/share/", YOUNG_PERSON, method="post", data={"period": "1m"},
         ok=302),
    page("passport:share_link_revoke", lambda cast: f"/passport/share/{active_link(cast).pk}/switch-off/", YOUNG_PERSON,
         method="post", ok=302),
    public_page("passport:shared", lambda cast: f"/passport/shared/{share_token(cast)}/"),
    public_page("passport:shared", lambda cast: f"/passport/shared/{expired_token(cast)}/", ok=404,
                note="an expired link: the page saying so, with 404"),
    # Verifying.
    public_page("passport:verify", lambda cast: "/passport/verify/"),
    public_page("passport:verify", lambda cast: "/passport/verify/", method="post", data=credential_text),
    # The framework.
    page("passport:framework_list", lambda cast: (_framework(cast), "/passport/frameworks/")[1], SIGNED_IN,
         note="every signed-in person; each sees only their partnership's versions"),
    page("passport:framework_detail", lambda cast: _framework(cast).get_absolute_url(), IN_THE_PARTNERSHIP),
    page("passport:framework_detail", lambda cast: consultation(cast).get_absolute_url(), CONSULTEES,
         note="a version in consultation"),
    page("passport:framework_comment", lambda cast: f"{consultation(cast).get_absolute_url()}comments/", CONSULTEES),
    page("passport:framework_comment", lambda cast: f"{consultation(cast).get_absolute_url()}comments/", CONSULTEES,
         method="post", data={"body": "Please add customer service."}, ok=302),
    page("passport:framework_draft", lambda cast: (_framework(cast), "/passport/frameworks/new/")[1], HUB_MANAGER),
    page("passport:framework_edit", lambda cast: f"{consultation(cast).get_absolute_url()}edit/", HUB_MANAGER),
    page("passport:framework_status", lambda cast: f"{consultation(cast).get_absolute_url()}status/", HUB_MANAGER,
         method="post", data={"step": "approve"}, ok=302),
    page("passport:skill_add", lambda cast: f"{consultation(cast).get_absolute_url()}skills/new/", HUB_MANAGER),
    page("passport:skill_edit",
         lambda cast: f"{consultation(cast).get_absolute_url()}skills/{consultation(cast).skills.first().pk}/edit/",
         HUB_MANAGER),
    page("passport:skill_remove",
         lambda cast: f"{consultation(cast).get_absolute_url()}skills/{consultation(cast).skills.first().pk}/remove/",
         HUB_MANAGER),
    # The API.
    endpoint("POST /api/passport/verify", lambda cast: "/api/passport/verify", EVERYONE, public=True, method="post",
             data=lambda cast: endorsed(cast).credential.document),
    endpoint("GET /api/passport/credentials/{credential_id}",
             lambda cast: f"/api/passport/credentials/{endorsed(cast).credential.uuid}", EVERYONE, public=True),
    endpoint("GET /api/passport/framework", lambda cast: (_framework(cast), "/api/passport/framework")[1],
             IN_THE_PARTNERSHIP),
    endpoint("GET /api/passport/young-people/{young_person_id}",
             lambda cast: f"/api/passport/young-people/{endorsed(cast).young_person_id}", WHO_SEES_AMIRA),
]
