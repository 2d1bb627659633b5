"""The demo city's ambassador cohorts: two themed cohorts, each with schools and the senior employer
attached to each, a panel, applications from several schools with the gender imbalance such
sectors see (engineering drawing boys, health and care drawing girls) which the panel's selection
partly corrects, a menu of activities with attendance, and a few withdrawals with their reasons.

Everything comes from the random generator passed in, so the same city and seed give the same
cohorts. Rows are bulk-created."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import HUB_STAFF, Role
from careershub.network.models import Employer, EmployerContact, School
from careershub.young_people.models import YoungPerson

from .models import ActivityAttendance, Cohort, CohortActivity, CohortApplication, CohortSchool, PanelMember

YEAR_GROUPS = (9, 10)


@dataclass(frozen=True)
class Plan:
    title: str
    theme: str
    description: str
    sic_sections: tuple[str, ...]
    schools: int
    places: int
    majority_sex: str  # who applies most in this sector
    applied_majority_share: float
    selected_minority_share: float
    statements: tuple[str, ...]
    activities: tuple[tuple[str, str, str], ...]  # kind, title, description


ENGINEERING = Plan(
    title="Engineering and manufacturing ambassadors",
    theme=Cohort.Theme.ENGINEERING,
    description=("Two years with the city's engineering and advanced manufacturing employers: workplace visits, "
                 "masterclasses and a design-and-make project, with your skills recorded in your passport and "
                 "accredited by the senior employer attached to your school."),
    sic_sections=("C", "F", "D"),
    schools=4, places=24, majority_sex="M", applied_majority_share=0.72, selected_minority_share=0.46,
    statements=(
        "I like taking things apart to see how they work and I want to find out what engineers really do all day.",
        "I built a small wind turbine for my science project and I would love to see how real ones are made.",
        "My uncle works in a steel works and I want to know if engineering could be for me too.",
        "I am good at maths and design technology and I want to use them on real problems.",
        "I enjoy coding our school's robot and want to learn how factories use automation.",
        "I want to be the first in my family to do an apprenticeship in engineering.",
    ),
    activities=(
        ("workplace_visit", "Forge and foundry visit", "A morning on the shop floor with the apprentices, from pattern to casting."),
        ("masterclass", "Materials masterclass", "Why steel, why titanium? Testing materials to destruction in the lab."),
        ("project", "Design-and-make challenge launch", "Teams from each school meet their employer brief for the year."),
        ("work_taster", "Advanced machining taster", "A day with CNC machinists, programming and running a part."),
        ("skills_workshop", "Presenting to engineers", "Planning and rehearsing the project pitch with employer volunteers."),
        ("workplace_visit", "Automation line visit", "Robots, sensors and the people who keep a production line running."),
        ("project", "Design-and-make showcase", "Teams present their prototypes to the senior employers."),
        ("celebration", "Ambassadors' celebration evening", "Families, schools and employers celebrate the year's work."),
    ),
)

HEALTH = Plan(
    title="Health and care ambassadors",
    theme=Cohort.Theme.HEALTH,
    description=("A programme with the city's hospitals and care providers: meet the many people who keep a hospital "
                 "running, from nurses and radiographers to engineers and porters, and take part in real projects."),
    sic_sections=("Q",),
    schools=3, places=18, majority_sex="F", applied_majority_share=0.74, selected_minority_share=0.40,
    statements=(
        "I want to be a nurse and I would like to see what the job is really like on a ward.",
        "I volunteer at my nan's care home and I would like to learn more about careers in care.",
        "I am interested in physiotherapy because of my football injury and the people who helped me.",
        "I love biology and want to know about jobs in hospitals that are not just being a doctor.",
        "I want to help people and I think a career in health could suit me.",
        "I am curious about how hospital labs test samples and want to see it for myself.",
    ),
    activities=(
        ("workplace_visit", "Behind the scenes at the hospital", "Pharmacy, the labs, estates and the emergency department."),
        ("masterclass", "Clinical skills masterclass", "Taking a pulse, blood pressure and hand hygiene with the nurse educators."),
        ("work_taster", "Care home taster afternoon", "Time with residents and care workers, and what a care career involves."),
        ("project", "Healthy schools project", "Ambassadors plan a health campaign for younger pupils with NHS staff."),
        ("skills_workshop", "Communication in care", "Listening and explaining clearly, practised with simulated patients."),
        ("celebration", "Ambassadors' presentation day", "Ambassadors present their project to the trust's board."),
    ),
)

WITHDRAWAL_REASONS = (
    "Moved to a school outside the city.",
    "Wants to concentrate on GCSE exams this year.",
    "Has started a part-time job on the days the activities run.",
    "Decided the sector is not for them after the first visits.",
)


def _aware(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _pick_schools(partnership, plan: Plan, taken: set[int], rng: random.Random) -> list[School]:
    with_pupils = (YoungPerson.objects.filter(school__partnership=partnership, year_group__in=YEAR_GROUPS)
                   .values_list("school_id", flat=True).distinct())
    schools = list(School.objects.filter(partnership=partnership, pk__in=with_pupils).order_by("urn"))
    fresh = [s for s in schools if s.pk not in taken]
    rng.shuffle(fresh)
    chosen = fresh[:plan.schools]
    if len(chosen) < plan.schools:  # a small city: a school may be in both cohorts
        chosen += [s for s in schools if s not in chosen][: plan.schools - len(chosen)]
    return sorted(chosen, key=lambda s: s.urn)


def _pick_employers(partnership, plan: Plan, count: int, rng: random.Random) -> list[Employer]:
    employers = list(Employer.objects.filter(partnership=partnership).order_by("-is_cornerstone", "name"))
    in_sector = [e for e in employers if e.sic_section in plan.sic_sections]
    pool = in_sector + [e for e in employers if e not in in_sector]
    # Cornerstone employers in the sector first, then the rest of the sector in a shuffled order.
    head = [e for e in pool if e.is_cornerstone and e.sic_section in plan.sic_sections]
    tail = [e for e in pool if e not in head]
    rng.shuffle(tail)
    chosen = (head + tail)[:count]
    while chosen and len(chosen) < count:  # a small city may have fewer employers than schools
        chosen.append(chosen[len(chosen) % len(chosen)])
    return chosen


def _choose(rng: random.Random, people: list, count: int) -> list:
    return rng.sample(people, min(count, len(people)))


def _build_cohort(*, partnership, plan: Plan, today: date, rng: random.Random, taken: set[int], hub_user,
                  running: bool) -> dict:
    schools = _pick_schools(partnership, plan, taken, rng)
    if not schools:
        return {}
    taken.update(s.pk for s in schools)
    employers = _pick_employers(partnership, plan, len(schools), rng)
    if not employers:
        return {}
    if running:  # chosen last spring, running since the autumn
        opens, closes = today - timedelta(days=150), today - timedelta(days=110)
        starts = today - timedelta(days=75)
        status = Cohort.Status.RUNNING
    else:  # applications have just closed and the panel is at work
        opens, closes = today - timedelta(days=45), today - timedelta(days=5)
        starts = today + timedelta(days=40)
        status = Cohort.Status.SELECTING
    cohort = Cohort.objects.create(
        partnership=partnership, title=f"{plan.title} {starts.year} to {starts.year + 2}", theme=plan.theme,
        description=plan.description, year_group_from=YEAR_GROUPS[0], year_group_to=YEAR_GROUPS[-1], places=plan.places,
        applications_open_on=opens, applications_close_on=closes, starts_on=starts,
        ends_on=starts + timedelta(days=640), status=status, created_by=hub_user,
    )
    contacts = {}
    for contact in EmployerContact.objects.filter(employer__in=employers).order_by("-is_primary", "name"):
        contacts.setdefault(contact.employer_id, contact)
    CohortSchool.objects.bulk_create([
        CohortSchool(cohort=cohort, school=school, employer=employer, lead_contact=contacts.get(employer.pk))
        for school, employer in zip(schools, employers)
    ])

    # The panel: the hub's staff who set it up and the senior employers' people on the platform.
    panel_users = list(dict.fromkeys(
        [hub_user] + [a.user for a in RoleAssignment.objects.filter(
            role=Role.EMPLOYER_CONTACT, employer__in=employers).select_related("user").order_by("user__username")[:2]]
    ))
    PanelMember.objects.bulk_create([PanelMember(cohort=cohort, user=u, added_by=hub_user) for u in panel_users if u is not None])

    # Applications: the sector's imbalance, from every school in the cohort.
    pool = list(YoungPerson.objects.filter(school__in=schools, year_group__in=YEAR_GROUPS).order_by("school__urn", "upn"))
    majority = [yp for yp in pool if yp.sex == plan.majority_sex]
    minority = [yp for yp in pool if yp.sex not in (plan.majority_sex, YoungPerson.Sex.NOT_KNOWN)]
    unknown = [yp for yp in pool if yp.sex == YoungPerson.Sex.NOT_KNOWN]
    wanted = min(len(pool), round(plan.places * rng.uniform(2.0, 2.6)))
    applied_majority = _choose(rng, majority, round(wanted * plan.applied_majority_share))
    applied_minority = _choose(rng, minority, wanted - len(applied_majority))
    applied_unknown = _choose(rng, unknown, 1)
    applicants = applied_majority + applied_minority + applied_unknown
    places = min(plan.places, max(1, len(applicants) // 2))
    # The panel's selection partly corrects the imbalance: more of the fewer applicants are chosen.
    chosen_minority = _choose(rng, applied_minority, round(places * plan.selected_minority_share))
    chosen_majority = _choose(rng, applied_majority + applied_unknown, places - len(chosen_minority))
    if not running:  # the panel has not filled every place yet
        chosen_majority = chosen_majority[: max(0, len(chosen_majority) - 2)]
    chosen = {yp.pk for yp in chosen_minority + chosen_majority}
    decided_at = _aware(closes + timedelta(days=12))
    applications = []
    for yp in sorted(applicants, key=lambda p: (p.school_id, p.upn)):
        application = CohortApplication(
            cohort=cohort, young_person=yp, statement=rng.choice(plan.statements), submitted_by_id=yp.user_id,
            school_support=(rng.choice(("Reliable and curious; a regular at the STEM club.",
                                        "Has grown in confidence this year and would gain a great deal.",
                                        "Helps younger pupils as a reading mentor."))
                            if rng.random() < 0.35 else ""),
        )
        if yp.pk in chosen:
            application.status, application.shortlisted_at, application.decided_at = "selected", decided_at, decided_at
            application.decided_by = hub_user
        elif running:
            shortlisted = rng.random() < 0.3
            application.status = "not_selected"
            application.shortlisted_at = decided_at if shortlisted else None
            application.decided_at, application.decided_by = decided_at, hub_user
        elif rng.random() < 0.35:
            application.status, application.shortlisted_at = "shortlisted", decided_at
        applications.append(application)
    CohortApplication.objects.bulk_create(applications)
    applications = list(cohort.applications.select_related("young_person").order_by("young_person__upn"))

    # Withdrawals, with reasons: two ambassadors of the running cohort, one applicant of the other.
    if running:
        leaving = _choose(rng, [a for a in applications if a.status == "selected"], 2)
    else:
        leaving = _choose(rng, [a for a in applications if a.status in ("applied", "shortlisted")], 1)
    for application in leaving:
        application.status = "withdrawn"
        application.withdrawal_reason = rng.choice(WITHDRAWAL_REASONS)
        application.withdrawn_at = _aware(max(closes, min(today, starts + timedelta(days=rng.randint(10, 60)))))
    CohortApplication.objects.bulk_update(leaving, ["status", "withdrawal_reason", "withdrawn_at"])

    # The menu of activities, spread over the programme; attendance for those already held.
    span = (starts + timedelta(days=560) - starts).days
    activities = []
    for i, (kind, title, description) in enumerate(plan.activities):
        day = starts + timedelta(days=round(span * i / max(1, len(plan.activities) - 1)) + rng.randint(0, 6))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        activities.append(CohortActivity(cohort=cohort, title=title, occurs_on=day, kind=kind, description=description,
                                         created_by=hub_user))
    CohortActivity.objects.bulk_create(activities)
    held = [a for a in cohort.activities.order_by("occurs_on", "pk") if a.occurs_on <= today]
    ambassadors = [a for a in applications if a.status == "selected"]
    withdrawn_ambassadors = leaving if running else []
    attendance = []
    for activity in held:
        for ambassador in ambassadors + withdrawn_ambassadors:
            if ambassador.withdrawn_at and ambassador.withdrawn_at.date() < activity.occurs_on:
                continue
            attendance.append(ActivityAttendance(activity=activity, application=ambassador,
                                                 attended=rng.random() < 0.86, recorded_by=hub_user))
    ActivityAttendance.objects.bulk_create(attendance)
    return {"cohort": cohort, "applications": len(applications), "selected": len(ambassadors),
            "withdrawn": len(leaving), "activities": len(activities), "attendance": len(attendance)}


def load_demo_cohorts(*, partnership, today: date, rng: random.Random) -> list[dict]:
    """Create the two demo cohorts in the partnership. Returns a summary of each."""
    hub = (RoleAssignment.objects.filter(partnership=partnership, role__in=[str(r) for r in HUB_STAFF])
           .select_related("user").order_by("role", "user__username").first())
    hub_user = hub.user if hub else None
    taken: set[int] = set()
    made = []
    for plan, running in ((ENGINEERING, True), (HEALTH, False)):
        summary = _build_cohort(partnership=partnership, plan=plan, today=today, rng=rng, taken=taken,
                                hub_user=hub_user, running=running)
        if summary:
            made.append(summary)
    return made
