"""Writes that put encounters on young people's records: the host's attendance register for an
opportunity, and whole-group encounters a careers leader logs for hundreds of students at once.

Attendance: each young person marked as attended gets one Encounter (source attendance) counting as
the opportunity's kind says; marking again changes nothing (one encounter per young person and
opportunity, a database constraint) and un-marking removes it. For kinds that need safeguarding,
only a confirmed placement can be marked, and marking it completes the placement.

Whole-group encounters: one GroupEncounter and one Encounter per young person in the chosen year
groups (less those left out), inserted with bulk_create in one transaction, with one audit entry per
young person (so each record's history shows it), also inserted in bulk. The number of queries does
not grow with the number of students.
"""
import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careershub.core.calendar import academic_year_of
from careershub.core.models import AuditEntry
from careershub.young_people.models import YoungPerson

from . import encounter_selectors as selectors
from . import placement_services
from .kinds import Kind, rules_for
from .models import Application, Encounter, GroupEncounter, Opportunity, Placement
from .selectors import hosted_employer_ids

TITLE_MAX_LENGTH = 200
HOST_NAME_MAX_LENGTH = 200
ATTENDABLE_PLACEMENTS = (Placement.Status.CONFIRMED, Placement.Status.COMPLETED)
# Kinds a whole group can take part in: anything that needs no safeguarding of individuals.
GROUP_KINDS = tuple(k for k in Kind if not rules_for(k).needs_safeguarding)
YEAR_GROUPS = tuple(range(7, 14))


def _audit_entries(*, actor, action: str, subject, young_person_ids: Iterable[int], summary: str,
                   via: str) -> list[AuditEntry]:
    return [
        AuditEntry(actor=actor, action=action, subject_type=subject._meta.label_lower, subject_id=str(subject.pk),
                   young_person_id=young_person_id, summary=summary[:255], via=via)
        for young_person_id in young_person_ids
    ]


def short_name(young_person) -> str:
    return f"{young_person.first_name} {young_person.last_name[:1]}."


# Attendance ---------------------------------------------------------------------------------------------
def may_mark(application: Application) -> tuple[bool, str]:
    """Whether this accepted application can be marked as attended, and if not, why."""
    if not application.opportunity.needs_safeguarding:
        return True, ""
    placement = getattr(application, "placement", None)
    if placement is None or placement.status not in ATTENDABLE_PLACEMENTS:
        status = placement.get_status_display().lower() if placement else "not set up"
        return False, f"The placement is not confirmed ({status})"
    return True, ""


@transaction.atomic
def attendance_record(*, acting_user, opportunity: Opportunity, attended: Iterable[int],
                      occurred_on: datetime.date | None = None, today: datetime.date | None = None,
                      via: str = "web") -> dict:
    """Record who attended: ``attended`` is the ids of the accepted applications marked, the rest of
    the accepted applications are not attended. Returns {"added": n, "removed": n, "changed": n}."""
    if opportunity.employer_id is None or opportunity.employer_id not in hosted_employer_ids(acting_user):
        raise PermissionDenied("Only the host employer records attendance.")
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    today = today or timezone.localdate()
    occurred_on = occurred_on or opportunity.starts_on
    if opportunity.starts_on > today:
        raise ValidationError(
            f"Attendance can be recorded once the opportunity starts on {placement_services.long_date(opportunity.starts_on)}."
        )
    if not (opportunity.starts_on <= occurred_on <= opportunity.ends_on):
        raise ValidationError({"occurred_on": "The date must be one of the opportunity's days"})
    if occurred_on > today:
        raise ValidationError({"occurred_on": "The date cannot be in the future"})

    applications = {a.pk: a for a in selectors.accepted_applications(opportunity)}
    for application in applications.values():
        application.opportunity = opportunity
    marked = set(attended)
    unknown = marked - set(applications)
    if unknown:
        raise ValidationError("Only accepted applications can be marked as attended.")
    refused = []
    for pk in sorted(marked, key=lambda pk: short_name(applications[pk].young_person)):
        allowed, reason = may_mark(applications[pk])
        if not allowed:
            refused.append(f"{short_name(applications[pk].young_person)}: {reason.lower()}")
    if refused:
        raise ValidationError([f"Only confirmed placements can be marked as attended. {r}" for r in refused])

    existing = {e.young_person_id: e for e in Encounter.objects.filter(opportunity=opportunity,
                                                                        source=Encounter.Source.ATTENDANCE)}
    attending = {applications[pk].young_person_id for pk in marked}
    listed = {a.young_person_id for a in applications.values()}
    to_add = sorted(attending - set(existing))
    to_remove = sorted((listed - attending) & set(existing))
    to_move = [e.pk for yp, e in existing.items() if yp in attending and e.occurred_on != occurred_on]

    Encounter.objects.bulk_create([
        Encounter(young_person_id=young_person_id, counts_as=opportunity.counts_as, kind=opportunity.kind,
                  title=opportunity.title, occurred_on=occurred_on, academic_year=academic_year_of(occurred_on),
                  opportunity=opportunity, employer_id=opportunity.employer_id, provider_id=opportunity.provider_id,
                  source=Encounter.Source.ATTENDANCE, recorded_by=acting_user)
        for young_person_id in to_add
    ])
    if to_remove:
        Encounter.objects.filter(opportunity=opportunity, source=Encounter.Source.ATTENDANCE,
                                 young_person_id__in=to_remove).delete()
    if to_move:
        Encounter.objects.filter(pk__in=to_move).update(occurred_on=occurred_on,
                                                         academic_year=academic_year_of(occurred_on))

    if opportunity.needs_safeguarding:
        for application in applications.values():
            placement = getattr(application, "placement", None)
            if placement is not None:
                placement_services.placement_attended(placement, application.young_person_id in attending)

    entries = _audit_entries(actor=acting_user, action=AuditEntry.Action.CREATE, subject=opportunity,
                             young_person_ids=to_add, via=via,
                             summary=f"Attendance recorded: {opportunity.title} on {occurred_on:%d/%m/%Y}")
    entries += _audit_entries(actor=acting_user, action=AuditEntry.Action.DELETE, subject=opportunity,
                              young_person_ids=to_remove, via=via,
                              summary=f"Attendance taken back: {opportunity.title}")
    AuditEntry.objects.bulk_create(entries)
    return {"added": len(to_add), "removed": len(to_remove), "changed": len(to_move)}


# Whole-group encounters ---------------------------------------------------------------------------------
UPN_SEPARATORS = re.compile(r"[\s,;]+")


def parse_upns(text: str) -> list[str]:
    """UPNs separated by spaces, commas, semicolons or new lines, upper-cased, each once."""
    return list(dict.fromkeys(u.upper() for u in UPN_SEPARATORS.split(text or "") if u))


@transaction.atomic
def group_encounter_log(*, acting_user, school, kind: str, title: str, occurred_on: datetime.date,
                        year_groups: Iterable[int], employer=None, provider=None, host_name: str = "",
                        excluded_upns: Iterable[str] = (), today: datetime.date | None = None,
                        via: str = "web") -> GroupEncounter:
    """Log an encounter for whole year groups of the school, less the young people left out (absent)."""
    if not selectors.is_careers_leader_at(acting_user, school.pk):
        raise PermissionDenied("Only the school's careers leader logs whole-group encounters.")
    today = today or timezone.localdate()
    year_groups = sorted({int(y) for y in year_groups})
    excluded = [u.upper() for u in excluded_upns]
    problems = {}
    if kind not in GROUP_KINDS:
        problems["kind"] = "Choose a kind of encounter a whole group can take part in"
    if not title.strip():
        problems["title"] = "Enter a title"
    elif len(title.strip()) > TITLE_MAX_LENGTH:
        problems["title"] = f"The title must be {TITLE_MAX_LENGTH} characters or fewer"
    if occurred_on > today:
        problems["occurred_on"] = "The date cannot be in the future: log an encounter once it has happened"
    if not year_groups or any(y not in YEAR_GROUPS for y in year_groups):
        problems["year_groups"] = "Select at least one year group from 7 to 13"
    if employer is not None and employer.partnership_id != school.partnership_id:
        problems["employer"] = "Choose an employer from the partnership's directory"
    if provider is not None and provider.partnership_id != school.partnership_id:
        problems["provider"] = "Choose a provider from the partnership's directory"
    if employer is None and provider is None and not host_name.strip():
        problems["employer"] = "Choose the employer or provider, or enter who gave it"
    if len(host_name.strip()) > HOST_NAME_MAX_LENGTH:
        problems["host_name"] = f"The name must be {HOST_NAME_MAX_LENGTH} characters or fewer"
    if problems:
        raise ValidationError(problems)

    cohort = YoungPerson.objects.filter(school=school, year_group__in=year_groups)
    if excluded:
        found = set(cohort.filter(upn__in=excluded).values_list("upn", flat=True))
        unknown = [u for u in excluded if u not in found]
        if unknown:
            raise ValidationError({"excluded_upns": (
                f"{'These UPNs are' if len(unknown) > 1 else 'This UPN is'} not in the year groups chosen at "
                f"{school.name}: {', '.join(unknown[:20])}{' and more' if len(unknown) > 20 else ''}"
            )})
    young_person_ids = list(cohort.exclude(upn__in=excluded).order_by("pk").values_list("pk", flat=True))
    if not young_person_ids:
        raise ValidationError({"year_groups": "There are no young people in those year groups to log it for"})

    group = GroupEncounter.objects.create(
        school=school, kind=kind, title=title.strip(), occurred_on=occurred_on, employer=employer, provider=provider,
        host_name=host_name.strip(), recorded_by=acting_user,
    )
    counts_as = rules_for(kind).counts_as
    academic_year = academic_year_of(occurred_on)
    Encounter.objects.bulk_create([
        Encounter(young_person_id=young_person_id, counts_as=counts_as, kind=kind, title=group.title,
                  occurred_on=occurred_on, academic_year=academic_year, group=group, employer=employer,
                  provider=provider, source=Encounter.Source.GROUP, recorded_by=acting_user)
        for young_person_id in young_person_ids
    ], batch_size=2000)
    AuditEntry.objects.bulk_create(_audit_entries(
        actor=acting_user, action=AuditEntry.Action.CREATE, subject=group, young_person_ids=young_person_ids, via=via,
        summary=f"Whole-group encounter logged: {group.title} on {occurred_on:%d/%m/%Y}, "
                f"for {len(young_person_ids)} young people",
    ), batch_size=2000)
    return group


@transaction.atomic
def group_encounter_delete(*, acting_user, group: GroupEncounter, via: str = "web") -> int:
    """Delete a whole-group encounter logged in error, with its encounters. Returns how many young
    people's records it was removed from."""
    if not selectors.is_careers_leader_at(acting_user, group.school_id):
        raise PermissionDenied("Only the school's careers leader deletes a whole-group encounter.")
    young_person_ids = list(Encounter.objects.filter(group=group).order_by("young_person_id")
                            .values_list("young_person_id", flat=True))
    AuditEntry.objects.bulk_create(_audit_entries(
        actor=acting_user, action=AuditEntry.Action.DELETE, subject=group, young_person_ids=young_person_ids, via=via,
        summary=f"Whole-group encounter deleted: {group.title} on {group.occurred_on:%d/%m/%Y}, "
                f"from {len(young_person_ids)} records",
    ), batch_size=2000)
    Encounter.objects.filter(group=group).delete()
    GroupEncounter.objects.filter(pk=group.pk).delete()
    return len(young_person_ids)
