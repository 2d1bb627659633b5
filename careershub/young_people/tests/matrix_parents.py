"""Who reaches the parents and carers pages and the consent pages.

Amira (cast.young_person_record, born March 2011) is at cast.school; cast.parent_carer is linked to
her. While she is under 16 her parent decides every consent, so she herself decides none."""
import itertools

from django.utils import timezone

from careershub.accounts.tests.factories import UserFactory
from careershub.core.matrix import page
from careershub.young_people.models import Consent, ParentLink

SCHOOL_STAFF = ["careers_leader", "teacher"]
CONSENT_READERS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person", "parent_carer"]
_emails = itertools.count(1)


def amira(cast, suffix):
    return f"/young-people/{cast.young_person_record.pk}/{suffix}"


def link_data(cast):
    return {"first_name": "Grace", "last_name": "Khan", "email": f"grace.khan.{next(_emails)}@example.org",
            "relationship": "Grandparent"}


def invited_link(cast, suffix):
    """A fresh parent, invited but not yet signed up, linked to Amira."""
    parent = UserFactory(password="")
    parent.set_unusable_password()
    parent.save()
    link = ParentLink.objects.create(parent=parent, young_person=cast.young_person_record, relationship="Carer")
    return amira(cast, f"parents/{link.pk}/{suffix}/")


def without_photo_consent(cast):
    Consent.objects.filter(young_person=cast.young_person_record, purpose="photos", withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now())
    return amira(cast, "consents/photos/give/")


def with_photo_consent(cast):
    if not Consent.objects.filter(young_person=cast.young_person_record, purpose="photos", withdrawn_at__isnull=True).exists():
        Consent.objects.create(young_person=cast.young_person_record, purpose="photos", given_by=cast.parent_carer,
                               given_at=timezone.now())
    return amira(cast, "consents/photos/withdraw/")


ROWS = [
    page("young_people:children_overview", lambda cast: "/young-people/my-children/overview/", ["parent_carer"]),
    page("young_people:parents_manage", lambda cast: amira(cast, "parents/"), SCHOOL_STAFF),
    page("young_people:parent_link", lambda cast: amira(cast, "parents/link/"), SCHOOL_STAFF),
    page("young_people:parent_link", lambda cast: amira(cast, "parents/link/"), SCHOOL_STAFF, method="post",
         data=link_data, ok=302, note="a new account, invited to set a password"),
    page("young_people:parent_unlink", lambda cast: invited_link(cast, "unlink"), SCHOOL_STAFF),
    page("young_people:parent_unlink", lambda cast: invited_link(cast, "unlink"), SCHOOL_STAFF, method="post", ok=302),
    page("young_people:parent_resend", lambda cast: invited_link(cast, "resend"), SCHOOL_STAFF, method="post", ok=302),
    page("young_people:consents", lambda cast: amira(cast, "consents/"), CONSENT_READERS),
    page("young_people:consent_give", without_photo_consent, ["parent_carer"],
         note="Amira is under 16: her parent decides, not she"),
    page("young_people:consent_give", without_photo_consent, ["parent_carer"], method="post", ok=302),
    page("young_people:consent_withdraw", with_photo_consent, ["parent_carer"]),
    page("young_people:consent_withdraw", with_photo_consent, ["parent_carer"], method="post", ok=302),
]
