from careershub.core.matrix import endpoint, page

from .factories import GuidanceInterviewFactory

# The cast's careers adviser works for cast.provider, which serves Amira's school.
WHO_SEES_AMIRA = ["hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "young_person",
                  "parent_carer", "careers_adviser"]


def _interview(cast):
    return GuidanceInterviewFactory(young_person=cast.young_person_record, adviser=cast.careers_adviser,
                                    provider=cast.provider)


def _step(cast):
    return _interview(cast).next_steps.create(text="Visit the college open evening")


ROWS = [
    page("plans:adviser_home", lambda cast: "/plans/guidance/", ["careers_adviser"]),
    page("plans:interview_new", lambda cast: f"/plans/guidance/young-people/{cast.young_person_record.pk}/new/",
         ["careers_adviser"]),
    page("plans:interview_new", lambda cast: f"/plans/guidance/young-people/{cast.other_young_person_record.pk}/new/", [],
         note="Ben's school is not served by the adviser's provider: 404"),
    page("plans:interview_detail", lambda cast: f"/plans/guidance/{_interview(cast).pk}/", WHO_SEES_AMIRA),
    page("plans:interview_edit", lambda cast: f"/plans/guidance/{_interview(cast).pk}/edit/", ["careers_adviser"]),
    page("plans:next_step_done", lambda cast: f"/plans/guidance/next-steps/{_step(cast).pk}/done/",
         ["careers_adviser", "young_person"], method="post", data={"done": "yes"}, ok=302,
         note="the young person or the adviser; parents and school staff who see the record are refused (403)"),
    endpoint("GET /api/plans/interviews", lambda cast: f"/api/plans/interviews?young_person_id={_interview(cast).young_person_id}",
             WHO_SEES_AMIRA),
    endpoint("GET /api/plans/interviews/{interview_id}", lambda cast: f"/api/plans/interviews/{_interview(cast).pk}",
             WHO_SEES_AMIRA),
    endpoint("POST /api/plans/interviews", lambda cast: "/api/plans/interviews", ["careers_adviser"], method="post",
             data=lambda cast: {"young_person_id": cast.young_person_record.pk, "held_on": "2026-11-02",
                                "discussed": "Options after year 11"}, ok=201),
]

# Career plans: whoever sees the record sees the plan; the young person and the school's staff change it;
# the school's staff and the serving careers adviser comment.
PLAN_EDITORS = ["careers_leader", "teacher", "young_person"]
COMMENTERS = ["careers_leader", "teacher", "careers_adviser"]


def _goal(cast):
    from careershub.plans import services

    plan = services.plan_save(acting_user=cast.young_person, young_person=cast.young_person_record,
                              interests="Art", aspirations="Architect", goals=[("Visit a studio", None)])
    return plan.goals.get()


ROWS += [
    page("plans:my_plan", lambda cast: "/plans/career-plan/", ["young_person"], ok=302),
    page("plans:plan", lambda cast: f"/plans/career-plan/{cast.young_person_record.pk}/", WHO_SEES_AMIRA),
    page("plans:plan", lambda cast: f"/plans/career-plan/{cast.young_person_record.pk}/", COMMENTERS, method="post",
         data={"body": "Have a look at the T Level in design."}, ok=302,
         note="commenting: the young person and parents see the page but are refused (403)"),
    page("plans:plan_edit", lambda cast: f"/plans/career-plan/{cast.young_person_record.pk}/edit/", PLAN_EDITORS),
    page("plans:goal_done", lambda cast: f"/plans/career-plan/goals/{_goal(cast).pk}/done/", PLAN_EDITORS,
         method="post", data={"done": "yes"}, ok=302),
    endpoint("GET /api/plans/routes", lambda cast: "/api/plans/routes", [
        "hub_manager", "enterprise_coordinator", "careers_leader", "teacher", "employer_contact", "enterprise_adviser",
        "mentor", "careers_adviser", "young_person", "parent_carer", "analyst", "admin", "other_careers_leader",
        "other_employer_contact", "outsider"]),
    endpoint("GET /api/plans/career-plans", lambda cast: f"/api/plans/career-plans?young_person_id={cast.young_person_record.pk}",
             WHO_SEES_AMIRA),
    endpoint("PUT /api/plans/career-plans/{young_person_id}",
             lambda cast: f"/api/plans/career-plans/{cast.young_person_record.pk}", PLAN_EDITORS, method="put",
             data={"aspirations": "Vet", "goals": [{"text": "Ask about a farm placement"}]}),
]
