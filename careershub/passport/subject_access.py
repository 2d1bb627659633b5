"""What the skills passport holds about a young person."""
from careershub.young_people.subject_access import Section

from .models import Credential, Evidence, ShareLink

SECTIONS = (
    Section("Evidence of skills", lambda yp: Evidence.objects.filter(young_person=yp).order_by("occurred_on", "pk"), (
        ("When", "occurred_on"), ("What you did", "title"), ("More about it", "description"),
        ("What you learned", "reflection"), ("Skill", "skill_level__skill__name"), ("Level", "skill_level__level"),
        ("File", "file_name"), ("Status", "status"), ("Endorser's comment", "endorser_comment"),
        ("Decided", "decided_at"),
    )),
    Section("Credentials issued to you", lambda yp: Credential.objects.filter(evidence__young_person=yp).order_by("issued_at"), (
        ("Identifier", "uuid"), ("Skill", "evidence__skill_level__skill__name"), ("Level", "evidence__skill_level__level"),
        ("Issued", "issued_at"), ("Revoked", "revoked_at"), ("Why revoked", "revocation_reason"),
    ), note="Download each credential itself from your passport."),
    Section("Share links", lambda yp: ShareLink.objects.filter(young_person=yp).order_by("created_at"), (
        ("Made", "created_at"), ("For", "period"), ("Expires", "expires_at"), ("Switched off", "revoked_at"),
    )),
)
