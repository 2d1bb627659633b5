import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.core.models import AuditEntry
from careershub.plans import services
from careershub.plans.models import CareerPlan, Route

AUTUMN_2025 = datetime.date(2025, 10, 1)
AUTUMN_2026 = datetime.date(2026, 10, 1)


def route(stage, name):
    return Route.objects.get(stage=stage, name=name)


@pytest.mark.django_db
def test_the_shipped_routes_cover_both_stages():
    after_16 = set(Route.objects.filter(stage="after_16").values_list("name", flat=True))
    after_18 = set(Route.objects.filter(stage="after_18").values_list("name", flat=True))
    assert {"A levels", "T Levels", "Supported internship", "Employment with training", "Advanced apprenticeship"} <= after_16
    assert {"University degree", "Degree apprenticeship", "Higher apprenticeship"} <= after_18


@pytest.mark.django_db
def test_each_year_starts_from_the_last_so_change_is_kept(cast):
    yp = cast.young_person_record
    services.plan_save(acting_user=cast.young_person, young_person=yp, interests="Drawing", aspirations="Architect",
                       route_after_16=route("after_16", "A levels"), route_after_18=route("after_18", "University degree"),
                       goals=[("Visit an architect's studio", None)], today=AUTUMN_2025)
    services.plan_comment(acting_user=cast.careers_leader, young_person=yp, body="Look at the design T Level",
                          today=AUTUMN_2026)  # starts this year's plan from last year's
    this_year = CareerPlan.objects.get(young_person=yp, academic_year=2026)
    assert this_year.aspirations == "Architect" and this_year.route_after_16.name == "A levels"
    services.plan_save(acting_user=cast.young_person, young_person=yp, interests="Drawing, computers",
                       aspirations="Games designer", route_after_16=route("after_16", "T Levels"),
                       today=AUTUMN_2026)
    plans = {p.academic_year: p for p in CareerPlan.objects.filter(young_person=yp)}
    assert plans[2025].route_after_16.name == "A levels" and plans[2026].route_after_16.name == "T Levels"
    assert plans[2026].comments.get().author_role == "Careers leader"
    assert AuditEntry.objects.filter(young_person_id=yp.pk, subject_type="plans.careerplan").count() == 3


@pytest.mark.django_db
def test_only_the_young_person_and_their_school_staff_change_a_plan(cast):
    for outsider in (cast.parent_carer, cast.other_careers_leader, cast.careers_adviser, cast.employer_contact):
        with pytest.raises(PermissionDenied):
            services.plan_save(acting_user=outsider, young_person=cast.young_person_record, interests="", aspirations="")
    with pytest.raises(PermissionDenied):
        services.plan_comment(acting_user=cast.parent_carer, young_person=cast.young_person_record, body="Hello")
    assert not CareerPlan.objects.exists()


@pytest.mark.django_db
def test_a_route_from_the_wrong_stage_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.plan_save(acting_user=cast.young_person, young_person=cast.young_person_record, interests="",
                           aspirations="", route_after_16=route("after_18", "University degree"))
    assert "route_after_16" in refused.value.message_dict


@pytest.mark.django_db
def test_the_young_person_updates_their_plan_in_the_browser_form(cast, client_for):
    client = client_for(cast.young_person)
    url = f"/plans/career-plan/{cast.young_person_record.pk}/edit/"
    a_levels = route("after_16", "A levels")
    response = client.post(url, {"interests": "Biology", "aspirations": "Nurse", "route_after_16": a_levels.pk,
                                 "goal_1": "Volunteer at the hospital", "goal_1_due_on": "1/6/2027"})
    assert response.status_code == 302
    page = client.get(f"/plans/career-plan/{cast.young_person_record.pk}/").content.decode()
    assert "Volunteer at the hospital" in page and "Nurse" in page
    bad = client.post(url, {"interests": "", "aspirations": "", "goal_1_due_on": "31/2/2027"})
    assert "Goal 1 by must be a real date" in bad.content.decode()


@pytest.mark.django_db
def test_a_parent_sees_but_cannot_change_the_plan(cast, client_for):
    services.plan_save(acting_user=cast.young_person, young_person=cast.young_person_record, interests="Sport",
                       aspirations="Physiotherapist")
    client = client_for(cast.parent_carer)
    assert "Physiotherapist" in client.get(f"/plans/career-plan/{cast.young_person_record.pk}/").content.decode()
    assert client.get(f"/plans/career-plan/{cast.young_person_record.pk}/edit/").status_code == 403
    assert client_for(cast.other_careers_leader).get(f"/plans/career-plan/{cast.young_person_record.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_young_persons_mentor_comments_on_the_plan_but_no_other_mentor_does(cast):
    from careershub.mentoring.tests.factories import amira_referral

    with pytest.raises(PermissionDenied):
        services.plan_comment(acting_user=cast.mentor, young_person=cast.young_person_record, body="Keep going")
    amira_referral(cast)
    comment = services.plan_comment(acting_user=cast.mentor, young_person=cast.young_person_record,
                                    body="We talked about the health T Level; have a look before next week.")
    assert comment.author_role == "Mentor"
