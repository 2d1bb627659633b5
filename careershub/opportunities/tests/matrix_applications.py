"""Who reaches each page and endpoint of applying, deciding and messaging.

Amira (cast.young_person_record, year 10 at cast.school in area hub North, parent cast.parent_carer)
applies for an approved work experience placement at cast.employer. Her application is seen by her,
her parent, her school's careers leader and teacher, the North coordinator, the hub manager and
cast.employer's contact (as the host, only what she shared); nobody else. Rows build what they need
from the cast as they ask (once per row, inside its rolled-back test).
"""
from datetime import timedelta

from django.utils import timezone

from careershub.core.matrix import endpoint, page
from careershub.opportunities.models import Application, Opportunity
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

WHO_SEES_AMIRAS_APPLICATION = ["young_person", "parent_carer", "careers_leader", "teacher", "hub_manager",
                               "enterprise_coordinator", "employer_contact"]
# Everyone who sees it writes in its thread except hub staff, who read it.
WHO_MESSAGES = ["young_person", "parent_carer", "careers_leader", "teacher", "employer_contact"]
WHO_HAS_APPLICATIONS = ["young_person", "parent_carer", "careers_leader", "teacher", "hub_manager",
                        "enterprise_coordinator", "employer_contact", "other_careers_leader", "other_employer_contact"]
SCHOOL_STAFF = ["careers_leader", "teacher", "other_careers_leader"]

ENGINEERING = "Matrix: engineering week"
OPEN = "Matrix: open for applying"


def opportunity(cast, title: str = ENGINEERING) -> Opportunity:
    """An approved placement at cast.employer for years 10 and 11, starting in two months (made once)."""
    existing = Opportunity.objects.filter(title=title).first()
    if existing:
        return existing
    starts_on = timezone.localdate() + timedelta(days=60)
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, title=title, starts_on=starts_on,
                              ends_on=starts_on + timedelta(days=4), capacity=3)


def open_opportunity(cast) -> Opportunity:
    """One Amira has not applied for."""
    return opportunity(cast, OPEN)


def application(cast) -> Application:
    """Amira's application for the engineering week, sharing her school and year group (made once)."""
    existing = Application.objects.filter(opportunity__title=ENGINEERING, young_person=cast.young_person_record).first()
    return existing or ApplicationFactory(opportunity=opportunity(cast), young_person=cast.young_person_record,
                                          submitted_by=cast.young_person, shared=["school", "year_group"])


def app_url(cast, suffix: str = "") -> str:
    return f"/opportunities/applications/{application(cast).pk}/{suffix}"


APPLY_DATA = {"interest": "I like building things.", "availability": "", "shared": ["school"]}

ROWS = [
    # Applying: three screens.
    page("opportunities:apply", lambda cast: f"/opportunities/{open_opportunity(cast).pk}/apply/", ["young_person"]),
    page("opportunities:apply", lambda cast: f"/opportunities/{open_opportunity(cast).pk}/apply/", ["young_person"],
         method="post", data=APPLY_DATA, ok=302, note="the answers are kept; on to checking them"),
    page("opportunities:apply_check", lambda cast: f"/opportunities/{open_opportunity(cast).pk}/apply/check/",
         ["young_person"], ok=302, note="with nothing to check yet, back to the first screen"),
    page("opportunities:apply_check", lambda cast: f"/opportunities/{open_opportunity(cast).pk}/apply/check/",
         ["young_person"], method="post", ok=302, note="with nothing to send yet, back to the first screen"),
    page("opportunities:application_submitted", lambda cast: app_url(cast, "sent/"), ["young_person"]),
    # Following applications.
    page("opportunities:my_applications", lambda cast: "/opportunities/my-applications/",
         ["young_person", "parent_carer"]),
    page("opportunities:application_detail", lambda cast: app_url(cast), WHO_SEES_AMIRAS_APPLICATION),
    page("opportunities:application_withdraw", lambda cast: app_url(cast, "withdraw/"), ["young_person"]),
    page("opportunities:application_withdraw", lambda cast: app_url(cast, "withdraw/"), ["young_person"],
         method="post", data={"reason": "I have a place elsewhere."}, ok=302),
    # The host's decisions and the thread.
    page("opportunities:application_decide", lambda cast: app_url(cast, "decide/"), ["employer_contact"]),
    page("opportunities:application_decide", lambda cast: app_url(cast, "decide/"), ["employer_contact"],
         method="post", data={"decision": "shortlist"}, ok=302),
    page("opportunities:message_send", lambda cast: app_url(cast, "messages/"), WHO_MESSAGES,
         method="post", data={"body": "Is there parking near the site?"}, ok=302,
         note="hub staff see the application but do not write in its thread: 403"),
    page("opportunities:applicants", lambda cast: f"/opportunities/{application(cast).opportunity_id}/applicants/",
         ["employer_contact"]),
    page("opportunities:applicants",
         lambda cast: f"/opportunities/{application(cast).opportunity_id}/applicants/?status=submitted",
         ["employer_contact"]),
    page("opportunities:school_applications", lambda cast: "/opportunities/school-applications/", SCHOOL_STAFF,
         note="each sees their own school's (the other school's careers leader, none of Amira's)"),
    page("opportunities:school_applications",
         lambda cast: f"/opportunities/school-applications/?status=submitted&year_group=10&page=2&_={application(cast).pk}",
         SCHOOL_STAFF),
    # The API.
    endpoint("GET /api/opportunities/applications/", lambda cast: f"/api/opportunities/applications/?_={application(cast).pk}",
             WHO_HAS_APPLICATIONS),
    endpoint("GET /api/opportunities/applications/", lambda cast: "/api/opportunities/applications/?status=accepted&page=1",
             WHO_HAS_APPLICATIONS),
    endpoint("GET /api/opportunities/applications/{application_id}",
             lambda cast: f"/api/opportunities/applications/{application(cast).pk}", WHO_SEES_AMIRAS_APPLICATION),
    endpoint("POST /api/opportunities/{opportunity_id}/applications",
             lambda cast: f"/api/opportunities/{open_opportunity(cast).pk}/applications", ["young_person"],
             method="post", data=APPLY_DATA, ok=201),
    endpoint("POST /api/opportunities/applications/{application_id}/decision",
             lambda cast: f"/api/opportunities/applications/{application(cast).pk}/decision", ["employer_contact"],
             method="post", data={"decision": "accept"}),
    endpoint("POST /api/opportunities/applications/{application_id}/withdraw",
             lambda cast: f"/api/opportunities/applications/{application(cast).pk}/withdraw", ["young_person"],
             method="post", data={"reason": ""}),
    endpoint("POST /api/opportunities/applications/{application_id}/messages",
             lambda cast: f"/api/opportunities/applications/{application(cast).pk}/messages", WHO_MESSAGES,
             method="post", data={"body": "Thank you for applying."}, ok=201),
]
