"""Personal guidance and career plans in the demo city.

The careers services serve the engaged schools between them; their advisers have interviewed most of
year 11 and some of year 13 (more in some schools than others), with next steps agreed and some done,
and a few follow-ups due. Young people from year 9 up have career plans, many started last year and
changed since. The demo young person has a plan that changed between years, goals, a comment from
their careers leader and a guidance interview.

``load_demo_plans(partnership=..., today=..., rng=random.Random(seed))`` writes it with bulk inserts,
the same rows for the same city, seed and day; ``featured_young_person_id`` is the demo young person.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import Role
from careershub.core.calendar import academic_year_of
from careershub.network.models import Provider, School
from careershub.young_people.models import YoungPerson

from .models import CareerPlan, GuidanceInterview, NextStep, PlanComment, PlanGoal, Route

DISCUSSED = [
    "Enjoys science and practical work. We compared A levels with the health T Level and looked at "
    "which colleges offer each.",
    "Unsure what to do next; likes computers and gaming. We looked at digital apprenticeships and the "
    "digital T Level, and what employers in the area look for.",
    "Wants to be a nurse. We talked about the routes in (degree, nursing degree apprenticeship) and "
    "which subjects keep the options open.",
    "Worried about exams and about leaving school. We made a list of what they are good at and agreed "
    "small steps towards choosing a college course.",
    "Keen on construction like a family member. We looked at the construction courses at college and "
    "at advanced apprenticeships with local employers.",
    "Interested in law and in policing. We talked about A levels, university and the police constable "
    "degree apprenticeship.",
]
STEPS = [
    "Go to the college open evening", "Look at two apprenticeship vacancies on the national site",
    "Talk to your parents about the options we discussed", "Ask your science teacher about A-level biology",
    "Write a first draft of your CV", "Book a taster day at the college", "Apply for a sixth-form place",
    "Find out the entry requirements for the T Level",
]
ASPIRATIONS = [
    ("Nurse", "Enjoy caring for people, biology"), ("Electrician", "Fixing things, maths"),
    ("Games developer", "Computers, art, maths"), ("Teacher", "Working with children, English"),
    ("Mechanical engineer", "Physics, building things"), ("Hairdresser", "Art, talking to people"),
    ("Police officer", "Sport, helping people"), ("Accountant", "Maths, organising"),
    ("Chef", "Cooking, food technology"), ("Paramedic", "First aid, biology, sport"),
]
GOALS = ["Go to two college open days", "Get a part-time job or volunteering role", "Improve my maths grade",
         "Find a work experience placement in my area of interest", "Talk to someone who does the job"]


def _careers_services(partnership) -> list[Provider]:
    services = list(Provider.objects.filter(partnership=partnership, kind=Provider.Kind.CAREERS_SERVICE).order_by("pk"))
    return services or list(Provider.objects.filter(partnership=partnership).order_by("pk")[:1])


def load_demo_plans(*, partnership, today: date, rng: random.Random, featured_young_person_id: int | None = None) -> dict:
    services = _careers_services(partnership)
    if not services:
        return {"interviews": 0, "plans": 0}
    schools = list(School.objects.filter(partnership=partnership, status=School.Status.ENGAGED).order_by("pk"))
    # Each engaged school is served by one careers service, in turn.
    served = {}
    for n, school in enumerate(schools):
        served.setdefault(services[n % len(services)], []).append(school)
    for provider, its_schools in served.items():
        provider.schools_served.add(*its_schools)
    advisers = {}
    for assignment in (RoleAssignment.objects.filter(role=Role.CAREERS_ADVISER, provider__in=services)
                       .select_related("user").order_by("pk")):
        advisers.setdefault(assignment.provider_id, []).append(assignment.user)

    this_year = academic_year_of(today)
    interviews = []
    demo_person = YoungPerson.objects.filter(school__partnership=partnership, pk=featured_young_person_id).first()
    school_to_provider = {s.pk: p for p, its in served.items() for s in its}
    people = list(YoungPerson.objects.filter(school_id__in=school_to_provider, year_group__in=(10, 11, 12, 13))
                  .order_by("pk").values_list("pk", "school_id", "year_group"))
    reach = {school.pk: rng.uniform(0.45, 0.9) for school in schools}  # how much of year 11 each school's adviser sees
    for pk, school_id, year_group in people:
        share = {10: 0.08, 11: reach[school_id], 12: 0.15, 13: reach[school_id] * 0.6}[year_group]
        if not (rng.random() < share or (demo_person and pk == demo_person.pk)):
            continue
        provider = school_to_provider[school_id]
        held_on = today - timedelta(days=rng.randint(3, 75))
        while held_on.weekday() >= 5:
            held_on -= timedelta(days=1)
        adviser = rng.choice(advisers[provider.pk]) if advisers.get(provider.pk) else None
        interviews.append(GuidanceInterview(
            young_person_id=pk, adviser=adviser, provider=provider, held_on=held_on,
            academic_year=academic_year_of(held_on), year_group=year_group,
            format=rng.choice([GuidanceInterview.Format.IN_PERSON] * 4 + [GuidanceInterview.Format.ONLINE]),
            discussed=rng.choice(DISCUSSED),
            follow_up_on=held_on + timedelta(days=rng.choice([28, 42, 56])) if rng.random() < 0.35 else None,
        ))
    GuidanceInterview.objects.bulk_create(interviews, batch_size=1000)
    steps = []
    for interview in interviews:
        for text in rng.sample(STEPS, rng.choice([1, 2, 2, 3])):
            due_on = interview.held_on + timedelta(days=rng.choice([14, 21, 30, 45]))
            steps.append(NextStep(interview=interview, text=text, due_on=due_on,
                                  done_on=due_on - timedelta(days=rng.randint(0, 10)) if due_on < today and rng.random() < 0.6 else None))
    NextStep.objects.bulk_create(steps, batch_size=1000)

    routes_16 = list(Route.objects.filter(stage=Route.Stage.AFTER_16).order_by("order"))
    routes_18 = list(Route.objects.filter(stage=Route.Stage.AFTER_18).order_by("order"))
    planners = list(YoungPerson.objects.filter(school__partnership=partnership, year_group__in=(9, 10, 11, 12, 13))
                    .order_by("pk").values_list("pk", "year_group"))
    plans, goals = [], []
    for pk, year_group in planners:
        is_demo = demo_person is not None and pk == demo_person.pk
        if not (is_demo or rng.random() < 0.4):
            continue
        aspiration, interests = rng.choice(ASPIRATIONS)
        years = [this_year - 1, this_year] if (is_demo or rng.random() < 0.5) else [this_year]
        for year in years:
            if year < this_year:  # last year's thinking, often different
                old_aspiration, old_interests = rng.choice(ASPIRATIONS)
                plan = CareerPlan(young_person_id=pk, academic_year=year, year_group=year_group - 1,
                                  interests=old_interests, aspirations=old_aspiration,
                                  route_after_16=rng.choice(routes_16[:6]), route_after_18=rng.choice(routes_18))
            else:
                plan = CareerPlan(young_person_id=pk, academic_year=year, year_group=year_group,
                                  interests=interests, aspirations=aspiration,
                                  route_after_16=rng.choice(routes_16) if rng.random() < 0.8 else None,
                                  route_after_18=rng.choice(routes_18) if rng.random() < 0.6 else None)
            plans.append(plan)
    CareerPlan.objects.bulk_create(plans, batch_size=1000)
    for plan in plans:
        for text in rng.sample(GOALS, rng.choice([0, 1, 2, 3])):
            due_on = date(plan.academic_year + 1, rng.choice([3, 5, 7]), 1)
            goals.append(PlanGoal(plan=plan, text=text, due_on=due_on,
                                  done_on=due_on - timedelta(days=20) if due_on < today and rng.random() < 0.5 else None))
    PlanGoal.objects.bulk_create(goals, batch_size=1000)
    comments = 0
    if demo_person is not None:
        leader = (RoleAssignment.objects.filter(role=Role.CAREERS_LEADER, school_id=demo_person.school_id)
                  .select_related("user").order_by("pk").first())
        current = next((p for p in plans if p.young_person_id == demo_person.pk and p.academic_year == this_year), None)
        if leader and current:
            PlanComment.objects.create(plan=current, author=leader.user, author_role="Careers leader",
                                       body="Good to see you thinking about apprenticeships as well as college. "
                                            "Come to the apprenticeship fair in March.")
            comments = 1
    return {"interviews": len(interviews), "next_steps": len(steps), "plans": len(plans), "goals": len(goals),
            "comments": comments}
