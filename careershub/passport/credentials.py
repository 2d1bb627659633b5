"""Open Badges 3.0 credentials for endorsed evidence: building, signing and verifying them.

A credential is a W3C Verifiable Credential 2.0 of type OpenBadgeCredential. Its subject is the
achievement (the skill and level, with the level's descriptor as criteria) and the young person
named only by first name and last initial; the issuer is a Profile naming the partnership; the
proof is an eddsa-jcs-2022 Data Integrity proof by the partnership's Ed25519 key, whose did:key is
the verification method (signing.py). The credential's id, ``urn:uuid:…``, is how Careers Hub looks
it up to say whether it has been revoked.

Verification checks, in order: that the text is JSON and a credential of this kind; that the
signature holds (no database needed); that the key is one of a partnership's on this platform; that
Careers Hub issued a credential with this id, with this very content; and that it is not revoked.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from . import keys, signing
from .models import Credential, Evidence

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXTS = [VC_CONTEXT, OB_CONTEXT]
TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
MAX_DOCUMENT_BYTES = 256 * 1024

VALID, REVOKED, INVALID = "valid", "revoked", "invalid"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def partnership_urn(partnership) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'careershub:partnership:{partnership.slug}')}"


def achievement_urn(skill_level) -> str:
    framework = skill_level.skill.framework
    name = f"careershub:{framework.partnership.slug}:skills:{framework.version}:{skill_level.skill.name}:{skill_level.level}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def build_document(evidence: Evidence, *, credential_uuid, issued_at: datetime, short_name: str,
                   endorsed_by: str) -> dict:
    """The unsigned credential for endorsed evidence."""
    skill_level = evidence.skill_level
    skill = skill_level.skill
    framework = skill.framework
    partnership = framework.partnership
    issuer = {"id": partnership_urn(partnership), "type": ["Profile"], "name": partnership.name}
    title = f"{skill.name}: level {skill_level.level}, {skill_level.name}"
    return {
        "@context": list(CONTEXTS),
        "id": f"urn:uuid:{credential_uuid}",
        "type": list(TYPES),
        "name": title,
        "description": f"{short_name} showed {skill.name.lower()} at level {skill_level.level} of 5 "
                       f"({skill_level.name}), endorsed by {endorsed_by}.",
        "issuer": issuer,
        "validFrom": _timestamp(issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": short_name,
            }],
            "activityEndDate": f"{evidence.occurred_on.isoformat()}T00:00:00Z",
            "achievement": {
                "id": achievement_urn(skill_level),
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": title,
                "description": skill.summary,
                "criteria": {"narrative": skill_level.descriptor},
                "creator": issuer,
                "tag": [skill.name, f"Level {skill_level.level}"],
                "humanCode": f"{framework.name}, version {framework.version}",
            },
        },
        "evidence": [{
            "type": ["Evidence"],
            "name": evidence.title,
            "narrative": evidence.description,
            "audience": f"Endorsed by {endorsed_by}",
        }],
    }


def issue(evidence: Evidence, *, short_name: str, endorsed_by: str, now: datetime) -> Credential:
    """Sign and store the credential for endorsed evidence."""
    partnership = evidence.skill_level.skill.framework.partnership
    signing_key, seed = keys.signing_key_for(partnership)
    credential_uuid = uuid.uuid4()
    document = build_document(evidence, credential_uuid=credential_uuid, issued_at=now, short_name=short_name,
                              endorsed_by=endorsed_by)
    signed = signing.sign(document, seed, created=now)
    return Credential.objects.create(evidence=evidence, uuid=credential_uuid, signing_key=signing_key,
                                     document=signed, issued_at=now)


def as_json(credential: Credential) -> str:
    return json.dumps(credential.document, indent=2, ensure_ascii=False)


# Verifying ------------------------------------------------------------------------------------------
@dataclass
class Verification:
    """The outcome: ``status`` valid, revoked or invalid; ``reason`` in plain words; and what was
    verified, when the credential could be read."""

    status: str
    reason: str = ""
    details: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.status == VALID

    def as_dict(self) -> dict:
        return {"status": self.status, "valid": self.valid, "reason": self.reason, **self.details}


def _details(document: dict) -> dict:
    """Who issued it, to whom, which skill and level, when: as the credential says."""
    def pick(value, *path):
        for step in path:
            if isinstance(value, dict):
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and len(value) > step:
                value = value[step]
            else:
                return ""
        return value if isinstance(value, str) else ""

    subject = document.get("credentialSubject")
    return {
        "issuer": pick(document, "issuer", "name"),
        "awarded_to": pick(subject, "identifier", 0, "identityHash"),
        "achievement": pick(subject, "achievement", "name"),
        "criteria": pick(subject, "achievement", "criteria", "narrative"),
        "valid_from": pick(document, "validFrom"),
        "credential_id": pick(document, "id"),
        "endorsed_by": pick(document, "evidence", 0, "audience").removeprefix("Endorsed by "),
    }


def parse(text: str | bytes):
    """The JSON value, or a Verification saying why it cannot be read."""
    if isinstance(text, bytes):
        if len(text) > MAX_DOCUMENT_BYTES:
            return Verification(INVALID, "The file is too large to be a credential.")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            return Verification(INVALID, "The file is not a credential: it is not text.")
    if len(text) > MAX_DOCUMENT_BYTES:
        return Verification(INVALID, "The text is too long to be a credential.")
    if not text.strip():
        return Verification(INVALID, "There is nothing to check: paste a credential or choose its file.")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return Verification(INVALID, "It is not a credential: the text is not valid JSON.")


def verify_text(text: str | bytes) -> Verification:
    document = parse(text)
    if isinstance(document, Verification):
        return document
    return verify_document(document)


def verify_document(document) -> Verification:
    if not isinstance(document, dict):
        return Verification(INVALID, "It is not a credential: a credential is a JSON object.")
    types = document.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types or "OpenBadgeCredential" not in types:
        return Verification(INVALID, "It is not an Open Badges credential.")
    details = _details(document)
    check = signing.verify(document)
    if not check.valid:
        return Verification(INVALID, check.reason, details)
    signing_key = keys.is_partnership_key(check.public_key)
    if signing_key is None:
        return Verification(INVALID, "It was signed with a key that belongs to no partnership on Careers Hub, "
                                     "so Careers Hub did not issue it.", details)
    credential_id = document.get("id")
    credential = None
    if isinstance(credential_id, str) and credential_id.startswith("urn:uuid:"):
        try:
            credential = Credential.objects.filter(uuid=uuid.UUID(credential_id.removeprefix("urn:uuid:"))).first()
        except ValueError:
            credential = None
    if credential is None or credential.signing_key_id != signing_key.pk:
        return Verification(INVALID, "Careers Hub has no record of issuing this credential.", details)
    if signing.canonicalize(credential.document) != signing.canonicalize(document):
        return Verification(INVALID, "It does not match the credential Careers Hub issued with this id.", details)
    if credential.is_revoked:
        when = credential.revoked_at.astimezone(timezone.utc).strftime("%-d %B %Y")
        reason = f"{signing_key.partnership.name} revoked this credential on {when}"
        if credential.revocation_reason:
            reason += f": {credential.revocation_reason}"
        return Verification(REVOKED, reason, {**details, "revoked_at": _timestamp(credential.revoked_at)})
    return Verification(VALID, f"It was issued by {signing_key.partnership.name} on Careers Hub and has not "
                                "been changed since.", details)
