"""Writes about parents and carers: the school linking and unlinking a parent, the invitation to set
a password, and consents given and withdrawn. Keyword-only, taking acting_user, in a transaction,
each leaving an audit entry with the young person's record id.

Accounts are made and invitations sent by careershub.accounts.services. The authority here is the
school's (its careers leader or a teacher links the parents of its own pupils), checked before the
accounts services are called as the platform (acting_user=None), since people management gives
the parent role only through a school's link."""
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careershub.accounts import services as account_services
from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify

from . import consents
from .models import Consent, ParentLink, YoungPerson
from .selectors import is_school_staff_for

RELATIONSHIPS = ("Mother", "Father", "Parent", "Step-parent", "Carer", "Foster carer", "Guardian", "Grandparent",
                 "Other family member")


def _check_school_staff(acting_user, young_person: YoungPerson) -> None:
    if acting_user is not None and not is_school_staff_for(acting_user, young_person):
        raise PermissionDenied("Only the young person's school links their parents and carers.")


def _free_username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "parent"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}{n}"
    return username


@transaction.atomic
def parent_link(*, acting_user, young_person: YoungPerson, first_name: str, last_name: str, email: str,
                relationship: str, site_url: str) -> tuple[ParentLink, bool]:
    """Link a parent or carer to the young person. An account with that email address is linked as
    it is (given the parent or carer role if it lacks it); otherwise an account is made with the role
    and an invitation to set a password is emailed. Returns the link and whether an account was made."""
    _check_school_staff(acting_user, young_person)
    email, first_name, last_name, relationship = email.strip(), first_name.strip(), last_name.strip(), relationship.strip()
    errors = {}
    if not email:
        errors["email"] = "Enter the parent's or carer's email address"
    if not first_name:
        errors["first_name"] = "Enter their first name"
    if not last_name:
        errors["last_name"] = "Enter their last name"
    if relationship not in RELATIONSHIPS:
        errors["relationship"] = "Choose their relationship to the young person"
    if errors:
        raise ValidationError(errors)
    partnership = young_person.school.partnership
    parent = User.objects.filter(email__iexact=email).first()
    created = parent is None
    if created:
        parent = account_services.person_create(
            acting_user=None, first_name=first_name, last_name=last_name, email=email, username=_free_username(email),
            role=Role.PARENT_CARER, organisation=partnership,
        )
    else:
        if young_person.user_id is not None and parent.pk == young_person.user_id:
            raise ValidationError({"email": "That is the young person's own account"})
        if ParentLink.objects.filter(parent=parent, young_person=young_person).exists():
            raise ValidationError({"email": f"{parent} is already linked to {young_person.full_name}"})
        if not any(a.role == Role.PARENT_CARER and a.partnership_id == partnership.pk for a in parent._assignments()):
            account_services.role_assign(acting_user=None, user=parent, role=Role.PARENT_CARER, organisation=partnership)
    link = ParentLink.objects.create(parent=parent, young_person=young_person, relationship=relationship, linked_by=acting_user)
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=link, young_person_id=young_person.pk,
                 summary=f"Linked {parent} ({relationship.lower()}) to the record of {young_person.full_name}")
    if created:
        account_services.person_send_password_set_email(acting_user=None, person=parent, site_url=site_url)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=link, young_person_id=young_person.pk,
                     summary=f"Sent {parent} an invitation to set a password")
    else:
        notify([parent], subject=f"You are linked to {young_person.first_name}'s careers record",
               body=f"{young_person.school.name} has linked you to {young_person.full_name}'s record on Careers Hub.",
               url=young_person.get_absolute_url())
    return link, created


@transaction.atomic
def parent_unlink(*, acting_user, link: ParentLink) -> None:
    young_person = link.young_person
    _check_school_staff(acting_user, young_person)
    audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=link, young_person_id=young_person.pk,
                 summary=f"Unlinked {link.parent} from the record of {young_person.full_name}")
    link.delete()


def parent_invitation_resend(*, acting_user, link: ParentLink, site_url: str) -> None:
    """Send the parent a fresh invitation to set a password, while they have not set one."""
    young_person = link.young_person
    _check_school_staff(acting_user, young_person)
    parent = link.parent
    if parent.has_usable_password():
        raise ValidationError(f"{parent} has already set a password. If they have forgotten it, they can reset it from the sign-in page.")
    account_services.person_send_password_set_email(acting_user=None, person=parent, site_url=site_url)
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=link, young_person_id=young_person.pk,
                 summary=f"Sent {parent} another invitation to set a password")


# Consents ----------------------------------------------------------------------------------------
def _check_may_decide(acting_user, young_person: YoungPerson, purpose: str) -> None:
    if purpose not in Consent.Purpose.values:
        raise ValidationError({"purpose": "Choose what the consent is for"})
    if acting_user is not None and not consents.may_decide(acting_user, young_person, purpose):
        if consents.parent_decides(young_person, purpose):
            raise PermissionDenied("At this age, a parent or carer decides this consent.")
        raise PermissionDenied("At this age, the young person decides this consent themself.")


@transaction.atomic
def consent_give(*, acting_user, young_person: YoungPerson, purpose: str) -> Consent:
    _check_may_decide(acting_user, young_person, purpose)
    YoungPerson.objects.select_for_update().filter(pk=young_person.pk).first()
    if consents.consent_given(young_person, purpose):
        raise ValidationError(f"Consent for {Consent.Purpose(purpose).label.lower()} is already given.")
    consent = Consent.objects.create(young_person=young_person, purpose=purpose, given_by=acting_user, given_at=timezone.now())
    audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=consent, young_person_id=young_person.pk,
                 summary=f"Gave consent for {consent.get_purpose_display().lower()}")
    return consent


@transaction.atomic
def consent_withdraw(*, acting_user, young_person: YoungPerson, purpose: str) -> Consent:
    _check_may_decide(acting_user, young_person, purpose)
    consent = Consent.objects.select_for_update().filter(young_person=young_person, purpose=purpose, withdrawn_at__isnull=True).first()
    if consent is None:
        raise ValidationError(f"Consent for {Consent.Purpose(purpose).label.lower()} is not given, so there is nothing to withdraw.")
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = acting_user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=consent, young_person_id=young_person.pk,
                 summary=f"Withdrew consent for {consent.get_purpose_display().lower()}")
    return consent
