"""Writes to the partnership network. Every one takes ``acting_user`` (None for the command line),
runs in a transaction, checks the record is valid and leaves an audit entry.

Validation failures raise Django's ValidationError with a message per field, so forms and the API
show them beside the field they concern.
"""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.csv_import import ImportResult, import_csv
from careershub.core.models import AuditEntry

from . import selectors
from .csv_formats import EmployerCsv, SchoolCsv
from .models import AreaHub, Employer, EmployerContact, GrowthSector, Partnership, Provider, School

SCHOOL_FIELDS = ("urn", "name", "phase", "school_type", "area_hub", "status", "postcode", "website")
EMPLOYER_FIELDS = ("name", "sic_section", "size_band", "is_cornerstone", "postcode", "website")
PROVIDER_FIELDS = ("name", "kind", "postcode", "website", "contact_email")
CONTACT_FIELDS = ("name", "job_title", "email", "phone", "is_primary")


def _today() -> datetime.date:
    return timezone.localdate()


def _changes(record, values: dict, fields) -> list[str]:
    """The names of the fields whose value would change, in declaration order."""
    changed = []
    for name in fields:
        if name not in values:
            continue
        current = getattr(record, name)
        if current != values[name]:
            changed.append(name)
    return changed


def _label(record, name: str) -> str:
    return str(record._meta.get_field(name).verbose_name).lower()


def _require_hub_manager(acting_user, partnership: Partnership) -> None:
    if acting_user is None:
        return  # the command line acts for the partnership itself
    if not any(a.partnership_id == partnership.pk for a in acting_user.assignments_for(Role.HUB_MANAGER)):
        raise PermissionDenied("Only the partnership's hub manager can do this.")


def _check_area_hub(acting_user, partnership: Partnership, area_hub: AreaHub | None) -> None:
    """The area hub must belong to the partnership; a coordinator may only use their own."""
    if area_hub is not None and area_hub.partnership_id != partnership.pk:
        raise ValidationError({"area_hub": "Choose one of the partnership's area hubs"})
    if acting_user is None or any(
        a.partnership_id == partnership.pk for a in acting_user.assignments_for(Role.HUB_MANAGER)
    ):
        return
    own = selectors.coordinated_area_hub_ids(acting_user)
    if not own:
        raise PermissionDenied("Only hub staff can add or change schools.")
    if area_hub is None or area_hub.pk not in own:
        raise ValidationError({"area_hub": "Choose one of your own area hubs"})


# Area hubs ------------------------------------------------------------------------------------------
def _check_area_hub_name(partnership: Partnership, name: str, *, exclude_pk: int | None = None) -> None:
    clash = AreaHub.objects.filter(partnership=partnership, name__iexact=name).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already an area hub called {name}"})


@transaction.atomic
def area_hub_create(*, acting_user, partnership: Partnership, name: str, via: str = "web") -> AreaHub:
    _require_hub_manager(acting_user, partnership)
    _check_area_hub_name(partnership, name)
    area_hub = AreaHub(partnership=partnership, name=name)
    area_hub.full_clean()
    area_hub.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=area_hub,
                 summary=f"Added area hub {name}", via=via)
    return area_hub


@transaction.atomic
def area_hub_update(*, acting_user, area_hub: AreaHub, name: str, via: str = "web") -> AreaHub:
    area_hub = AreaHub.objects.select_for_update().get(pk=area_hub.pk)
    _require_hub_manager(acting_user, area_hub.partnership)
    if name == area_hub.name:
        return area_hub
    _check_area_hub_name(area_hub.partnership, name, exclude_pk=area_hub.pk)
    old_name = area_hub.name
    area_hub.name = name
    area_hub.full_clean()
    area_hub.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=area_hub,
                 summary=f"Renamed area hub {old_name} to {name}", via=via)
    return area_hub


# Schools ----------------------------------------------------------------------------------------------
@transaction.atomic
def school_create(*, acting_user, partnership: Partnership, urn: str, name: str, phase: str, school_type: str,
                  area_hub: AreaHub | None, status: str = School.Status.TARGET, postcode: str = "",
                  website: str = "", via: str = "web") -> School:
    _check_area_hub(acting_user, partnership, area_hub)
    school = School(partnership=partnership, urn=urn, name=name, phase=phase, school_type=school_type,
                    area_hub=area_hub, postcode=postcode, website=website)
    school.set_status(status, on=_today())
    school.full_clean()
    school.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=school,
                 summary=f"Added school {school.name} (URN {school.urn})", via=via)
    return school


@transaction.atomic
def school_update(*, acting_user, school: School, via: str = "web", **values) -> School:
    """Change some of a school's fields (any of SCHOOL_FIELDS). Changing the status stamps its date."""
    unknown = set(values) - set(SCHOOL_FIELDS)
    if unknown:
        raise TypeError(f"school_update() got unknown fields {sorted(unknown)}")
    school = School.objects.select_for_update().select_related("partnership").get(pk=school.pk)
    if acting_user is not None and not selectors.may_edit_school(acting_user, school):
        raise PermissionDenied("This school is not one of yours.")
    if "area_hub" in values and values["area_hub"] != school.area_hub:
        _check_area_hub(acting_user, school.partnership, values["area_hub"])
    changed = _changes(school, values, SCHOOL_FIELDS)
    if not changed:
        return school
    for name in changed:
        if name != "status":
            setattr(school, name, values[name])
    if "status" in changed:
        school.set_status(values["status"], on=_today())
    school.full_clean()
    school.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=school,
                 summary=f"Changed {', '.join(_label(school, n) for n in changed)} of {school.name}", via=via)
    return school


# Employers --------------------------------------------------------------------------------------------
def _check_employer_name(partnership: Partnership, name: str, *, exclude_pk: int | None = None) -> None:
    if Employer.objects.filter(partnership=partnership, name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": f"There is already an employer called {name}"})


@transaction.atomic
def employer_create(*, acting_user, partnership: Partnership, name: str, sic_section: str, size_band: str,
                    is_cornerstone: bool = False, postcode: str = "", website: str = "",
                    via: str = "web") -> Employer:
    _require_hub_manager(acting_user, partnership)
    _check_employer_name(partnership, name)
    employer = Employer(partnership=partnership, name=name, sic_section=sic_section, size_band=size_band,
                        is_cornerstone=is_cornerstone, postcode=postcode, website=website)
    employer.full_clean()
    employer.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=employer,
                 summary=f"Added employer {employer.name}", via=via)
    return employer


@transaction.atomic
def employer_update(*, acting_user, employer: Employer, via: str = "web", **values) -> Employer:
    unknown = set(values) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"employer_update() got unknown fields {sorted(unknown)}")
    employer = Employer.objects.select_for_update().select_related("partnership").get(pk=employer.pk)
    _require_hub_manager(acting_user, employer.partnership)
    changed = _changes(employer, values, EMPLOYER_FIELDS)
    if not changed:
        return employer
    if "name" in changed:
        _check_employer_name(employer.partnership, values["name"], exclude_pk=employer.pk)
    for name in changed:
        setattr(employer, name, values[name])
    employer.full_clean()
    employer.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=employer,
                 summary=f"Changed {', '.join(_label(employer, n) for n in changed)} of {employer.name}", via=via)
    return employer


# Employer contacts ------------------------------------------------------------------------------------
def _only_primary(contact: EmployerContact) -> None:
    if contact.is_primary:
        EmployerContact.objects.filter(employer_id=contact.employer_id, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)


@transaction.atomic
def employer_contact_create(*, acting_user, employer: Employer, name: str, email: str, job_title: str = "",
                            phone: str = "", is_primary: bool = False, via: str = "web") -> EmployerContact:
    _require_hub_manager(acting_user, employer.partnership)
    if not employer.contacts.exists():
        is_primary = True  # an employer's first contact is its main one
    contact = EmployerContact(employer=employer, name=name, email=email, job_title=job_title, phone=phone,
                              is_primary=is_primary)
    contact.full_clean()
    contact.save()
    _only_primary(contact)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=contact,
                 summary=f"Added {name} as a contact at {employer.name}", via=via)
    return contact


@transaction.atomic
def employer_contact_update(*, acting_user, contact: EmployerContact, via: str = "web", **values) -> EmployerContact:
    contact = EmployerContact.objects.select_for_update().select_related("employer__partnership").get(pk=contact.pk)
    _require_hub_manager(acting_user, contact.employer.partnership)
    changed = _changes(contact, values, CONTACT_FIELDS)
    if not changed:
        return contact
    for name in changed:
        setattr(contact, name, values[name])
    contact.full_clean()
    contact.save()
    _only_primary(contact)
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=contact,
                 summary=f"Changed the contact {contact.name} at {contact.employer.name}", via=via)
    return contact


@transaction.atomic
def employer_contact_remove(*, acting_user, contact: EmployerContact, via: str = "web") -> None:
    employer = contact.employer
    _require_hub_manager(acting_user, employer.partnership)
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=contact,
                 summary=f"Removed the contact {contact.name} at {employer.name}", via=via)
    was_primary = contact.is_primary
    contact.delete()
    if was_primary:
        successor = employer.contacts.order_by("name").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary", "updated_at"])


# Providers --------------------------------------------------------------------------------------------
def _check_provider_name(partnership: Partnership, name: str, *, exclude_pk: int | None = None) -> None:
    if Provider.objects.filter(partnership=partnership, name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": f"There is already a provider called {name}"})


@transaction.atomic
def provider_create(*, acting_user, partnership: Partnership, name: str, kind: str, postcode: str = "",
                    website: str = "", contact_email: str = "", via: str = "web") -> Provider:
    _require_hub_manager(acting_user, partnership)
    _check_provider_name(partnership, name)
    provider = Provider(partnership=partnership, name=name, kind=kind, postcode=postcode, website=website,
                        contact_email=contact_email)
    provider.full_clean()
    provider.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=provider,
                 summary=f"Added provider {provider.name}", via=via)
    return provider


@transaction.atomic
def provider_update(*, acting_user, provider: Provider, via: str = "web", **values) -> Provider:
    provider = Provider.objects.select_for_update().select_related("partnership").get(pk=provider.pk)
    _require_hub_manager(acting_user, provider.partnership)
    changed = _changes(provider, values, PROVIDER_FIELDS)
    if not changed:
        return provider
    if "name" in changed:
        _check_provider_name(provider.partnership, values["name"], exclude_pk=provider.pk)
    for name in changed:
        setattr(provider, name, values[name])
    provider.full_clean()
    provider.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=provider,
                 summary=f"Changed {', '.join(_label(provider, n) for n in changed)} of {provider.name}", via=via)
    return provider


# Growth sectors ---------------------------------------------------------------------------------------
def _renumber(partnership: Partnership, ordered: list[GrowthSector]) -> None:
    for priority, sector in enumerate(ordered, start=1):
        if sector.priority != priority:
            sector.priority = priority
            sector.save(update_fields=["priority"])


@transaction.atomic
def growth_sector_add(*, acting_user, partnership: Partnership, sic_section: str, label: str,
                      via: str = "web") -> GrowthSector:
    """Make a SIC section one of the partnership's priority growth sectors, last in priority."""
    _require_hub_manager(acting_user, partnership)
    if GrowthSector.objects.filter(partnership=partnership, sic_section=sic_section).exists():
        raise ValidationError({"sic_section": "This section is already a growth sector"})
    last = GrowthSector.objects.filter(partnership=partnership).aggregate(last=Max("priority"))["last"] or 0
    sector = GrowthSector(partnership=partnership, sic_section=sic_section, label=label, priority=last + 1)
    sector.full_clean()
    sector.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=sector,
                 summary=f"Made {label} (SIC section {sic_section}) growth sector {sector.priority}", via=via)
    return sector


@transaction.atomic
def growth_sector_update(*, acting_user, growth_sector: GrowthSector, label: str, via: str = "web") -> GrowthSector:
    _require_hub_manager(acting_user, growth_sector.partnership)
    if label == growth_sector.label:
        return growth_sector
    old = growth_sector.label
    growth_sector.label = label
    growth_sector.full_clean()
    growth_sector.save(update_fields=["label"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=growth_sector,
                 summary=f"Renamed growth sector {old} to {label}", via=via)
    return growth_sector


@transaction.atomic
def growth_sector_move(*, acting_user, growth_sector: GrowthSector, up: bool, via: str = "web") -> None:
    """Swap the sector with the one above (``up``) or below it in priority."""
    partnership = growth_sector.partnership
    _require_hub_manager(acting_user, partnership)
    ordered = list(GrowthSector.objects.select_for_update().filter(partnership=partnership).order_by("priority", "sic_section"))
    index = next(i for i, s in enumerate(ordered) if s.pk == growth_sector.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(partnership, ordered)
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=growth_sector,
                 summary=f"Moved growth sector {growth_sector.label} {'up' if up else 'down'} to priority {other + 1}",
                 via=via)


@transaction.atomic
def growth_sector_remove(*, acting_user, growth_sector: GrowthSector, via: str = "web") -> None:
    partnership = growth_sector.partnership
    _require_hub_manager(acting_user, partnership)
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=growth_sector,
                 summary=f"Removed growth sector {growth_sector.label} (SIC section {growth_sector.sic_section})",
                 via=via)
    growth_sector.delete()
    _renumber(partnership, list(GrowthSector.objects.filter(partnership=partnership).order_by("priority", "sic_section")))


# Imports and exports ----------------------------------------------------------------------------------
def _record_import(*, acting_user, kind: str, result: ImportResult, file_name: str, via: str) -> None:
    audit.record(
        actor=acting_user, action=AuditEntry.Action.IMPORT, subject_type=f"network.{kind}",
        summary=f"Imported {kind}s from {file_name}: {result.summary()}" if result.ok
        else f"Refused {file_name}: {result.summary()}",
        via=via,
    )


def schools_import(*, acting_user, partnership: Partnership, content: bytes | str, file_name: str = "the file",
                   via: str = "web") -> ImportResult:
    """Import schools from CSV: all rows or none. Coordinators may only import schools of their own
    area hubs. Both imports and refused files are audited."""
    if acting_user is not None and not acting_user.has_any_role((Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)):
        raise PermissionDenied("Only hub staff can import schools.")
    fmt = SchoolCsv(partnership=partnership, acting_user=acting_user, today=_today())
    result = import_csv(fmt, content)
    _record_import(acting_user=acting_user, kind="school", result=result, file_name=file_name, via=via)
    return result


def employers_import(*, acting_user, partnership: Partnership, content: bytes | str, file_name: str = "the file",
                     via: str = "web") -> ImportResult:
    _require_hub_manager(acting_user, partnership)
    result = import_csv(EmployerCsv(partnership=partnership), content)
    _record_import(acting_user=acting_user, kind="employer", result=result, file_name=file_name, via=via)
    return result


def export_recorded(*, acting_user, kind: str, count: int, via: str = "web") -> None:
    audit.record(actor=acting_user, action=AuditEntry.Action.EXPORT, subject_type=f"network.{kind}",
                 summary=f"Exported {count} {kind}{'' if count == 1 else 's'}", via=via)


@transaction.atomic
def provider_set_schools_served(*, acting_user, provider: Provider, schools, via: str = "web") -> Provider:
    """Record which of the partnership's schools and colleges the provider works with: its careers
    advisers then see those schools' young people, to record guidance interviews."""
    _require_hub_manager(acting_user, provider.partnership)
    schools = list(schools)
    outsiders = [s.name for s in schools if s.partnership_id != provider.partnership_id]
    if outsiders:
        raise ValidationError({"schools": f"{outsiders[0]} is not in {provider.partnership.name}"})
    before = set(provider.schools_served.values_list("pk", flat=True))
    after = {s.pk for s in schools}
    if before == after:
        return provider
    provider.schools_served.set(schools)
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=provider,
                 summary=f"Schools served by {provider.name}: {len(after)} (added {len(after - before)}, "
                         f"removed {len(before - after)})", via=via)
    return provider
