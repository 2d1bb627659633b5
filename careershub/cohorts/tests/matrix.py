"""Who reaches each ambassador cohort page and endpoint.

Each row builds its own cohort (pool_for): cast.school with cast.employer as its senior employer and
cast.other_school with cast.other_employer; cast.employer_contact on the panel; Amira (cast.school)
and Ben (cast.other_school) have applied. A fresh cohort per request keeps POST rows independent.
"""
import datetime

from django.utils import timezone

from careershub.cohorts.models import CohortApplication
from careershub.cohorts.tests.factories import (
    CohortActivityFactory, CohortSchoolFactory, cohort_for, pool_for,
)
from careershub.core.matrix import endpoint, page
from careershub.network.tests.factories import SchoolFactory

HUB = ["hub_manager", "enterprise_coordinator"]
# Everyone the cohort shows itself to: hub staff, both schools' careers leaders, both senior
# employers (one also on the panel) and Amira, who applied.
VIEWERS = HUB + ["careers_leader", "other_careers_leader", "employer_contact", "other_employer_contact", "young_person"]
APPLICANTS = HUB + ["careers_leader", "other_careers_leader", "employer_contact"]
PANEL = HUB + ["employer_contact"]
AMIRAS_APPLICATION = HUB + ["careers_leader", "employer_contact", "young_person"]
WITHDRAWS_AMIRA = HUB + ["careers_leader", "young_person"]
SENIOR_EMPLOYERS = HUB + ["employer_contact", "other_employer_contact"]
AMBASSADORS = HUB + ["careers_leader", "other_careers_leader", "employer_contact", "other_employer_contact"]


def cohort(cast):
    return pool_for(cast)[0]


def amira(cast):
    return pool_for(cast)[1]


def new_cohort_data(cast):
    today = timezone.localdate()
    return {
        "title": "Digital ambassadors", "theme": "digital", "description": "Coding clubs and studio visits.",
        "year_group_from": "9", "year_group_to": "10", "places": "20",
        "applications_open_on": today.strftime("%d/%m/%Y"),
        "applications_close_on": (today + datetime.timedelta(days=20)).strftime("%d/%m/%Y"),
        "starts_on": (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y"),
        "ends_on": (today + datetime.timedelta(days=400)).strftime("%d/%m/%Y"), "status": "open",
    }


def activity_data(cast):
    return {"title": "Robotics masterclass", "occurs_on": timezone.localdate().strftime("%d/%m/%Y"),
            "kind": "masterclass", "description": "Programming a robot arm with the apprentices."}


def with_school_to_remove(cast):
    c = cohort_for(cast)
    link = CohortSchoolFactory(cohort=c, school=SchoolFactory(partnership=cast.partnership), employer=cast.employer)
    return f"/cohorts/{c.pk}/schools/{link.pk}/remove/"


def with_activity(cast, suffix):
    c, amira_application, _ = pool_for(cast)
    CohortApplication.objects.filter(pk=amira_application.pk).update(status="selected")
    activity = CohortActivityFactory(cohort=c)
    return f"/cohorts/{c.pk}/activities/{activity.pk}/{suffix}/"


def panel_member_url(cast):
    c = cohort(cast)
    return f"/cohorts/{c.pk}/panel/{c.panel.get().pk}/remove/"


def application_url(cast, suffix=""):
    a = amira(cast)
    return f"/cohorts/{a.cohort_id}/applications/{a.pk}/{suffix}"


ROWS = [
    page("cohorts:list", lambda cast: (cohort(cast), "/cohorts/")[1], VIEWERS),
    page("cohorts:create", lambda cast: "/cohorts/new/", HUB),
    page("cohorts:create", lambda cast: "/cohorts/new/", HUB, method="post", data=new_cohort_data, ok=302),
    page("cohorts:detail", lambda cast: f"/cohorts/{cohort(cast).pk}/", VIEWERS),
    page("cohorts:edit", lambda cast: f"/cohorts/{cohort(cast).pk}/edit/", HUB),
    page("cohorts:edit", lambda cast: f"/cohorts/{cohort(cast).pk}/edit/", HUB, method="post",
         data=lambda cast: {**new_cohort_data(cast), "title": "Digital ambassadors 2027"}, ok=302),
    page("cohorts:school_add", lambda cast: f"/cohorts/{cohort(cast).pk}/schools/add/", HUB),
    page("cohorts:school_add", lambda cast: f"/cohorts/{cohort(cast).pk}/schools/add/", HUB, method="post",
         data=lambda cast: {"school": SchoolFactory(partnership=cast.partnership).pk, "employer": cast.employer.pk}, ok=302),
    page("cohorts:school_remove", with_school_to_remove, HUB),
    page("cohorts:school_remove", with_school_to_remove, HUB, method="post", ok=302),
    page("cohorts:panel", lambda cast: f"/cohorts/{cohort(cast).pk}/panel/", HUB),
    page("cohorts:panel", lambda cast: f"/cohorts/{cohort(cast).pk}/panel/", HUB, method="post",
         data=lambda cast: {"user": cast.other_employer_contact.pk}, ok=302),
    page("cohorts:panel_remove", panel_member_url, HUB, method="post", ok=302),
    page("cohorts:applicants", lambda cast: f"/cohorts/{cohort(cast).pk}/applicants/", APPLICANTS,
         note="the panel and hub staff see the pool, careers leaders their own school's; the other senior employer 404"),
    page("cohorts:selection", lambda cast: f"/cohorts/{cohort(cast).pk}/selection/", PANEL),
    page("cohorts:selection", lambda cast: f"/cohorts/{cohort(cast).pk}/selection/",
         PANEL, method="post", ok=302,
         data={}, note="saving with no change still goes back to the balance page"),
    page("cohorts:apply", lambda cast: f"/cohorts/{cohort_for(cast).pk}/apply/", ["young_person"],
         note="a cohort Amira has not applied to"),
    page("cohorts:apply", lambda cast: f"/cohorts/{cohort_for(cast).pk}/apply/", ["young_person"], method="post",
         data={"statement": "I want to see how hospitals run."}, ok=302),
    page("cohorts:application", lambda cast: application_url(cast), AMIRAS_APPLICATION),
    page("cohorts:application_support", lambda cast: application_url(cast, "support/"), ["careers_leader"]),
    page("cohorts:application_support", lambda cast: application_url(cast, "support/"), ["careers_leader"], method="post",
         data={"note": "Amira runs the school's engineering club."}, ok=302),
    page("cohorts:application_withdraw", lambda cast: application_url(cast, "withdraw/"), WITHDRAWS_AMIRA),
    page("cohorts:application_withdraw", lambda cast: application_url(cast, "withdraw/"), WITHDRAWS_AMIRA, method="post",
         data={"reason": "Moving to a college outside the city."}, ok=302),
    page("cohorts:activity_add", lambda cast: f"/cohorts/{cohort(cast).pk}/activities/add/", HUB),
    page("cohorts:activity_add", lambda cast: f"/cohorts/{cohort(cast).pk}/activities/add/", HUB, method="post",
         data=activity_data, ok=302),
    page("cohorts:activity_edit", lambda cast: with_activity(cast, "edit"), HUB),
    page("cohorts:activity_edit", lambda cast: with_activity(cast, "edit"), HUB, method="post", data=activity_data, ok=302),
    page("cohorts:attendance", lambda cast: with_activity(cast, "attendance"), SENIOR_EMPLOYERS,
         note="each senior employer records their own school's ambassadors"),
    page("cohorts:attendance", lambda cast: with_activity(cast, "attendance"), SENIOR_EMPLOYERS, method="post",
         data={}, ok=302),
    page("cohorts:ambassadors", lambda cast: f"/cohorts/{cohort(cast).pk}/ambassadors/", AMBASSADORS),
    endpoint("GET /api/cohorts/", lambda cast: (cohort(cast), "/api/cohorts/")[1], VIEWERS),
    endpoint("GET /api/cohorts/{cohort_id}", lambda cast: f"/api/cohorts/{cohort(cast).pk}", VIEWERS),
    endpoint("GET /api/cohorts/{cohort_id}/applicants", lambda cast: f"/api/cohorts/{cohort(cast).pk}/applicants",
             APPLICANTS),
    endpoint("POST /api/cohorts/{cohort_id}/applications", lambda cast: f"/api/cohorts/{cohort_for(cast).pk}/applications",
             ["young_person"], method="post", data={"statement": "I love taking things apart."}, ok=201),
    endpoint("POST /api/cohorts/{cohort_id}/selection", lambda cast: f"/api/cohorts/{cohort(cast).pk}/selection",
             PANEL, method="post", data={"decisions": []}),
    endpoint("POST /api/cohorts/{cohort_id}/applications/{application_id}/withdraw",
             lambda cast: (lambda a: f"/api/cohorts/{a.cohort_id}/applications/{a.pk}/withdraw")(amira(cast)),
             WITHDRAWS_AMIRA, method="post", data={"reason": "Too much on with exams."}),
    endpoint("GET /api/cohorts/{cohort_id}/ambassadors", lambda cast: f"/api/cohorts/{cohort(cast).pk}/ambassadors",
             AMBASSADORS),
]
