"""The mentoring section of a young person's record page: status, mentor, next session and goals.
Never session notes."""
from django.utils import timezone

from . import selectors
from .models import Referral


def mentoring_section(user, young_person):
    referrals = selectors.referrals_of_young_person(young_person)
    may_refer = selectors.may_refer(user, young_person)
    if not referrals and not may_refer:
        return None
    today = timezone.localdate()
    current = next((r for r in referrals if r.status != Referral.Status.CLOSED), None)
    context = {"young_person": young_person, "current": current, "may_refer": may_refer,
               "ended": [r for r in referrals if r.status == Referral.Status.CLOSED],
               "is_self": young_person.user_id == user.pk}
    if current is not None:
        missing = selectors.missing_consents(current, today=today)
        context.update({
            "missing": missing,
            "paused": bool(missing) and current.status == Referral.Status.ACTIVE,
            "next_session": selectors.next_session_of(current, today=today) if not missing else None,
            "goals": selectors.goals_of(current),
        })
    return {"title": "Mentoring", "template": "mentoring/record_section.html", "context": context}
