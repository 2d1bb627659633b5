"""What the menu's tests build: opportunities in each status, complete enough to submit."""
import datetime

from django.utils import timezone

from careershub.network.models import PostcodeLocation
from careershub.opportunities.models import Opportunity
from careershub.opportunities.tests.factories import OpportunityFactory

STOKE = ("ST4 2RS", 53.0027, -2.1794)
NEWCASTLE = ("ST5 1AA", 53.0109, -2.2278)  # about 2 miles from Stoke
MANCHESTER = ("M1 1AE", 53.4808, -2.2426)  # about 33 miles from Stoke


def locate(*places):
    for postcode, latitude, longitude in places:
        PostcodeLocation.objects.update_or_create(postcode=postcode, defaults={"latitude": latitude,
                                                                               "longitude": longitude})


def future(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def details(**overrides) -> dict:
    """Everything a complete work experience placement needs, as the services take it."""
    values = {
        "kind": "work_experience", "title": "Engineering week", "summary": "A week in our machine shop.",
        "benchmarks": [], "sic_section": "C", "year_group_from": 10, "year_group_to": 11, "capacity": 4,
        "how_places_are_given": "application", "starts_on": future(60), "ends_on": future(64),
        "daily_times": "9am to 3pm", "applications_close_on": future(30), "online": False,
        "address": "Unit 4, Kiln Lane, Stoke-on-Trent", "postcode": "st42rs",
        "access_information": "Step-free access throughout; a quiet room is available.",
        "daily_plan": "Monday: safety induction. Tuesday to Friday: shadowing an apprentice.",
        "what_to_bring": "A packed lunch.", "supervision": "Jo Patel supervises all week.",
        "supervisor_name": "Jo Patel",
    }
    values.update(overrides)
    return values


def opportunity(cast, status=Opportunity.Status.DRAFT, **overrides):
    """An opportunity of cast.employer, complete, in the given status."""
    values = {
        "employer": cast.employer, "status": status, "starts_on": future(60), "ends_on": future(64),
        "applications_close_on": future(30), "access_information": "Step-free access throughout.",
        "submitted_at": timezone.now() if status != Opportunity.Status.DRAFT else None,
    }
    values.update(overrides)
    return OpportunityFactory(**values)
