"""Reads of consents, for this app's pages and for other apps (a placement's checks, mentoring
referrals, sharing the passport, photographs at activities).

Who may give or withdraw consent for a purpose:
- a parent or carer linked to the young person, while the young person is under 16, and for work
  experience placements while they are under 18;
- the young person themself from 16 (for placements, from 18 only: until then their parent decides).
"""
import datetime

from django.db.models import QuerySet
from django.utils import timezone

from careershub.core import calendar

from .models import Consent, ParentLink, YoungPerson

PARENT_DECIDES_UNDER = 16
PLACEMENT_PARENT_DECIDES_UNDER = 18


def consent_given(young_person: YoungPerson, purpose: str) -> bool:
    """Whether consent for this purpose is currently given (given and not withdrawn)."""
    return Consent.objects.filter(young_person=young_person, purpose=purpose, withdrawn_at__isnull=True).exists()


def current_consents(young_person: YoungPerson) -> dict[str, Consent]:
    """The current consent of each purpose that has one, by purpose."""
    rows = Consent.objects.filter(young_person=young_person, withdrawn_at__isnull=True).select_related("given_by")
    return {row.purpose: row for row in rows}


def consent_history(young_person: YoungPerson) -> QuerySet[Consent]:
    return Consent.objects.filter(young_person=young_person).select_related("given_by", "withdrawn_by").order_by("-given_at", "-pk")


def age_on(young_person: YoungPerson, day: datetime.date) -> int:
    return calendar.age_on(young_person.date_of_birth, day)


def parent_decides(young_person: YoungPerson, purpose: str, *, today: datetime.date | None = None) -> bool:
    """Whether, at the young person's age, this purpose is for their parent or carer to decide."""
    age = age_on(young_person, today or timezone.localdate())
    limit = PLACEMENT_PARENT_DECIDES_UNDER if purpose == Consent.Purpose.WORK_EXPERIENCE else PARENT_DECIDES_UNDER
    return age < limit


def may_decide(user, young_person: YoungPerson, purpose: str, *, today: datetime.date | None = None) -> bool:
    """Whether this person may give or withdraw consent for the purpose: a linked parent or carer
    while the parent decides, the young person themself once they do."""
    if not user.is_authenticated or purpose not in Consent.Purpose.values:
        return False
    if parent_decides(young_person, purpose, today=today):
        return ParentLink.objects.filter(parent_id=user.pk, young_person=young_person).exists()
    return young_person.user_id is not None and young_person.user_id == user.pk
