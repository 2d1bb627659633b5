"""The skills passport over HTTP.

- ``POST /api/passport/verify`` (public): a credential's JSON in, the verification out: valid,
  revoked or invalid, the reason in plain words, and what the credential says (issuer, to whom by
  first name and last initial, achievement, when).
- ``GET /api/passport/credentials/{credential_id}`` (public): whether a credential Careers Hub issued
  is revoked, by its id (the uuid of its ``urn:uuid:``), for verifiers checking status themselves.
- ``GET /api/passport/framework``: the partnership's approved skills framework.
- ``GET /api/passport/young-people/{young_person_id}``: a passport, for whoever may see the record.
"""
from datetime import date, datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from careershub.core.api_access import api_public, api_signed_in
from careershub.young_people.services import record_viewed

from . import credentials, selectors
from .models import Credential

router = Router(tags=["Skills passport"])


class VerificationOut(Schema):
    status: str = Field(..., description="valid, revoked or invalid")
    valid: bool
    reason: str
    issuer: str = ""
    awarded_to: str = Field("", description="First name and last initial.")
    achievement: str = ""
    criteria: str = ""
    valid_from: str = ""
    credential_id: str = ""
    endorsed_by: str = ""
    revoked_at: str = ""


class CredentialStatusOut(Schema):
    id: str
    revoked: bool
    revoked_at: datetime | None
    revocation_reason: str


class LevelOut(Schema):
    level: int
    name: str
    descriptor: str


class SkillOut(Schema):
    name: str
    summary: str
    levels: list[LevelOut]


class FrameworkOut(Schema):
    id: int
    version: int
    name: str
    introduction: str
    approved_at: datetime | None
    skills: list[SkillOut]


class EvidenceOut(Schema):
    id: int
    title: str
    occurred_on: date
    skill: str
    level: int
    level_name: str
    framework_version: int
    status: str
    endorsed_by: str
    credential_id: str | None
    credential_revoked: bool


class PassportOut(Schema):
    young_person_id: int
    name: str
    endorsed: int
    pending: int
    evidence: list[EvidenceOut]


@router.post("/verify", response=VerificationOut, auth=None, summary="Verify a credential")
@api_public
def verify(request):
    return credentials.verify_text(request.body).as_dict()


@router.get("/credentials/{credential_id}", response=CredentialStatusOut, auth=None,
            summary="Whether an issued credential is revoked")
@api_public
def credential_status(request, credential_id: UUID):
    credential = get_object_or_404(Credential, uuid=credential_id)
    return {"id": credential.urn, "revoked": credential.is_revoked, "revoked_at": credential.revoked_at,
            "revocation_reason": credential.revocation_reason}


@router.get("/framework", response=FrameworkOut, summary="The approved skills framework")
@api_signed_in
def framework(request):
    partnership_ids = selectors.partnership_ids_of(request.auth)
    found = next((f for f in (selectors.approved_framework(pk) for pk in sorted(partnership_ids)) if f), None)
    if found is None:
        raise HttpError(404, "Your partnership has no approved skills framework yet.")
    return {"id": found.pk, "version": found.version, "name": found.name, "introduction": found.introduction,
            "approved_at": found.approved_at,
            "skills": [{"name": s.name, "summary": s.summary,
                        "levels": [{"level": lv.level, "name": lv.name, "descriptor": lv.descriptor}
                                   for lv in s.levels.all()]} for s in selectors.skills_of(found)]}


@router.get("/young-people/{young_person_id}", response=PassportOut, summary="A young person's skills passport")
@api_signed_in
def passport(request, young_person_id: int):
    young_person = selectors.get_passport_owner_for_user(request.auth, young_person_id)
    record_viewed(acting_user=request.auth, young_person=young_person, via="api")
    found = selectors.passport_of(young_person)
    return {
        "young_person_id": young_person.pk, "name": young_person.full_name,
        "endorsed": found.endorsed_count, "pending": found.pending_count,
        "evidence": [{
            "id": e.pk, "title": e.title, "occurred_on": e.occurred_on, "skill": e.skill_level.skill.name,
            "level": e.skill_level.level, "level_name": e.skill_level.name,
            "framework_version": e.skill_level.skill.framework.version, "status": e.status,
            "endorsed_by": e.endorser_name if e.status == e.Status.ENDORSED else "",
            "credential_id": e.credential.urn if hasattr(e, "credential") else None,
            "credential_revoked": bool(hasattr(e, "credential") and e.credential.is_revoked),
        } for e in found.evidence],
    }
