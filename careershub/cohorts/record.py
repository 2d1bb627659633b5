"""The ambassador cohorts section of a young person's record page: cohorts applied to, where each
application stands, and an ambassador's progress (activities attended of those offered so far)."""
from . import selectors


def cohorts_section(user, young_person):
    applications = selectors.memberships_of(young_person)
    if not applications:
        return None
    return {
        "title": "Ambassador cohorts",
        "template": "cohorts/record_section.html",
        "context": {"applications": applications, "young_person": young_person},
    }


def upcoming_activities(young_person, today):
    """What an ambassador has coming up, for their parent's overview."""
    return [
        {"date": a.occurs_on, "title": a.title, "kind": a.get_kind_display(), "detail": a.cohort.title}
        for a in selectors.upcoming_activities_of(young_person, today=today)
    ]
