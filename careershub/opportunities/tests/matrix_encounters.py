"""Who reaches attendance, whole-group encounter and encounter pages and endpoints.

cast.employer's careers talk last month had Amira's application accepted; cast.school's careers
leader logged a whole-group assembly for year 10. Rows build them as they ask (once per test).
"""
import datetime

from django.utils import timezone

from careershub.core.matrix import endpoint, page
from careershub.opportunities import encounter_services
from careershub.opportunities.kinds import Kind
from careershub.opportunities.models import Application, GroupEncounter, Opportunity
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.young_people.tests.matrix import WHO_SEES_AMIRA, WHO_SEES_BEN


TALK = "Life as a toolmaker"
ASSEMBLY = "Year 10 assembly: advanced manufacturing"
GROUP_READERS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "other_careers_leader"]
GROUP_SEERS = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher"]


def past_talk(cast) -> Opportunity:
    """cast.employer's careers talk a week ago, with Amira's application accepted (made once)."""
    existing = Opportunity.objects.filter(title=TALK, employer=cast.employer).first()
    if existing:
        return existing
    day = timezone.localdate() - datetime.timedelta(days=7)
    talk = OpportunityFactory(title=TALK, employer=cast.employer, partnership=cast.partnership, kind=Kind.CAREERS_TALK,
                              benchmarks=[5], starts_on=day, ends_on=day, supervisor_name="")
    ApplicationFactory(opportunity=talk, young_person=cast.young_person_record, status=Application.Status.ACCEPTED)
    return talk


def amiras_application(cast) -> Application:
    return Application.objects.get(opportunity=past_talk(cast), young_person=cast.young_person_record)


def assembly(cast) -> GroupEncounter:
    """A whole-group assembly for year 10 at cast.school (made once)."""
    existing = GroupEncounter.objects.filter(title=ASSEMBLY, school=cast.school).first()
    if existing:
        return existing
    return encounter_services.group_encounter_log(
        acting_user=cast.careers_leader, school=cast.school, kind=Kind.CAREERS_TALK, title=ASSEMBLY,
        occurred_on=timezone.localdate() - datetime.timedelta(days=3), year_groups=[10], employer=cast.employer,
    )


def group_data(cast) -> dict:
    return {"school": cast.school.pk, "kind": Kind.CAREERS_FAIR, "title": "Careers fair in the sports hall",
            "occurred_on": (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "employer": "", "provider": cast.provider.pk, "host_name": "", "year_groups": ["10", "11"],
            "excluded_upns": ""}


ROWS = [
    page("opportunities:attendance", lambda cast: f"/opportunities/{past_talk(cast).pk}/attendance/",
         ["employer_contact"], note="the host only; the other employer's contact gets 404"),
    page("opportunities:attendance", lambda cast: f"/opportunities/{past_talk(cast).pk}/attendance/",
         ["employer_contact"], method="post", data=lambda cast: {"attended": [amiras_application(cast).pk]}, ok=302),
    page("opportunities:group_encounters", lambda cast: (assembly(cast), "/opportunities/group-encounters/")[1],
         GROUP_READERS, note="each sees their school's, hubs' or partnership's (the other careers leader none)"),
    page("opportunities:group_encounters", lambda cast: "/opportunities/group-encounters/?page=3", GROUP_READERS,
         note="past the last page"),
    page("opportunities:group_encounter_new", lambda cast: "/opportunities/group-encounters/new/",
         ["careers_leader", "other_careers_leader"]),
    page("opportunities:group_encounter_new", lambda cast: "/opportunities/group-encounters/new/",
         ["careers_leader"], method="post", data=group_data, ok=302,
         note="the other careers leader is refused cast.school (400: not one of their schools)",
         denied_statuses=(400, 403, 404)),
    page("opportunities:group_encounter_new", lambda cast: "/opportunities/group-encounters/new/",
         ["careers_leader", "other_careers_leader"], method="post", data={"title": ""}, ok=400,
         note="nothing chosen: shown again with errors"),
    page("opportunities:group_encounter_detail",
         lambda cast: f"/opportunities/group-encounters/{assembly(cast).pk}/", GROUP_SEERS),
    page("opportunities:group_encounter_delete",
         lambda cast: f"/opportunities/group-encounters/{assembly(cast).pk}/delete/", ["careers_leader"]),
    page("opportunities:group_encounter_delete",
         lambda cast: f"/opportunities/group-encounters/{assembly(cast).pk}/delete/", ["careers_leader"],
         method="post", ok=302),
    endpoint("GET /api/opportunities/encounters",
             lambda cast: (assembly(cast), f"/api/opportunities/encounters?young_person_id={cast.young_person_record.pk}")[1],
             WHO_SEES_AMIRA),
    endpoint("GET /api/opportunities/encounters",
             lambda cast: f"/api/opportunities/encounters?young_person_id={cast.other_young_person_record.pk}",
             WHO_SEES_BEN, note="the other school's young person"),
]
