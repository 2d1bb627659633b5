"""The encounters section of a young person's record page (see young_people.record_sections): what
they have done, by academic year, with what each counts as; their progress towards the partnership's
pledge of experiences of workplaces; and their placements. Shown to whoever may see the record (the
record page authorises before it asks for sections)."""
import datetime
from itertools import groupby

from careershub.core.calendar import academic_year_label

from . import encounter_selectors, placement_selectors
from .kinds import Counts
from .models import Application


def encounters_section(user, young_person):
    encounters = list(encounter_selectors.encounters_of(young_person.pk))
    # Placements only for those who may open them (a careers adviser reads the record, not placements).
    placements = list(encounter_selectors.placements_of(young_person.pk)
                      .filter(pk__in=placement_selectors.placements_visible_to(user).values("pk")))
    target = young_person.school.partnership.workplace_experience_target
    workplace = sum(1 for e in encounters if e.counts_as == Counts.WORKPLACE_EXPERIENCE)
    years = [
        {"academic_year": year, "label": academic_year_label(year), "encounters": list(rows)}
        for year, rows in groupby(encounters, key=lambda e: e.academic_year)
    ]
    is_self = young_person.user_id is not None and young_person.user_id == user.pk
    return {
        "title": "Encounters and experiences",
        "template": "opportunities/record_encounters.html",
        "context": {
            "years": years,
            "count": len(encounters),
            "pledge": {"done": workplace, "target": target, "met": workplace >= target,
                       "percent": min(100, round(100 * workplace / target)) if target else 100},
            "counts": {
                "employer": sum(1 for e in encounters if e.counts_as == Counts.EMPLOYER_ENCOUNTER),
                "workplace": workplace,
                "education": sum(1 for e in encounters if e.counts_as == Counts.EDUCATION_ENCOUNTER),
            },
            "placements": placements,
            "is_self": is_self,
        },
    }


def opportunities_upcoming(young_person, today: datetime.date) -> list[dict]:
    """Accepted places on opportunities that start today or later, with the placement's status where
    the place needs safeguarding (for a parent's overview of what is coming up)."""
    accepted = (Application.objects.filter(young_person=young_person, status="accepted", opportunity__starts_on__gte=today)
                .exclude(placement__status="cancelled")
                .select_related("opportunity__employer", "opportunity__provider", "placement").order_by("opportunity__starts_on"))
    upcoming = []
    for application in accepted:
        opportunity = application.opportunity
        host = opportunity.employer or opportunity.provider
        placement = getattr(application, "placement", None)
        detail = host.name if host else ""
        if placement is not None:
            detail = f"{detail} · {placement.get_status_display()}" if detail else placement.get_status_display()
        upcoming.append({"date": opportunity.starts_on, "title": opportunity.title, "kind": opportunity.get_kind_display(),
                         "detail": detail})
    return upcoming
