"""The audit writer: one call per thing worth remembering."""
from django.db import models

from .models import AuditEntry


def record(*, actor, action: str, subject: models.Model | None = None, subject_type: str = "",
           subject_id: str = "", young_person_id: int | None = None, summary: str = "",
           via: str = "web") -> AuditEntry:
    if subject is not None:
        subject_type = subject._meta.label_lower
        subject_id = str(subject.pk)
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        young_person_id=young_person_id,
        summary=summary[:255],
        via=via,
    )
