"""Writes to ambassador cohorts. Keyword-only, taking acting_user (None for the platform itself, such
as the demo city), in a transaction; a broken rule raises ValidationError (keyed by field where one
applies), acting beyond one's standing raises PermissionDenied. Every write touching a young
person's application or attendance leaves an audit entry with their record's id."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry

from . import selectors
from .models import ActivityAttendance, Cohort, CohortActivity, CohortApplication, CohortSchool, PanelMember

COHORT_FIELDS = ("title", "theme", "description", "year_group_from", "year_group_to", "places",
                 "applications_open_on", "applications_close_on", "starts_on", "ends_on", "status")
ACTIVITY_FIELDS = ("title", "occurs_on", "kind", "description")


def _check_manages(acting_user, cohort: Cohort) -> None:
    if acting_user is not None and not selectors.standing_of(acting_user, cohort).manages:
        raise PermissionDenied("Only the partnership's hub staff manage this cohort.")


def _cohort_errors(values: dict) -> dict:
    errors = {}
    if values["year_group_from"] > values["year_group_to"]:
        errors["year_group_to"] = "The last year group must be the same as or after the first"
    if values["applications_open_on"] > values["applications_close_on"]:
        errors["applications_close_on"] = "Applications must close on or after the day they open"
    if values["starts_on"] > values["ends_on"]:
        errors["ends_on"] = "The programme must end on or after the day it starts"
    if values["applications_close_on"] > values["starts_on"]:
        errors["starts_on"] = "The programme must start on or after the day applications close"
    if values["places"] < 1:
        errors["places"] = "A cohort needs at least 1 place"
    return errors


# Cohorts -----------------------------------------------------------------------------------------
@transaction.atomic
def cohort_create(*, acting_user, partnership, title: str, theme: str, description: str, year_group_from: int,
                  year_group_to: int, places: int, applications_open_on, applications_close_on, starts_on, ends_on,
                  status: str = Cohort.Status.DRAFT) -> Cohort:
    if acting_user is not None and partnership.pk not in selectors._partnerships_managed(acting_user):
        raise PermissionDenied("Only the partnership's hub staff set up cohorts.")
    values = dict(title=title.strip(), theme=theme, description=description.strip(), year_group_from=year_group_from,
                  year_group_to=year_group_to, places=places, applications_open_on=applications_open_on,
                  applications_close_on=applications_close_on, starts_on=starts_on, ends_on=ends_on, status=status)
    errors = _cohort_errors(values)
    if errors:
        raise ValidationError(errors)
    cohort = Cohort(partnership=partnership, created_by=acting_user, **values)
    cohort.full_clean()
    cohort.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=cohort, summary=f"Set up the cohort {cohort.title}")
    return cohort


@transaction.atomic
def cohort_update(*, acting_user, cohort: Cohort, **changes) -> Cohort:
    _check_manages(acting_user, cohort)
    unknown = set(changes) - set(COHORT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown cohort fields: {', '.join(sorted(unknown))}")
    values = {name: getattr(cohort, name) for name in COHORT_FIELDS} | changes
    errors = _cohort_errors(values)
    selected = cohort.applications.filter(status=CohortApplication.Status.SELECTED).count()
    if values["places"] < selected:
        errors["places"] = f"{selected} ambassadors are already selected. Places cannot be fewer than that"
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(cohort, name, value.strip() if isinstance(value, str) and name in ("title", "description") else value)
    cohort.full_clean()
    cohort.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=cohort, summary=f"Changed the cohort {cohort.title}")
    return cohort


@transaction.atomic
def cohort_school_add(*, acting_user, cohort: Cohort, school, employer, lead_contact=None) -> CohortSchool:
    """Bring a school into the cohort with its senior employer (and that employer's lead contact)."""
    _check_manages(acting_user, cohort)
    errors = {}
    if school.partnership_id != cohort.partnership_id:
        errors["school"] = "Choose a school in the cohort's partnership"
    elif cohort.cohort_schools.filter(school=school).exists():
        errors["school"] = f"{school.name} is already in this cohort"
    if employer.partnership_id != cohort.partnership_id:
        errors["employer"] = "Choose an employer in the cohort's partnership"
    if lead_contact is not None and lead_contact.employer_id != employer.pk:
        errors["lead_contact"] = f"Choose a contact at {employer.name}"
    if errors:
        raise ValidationError(errors)
    link = CohortSchool.objects.create(cohort=cohort, school=school, employer=employer, lead_contact=lead_contact)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=link,
                 summary=f"Added {school.name} to {cohort.title} with {employer.name} as senior employer")
    return link


@transaction.atomic
def cohort_school_remove(*, acting_user, link: CohortSchool) -> None:
    cohort = link.cohort
    _check_manages(acting_user, cohort)
    if cohort.applications.filter(young_person__school_id=link.school_id).exists():
        raise ValidationError(f"Young people at {link.school.name} have applied to this cohort, so the school stays in it.")
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=link,
                 summary=f"Removed {link.school.name} from {cohort.title}")
    link.delete()


# The panel ---------------------------------------------------------------------------------------
@transaction.atomic
def panel_member_add(*, acting_user, cohort: Cohort, user) -> PanelMember:
    _check_manages(acting_user, cohort)
    if not any(a.role in selectors.PANEL_ROLES and a.partnership_id == cohort.partnership_id for a in user._assignments()):
        raise ValidationError({"user": "A panel member is one of the hub's staff or an employer contact in the partnership"})
    if cohort.panel.filter(user=user).exists():
        raise ValidationError({"user": f"{user} is already on the panel"})
    member = PanelMember.objects.create(cohort=cohort, user=user, added_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=member,
                 summary=f"Added {user} to the selection panel of {cohort.title}")
    return member


@transaction.atomic
def panel_member_remove(*, acting_user, member: PanelMember) -> None:
    _check_manages(acting_user, member.cohort)
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=member,
                 summary=f"Removed {member.user} from the selection panel of {member.cohort.title}")
    member.delete()


# Applications ------------------------------------------------------------------------------------
def application_refusal(cohort: Cohort, young_person, *, today=None) -> str | None:
    """Why this young person cannot apply to the cohort now, or None when they can."""
    today = today or timezone.localdate()
    if cohort.status != Cohort.Status.OPEN:
        return "This cohort is not taking applications."
    if today < cohort.applications_open_on:
        return f"Applications open on {cohort.applications_open_on:%-d %B %Y}."
    if today > cohort.applications_close_on:
        return f"Applications closed on {cohort.applications_close_on:%-d %B %Y}."
    if not cohort.cohort_schools.filter(school_id=young_person.school_id).exists():
        return "Your school or college is not part of this cohort."
    if not cohort.takes_year_group(young_person.year_group):
        return f"This cohort is for {cohort.year_groups_label.lower()}."
    if cohort.applications.filter(young_person=young_person).exists():
        return "You have already applied to this cohort."
    return None


@transaction.atomic
def application_submit(*, acting_user, cohort: Cohort, young_person, statement: str) -> CohortApplication:
    """A young person applies, for themself."""
    if acting_user is not None and young_person.user_id != acting_user.pk:
        raise PermissionDenied("Young people apply for themselves.")
    refusal = application_refusal(cohort, young_person)
    if refusal:
        raise ValidationError(refusal)
    statement = statement.strip()
    if not statement:
        raise ValidationError({"statement": "Tell the panel why you want to be an ambassador"})
    application = CohortApplication.objects.create(cohort=cohort, young_person=young_person, statement=statement,
                                                   submitted_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=application, young_person_id=young_person.pk,
                 summary=f"Applied to be an ambassador in {cohort.title}")
    return application


@transaction.atomic
def application_support(*, acting_user, application: CohortApplication, note: str) -> CohortApplication:
    """The careers leader's note in support of an applicant from their school."""
    if acting_user is not None and application.young_person.school_id not in selectors._schools_led(acting_user):
        raise PermissionDenied("Only the applicant's careers leader adds the school's support.")
    application.school_support = note.strip()
    application.save(update_fields=["school_support", "updated_at"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                 young_person_id=application.young_person_id,
                 summary=f"Added the school's support to an application to {application.cohort.title}")
    return application


def may_withdraw(user, application: CohortApplication) -> bool:
    """The young person, their careers leader, or the cohort's hub staff."""
    if application.status == CohortApplication.Status.WITHDRAWN:
        return False
    if application.young_person.user_id == user.pk:
        return True
    standing = selectors.standing_of(user, application.cohort)
    return standing.manages or application.young_person.school_id in standing.led_school_ids


@transaction.atomic
def application_withdraw(*, acting_user, application: CohortApplication, reason: str) -> CohortApplication:
    if application.status == CohortApplication.Status.WITHDRAWN:
        raise ValidationError("This application is already withdrawn.")
    if acting_user is not None and not may_withdraw(acting_user, application):
        raise PermissionDenied("Only the young person, their careers leader or the hub's staff withdraw an application.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for withdrawing"})
    was = application.get_status_display().lower()
    application.status = CohortApplication.Status.WITHDRAWN
    application.withdrawal_reason = reason
    application.withdrawn_at = timezone.now()
    application.save(update_fields=["status", "withdrawal_reason", "withdrawn_at", "updated_at"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                 young_person_id=application.young_person_id,
                 summary=f"Withdrew from {application.cohort.title} (was {was})")
    return application


@transaction.atomic
def selection_save(*, acting_user, cohort: Cohort, decisions: dict[int, str]) -> int:
    """The panel's decisions on many applications at once: application id -> applied, shortlisted,
    selected or not selected. Withdrawn applications are left as they are. Refused as a whole when
    more would be selected than the cohort has places. Returns how many applications changed."""
    if acting_user is not None and not selectors.standing_of(acting_user, cohort).selects:
        raise PermissionDenied("Only the cohort's panel and hub staff select ambassadors.")
    if cohort.status in (Cohort.Status.DRAFT, Cohort.Status.COMPLETED):
        raise ValidationError(f"The cohort is {cohort.get_status_display().lower()}, so no selection can be made.")
    allowed = {str(s) for s in CohortApplication.DECISIONS}
    pool = {a.pk: a for a in Cohort.objects.select_for_update().get(pk=cohort.pk).applications.select_related("young_person")}
    errors = []
    for pk, status in decisions.items():
        if pk not in pool:
            errors.append(f"Application {pk} is not in this cohort's pool.")
        elif status not in allowed:
            errors.append(f"‘{status}’ is not a decision the panel can make.")
        elif pool[pk].status == CohortApplication.Status.WITHDRAWN and status != pool[pk].status:
            errors.append(f"{pool[pk].young_person.first_name} has withdrawn, so no decision can be made.")
    if errors:
        raise ValidationError(errors)
    final = {pk: decisions.get(pk, a.status) for pk, a in pool.items()}
    selected = sum(1 for status in final.values() if status == CohortApplication.Status.SELECTED)
    if selected > cohort.places:
        raise ValidationError(
            f"That selects {selected} ambassadors but the cohort has {cohort.places} places. Select {selected - cohort.places} fewer."
        )
    now = timezone.now()
    changed = []
    for pk, status in decisions.items():
        application = pool[pk]
        if application.status == status:
            continue
        was = application.get_status_display().lower()
        application.status = status
        application.decided_at = now
        application.decided_by = acting_user
        if status in (CohortApplication.Status.SHORTLISTED, CohortApplication.Status.SELECTED) and application.shortlisted_at is None:
            application.shortlisted_at = now
        changed.append(application)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=application,
                     young_person_id=application.young_person_id,
                     summary=f"Panel decision in {cohort.title}: {was} to {application.get_status_display().lower()}")
        application.updated_at = now
    if changed:
        CohortApplication.objects.bulk_update(changed, ["status", "decided_at", "decided_by", "shortlisted_at", "updated_at"])
    return len(changed)


# Activities and attendance ------------------------------------------------------------------------
def _activity_errors(cohort: Cohort, values: dict) -> dict:
    errors = {}
    if not values["title"].strip():
        errors["title"] = "Enter the activity's title"
    if not values["description"].strip():
        errors["description"] = "Describe the activity"
    if values["kind"] not in CohortActivity.Kind.values:
        errors["kind"] = "Choose the kind of activity"
    return errors


@transaction.atomic
def activity_add(*, acting_user, cohort: Cohort, title: str, occurs_on, kind: str, description: str) -> CohortActivity:
    _check_manages(acting_user, cohort)
    values = dict(title=title, occurs_on=occurs_on, kind=kind, description=description)
    errors = _activity_errors(cohort, values)
    if errors:
        raise ValidationError(errors)
    activity = CohortActivity.objects.create(cohort=cohort, title=title.strip(), occurs_on=occurs_on, kind=kind,
                                             description=description.strip(), created_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=activity,
                 summary=f"Added {activity.title} to the menu of {cohort.title}")
    return activity


@transaction.atomic
def activity_update(*, acting_user, activity: CohortActivity, title: str, occurs_on, kind: str, description: str) -> CohortActivity:
    _check_manages(acting_user, activity.cohort)
    values = dict(title=title, occurs_on=occurs_on, kind=kind, description=description)
    errors = _activity_errors(activity.cohort, values)
    if errors:
        raise ValidationError(errors)
    activity.title, activity.occurs_on, activity.kind, activity.description = title.strip(), occurs_on, kind, description.strip()
    activity.save()
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=activity,
                 summary=f"Changed {activity.title} on the menu of {activity.cohort.title}")
    return activity


@transaction.atomic
def attendance_record(*, acting_user, activity: CohortActivity, attended_ids) -> int:
    """Record who attended the activity, for the ambassadors the person sees (every ambassador for
    hub staff, their school's for a senior employer). Returns how many ambassadors' records changed."""
    cohort = activity.cohort
    if acting_user is None:
        ambassadors = list(cohort.applications.filter(status=CohortApplication.Status.SELECTED).select_related("young_person"))
    else:
        standing = selectors.standing_of(acting_user, cohort)
        if not standing.records_attendance:
            raise PermissionDenied("Only hub staff and the school's senior employer record attendance.")
        ambassadors = list(selectors.ambassadors_for(acting_user, cohort, standing))
    if activity.occurs_on > timezone.localdate():
        raise ValidationError("Attendance is recorded on or after the day of the activity.")
    attended_ids = {int(pk) for pk in attended_ids}
    unknown = attended_ids - {a.pk for a in ambassadors}
    if unknown:
        raise ValidationError("Attendance can only be recorded for the cohort's ambassadors you work with.")
    existing = {row.application_id: row for row in ActivityAttendance.objects.filter(activity=activity)}
    changed = 0
    for ambassador in ambassadors:
        attended = ambassador.pk in attended_ids
        row = existing.get(ambassador.pk)
        if row is None and not attended:
            continue
        if row is not None and row.attended == attended:
            continue
        if row is None:
            ActivityAttendance.objects.create(activity=activity, application=ambassador, attended=True, recorded_by=acting_user)
        else:
            row.attended, row.recorded_by = attended, acting_user
            row.save(update_fields=["attended", "recorded_by", "updated_at"])
        changed += 1
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=activity,
                     young_person_id=ambassador.young_person_id,
                     summary=f"Recorded {ambassador.young_person.first_name} as {'attending' if attended else 'absent from'} {activity.title}")
    return changed
