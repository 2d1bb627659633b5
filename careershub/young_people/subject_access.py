"""Everything the platform holds about a young person, for their subject access request.

Each app declares what it holds about a young person as sections: a title, a function giving the
rows (a queryset filtered to the young person) and the fields to show, as (label, lookup) pairs
(lookups may follow relations: "opportunity__title"). Apps above this one register theirs when they
start (``register``), so this module imports nothing above it. Values of fields with choices are
given as their words ("Accepted", not "accepted"); dates as ISO dates.

What is left out, and why, is said in the export itself (``WITHHELD``), so nobody has to guess.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils import timezone

from careershub.core.models import AuditEntry


@dataclass(frozen=True)
class Section:
    title: str
    rows: Callable[[object], QuerySet]
    fields: tuple[tuple[str, str], ...]
    note: str = ""


_SECTIONS: list[Section] = []
WITHHELD: list[str] = []


def register(*sections: Section, withheld: str = "") -> None:
    for section in sections:
        if all(s.title != section.title for s in _SECTIONS):
            _SECTIONS.append(section)
    if withheld and withheld not in WITHHELD:
        WITHHELD.append(withheld)


def _field_at(model, lookup: str):
    field = None
    for part in lookup.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model or model
    return field


def _shown(value, choices: dict | None):
    if choices is not None and value in choices:
        return str(choices[value])
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def section_rows(section: Section, young_person) -> list[dict]:
    qs = section.rows(young_person)
    lookups = [lookup for _, lookup in section.fields]
    choices = {}
    for lookup in lookups:
        field = _field_at(qs.model, lookup)
        choices[lookup] = dict(field.flatchoices) if field is not None and field.choices else None
    return [{label: _shown(row[lookup], choices[lookup]) for label, lookup in section.fields}
            for row in qs.values(*lookups)]


def export_for(young_person) -> dict:
    """The whole export: the sections in the order apps registered them, with what each holds."""
    return {
        "about": f"Everything Careers Hub holds about {young_person.full_name}",
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "sections": [
            {"title": s.title, "note": s.note, "rows": section_rows(s, young_person)} for s in _SECTIONS
        ],
        "withheld": list(WITHHELD),
    }


# This app's own sections ----------------------------------------------------------------------------
def _record(young_person):
    return type(young_person).objects.filter(pk=young_person.pk)


register(
    Section("Your record", _record, (
        ("First name", "first_name"), ("Last name", "last_name"), ("Date of birth", "date_of_birth"),
        ("School or college", "school__name"), ("Year group", "year_group"), ("Unique pupil number", "upn"),
        ("Sex", "sex"), ("Special educational needs", "send"), ("Pupil premium", "pupil_premium"),
        ("Free school meals", "free_school_meals"), ("Looked-after child", "looked_after"),
        ("Record created", "created_at"),
    )),
    Section("Parents and carers linked to you", lambda yp: yp.parent_links.order_by("pk"), (
        ("First name", "parent__first_name"), ("Last name", "parent__last_name"), ("Relationship", "relationship"),
        ("Linked on", "created_at"),
    )),
    Section("Consents", lambda yp: yp.consents.order_by("given_at", "pk"), (
        ("What for", "purpose"), ("Given", "given_at"), ("Withdrawn", "withdrawn_at"),
    )),
    Section("Who has looked at or changed your record",
            lambda yp: AuditEntry.objects.filter(young_person_id=yp.pk).order_by("at", "pk"), (
                ("When", "at"), ("What", "action"), ("How", "via"), ("Details", "summary"),
            ),
            note="Every time a member of staff opens your record, or anyone changes it, it is written down here."),
)
