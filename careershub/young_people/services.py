"""Writes to young people's records, and the record of who looked at them. Every function takes
acting_user and leaves an audit entry."""
from careershub.core import audit
from careershub.core.models import AuditEntry

from .models import YoungPerson


def record_viewed(*, acting_user, young_person: YoungPerson, via: str = "web") -> None:
    """Log a view of a young person's record by anyone other than the young person themself."""
    if young_person.user_id is not None and young_person.user_id == acting_user.pk:
        return
    audit.record(
        actor=acting_user, action=AuditEntry.Action.VIEW, subject=young_person,
        young_person_id=young_person.pk, summary=f"Viewed the record of {young_person.full_name}", via=via,
    )


def list_viewed(*, acting_user, description: str, shown: int | None, via: str = "web") -> None:
    """Log that staff listed young people (names and details of many at once): what they asked for
    and, when known, how many were shown."""
    summary = f"Listed young people ({description})"
    if shown is not None:
        summary += f": {shown} shown"
    audit.record(
        actor=acting_user, action=AuditEntry.Action.VIEW, subject_type=YoungPerson._meta.label_lower,
        summary=summary, via=via,
    )


def everything_downloaded(*, acting_user, young_person: YoungPerson, file_format: str, via: str = "web") -> None:
    audit.record(
        actor=acting_user, action=AuditEntry.Action.EXPORT, subject=young_person, young_person_id=young_person.pk,
        summary=f"Downloaded everything held about {young_person.full_name} ({file_format})", via=via,
    )
