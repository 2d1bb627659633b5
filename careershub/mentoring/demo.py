"""Mentoring in the demo city: the mentoring charity works with a handful of schools, their careers
leaders refer young people (most at risk of NEET or unsure what to do next), the young people and,
under 16, their parents consent, and four mentors each carry a caseload they see in group sessions
after school and one-to-ones in school time, working towards goals they agree.

``load_demo_mentoring(partnership=..., today=..., rng=random.Random(seed))`` writes it all with bulk
inserts, the same rows for the same city, seed and day. The demo mentor (``demo.mentor``) has about 15
young people, three of them not seen for more than three weeks; one note raises a safeguarding concern.
Young people and parents who consent need accounts, so the mentored young people (and the parents of
those under 16) get accounts with unusable passwords, named ``demo.mentoring.…`` so the demo's
clearing removes them with the rest.
"""
from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from careershub.accounts.models import RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.network.models import Provider, School
from careershub.young_people.models import ParentLink, YoungPerson

from .models import (
    Consent,
    Goal,
    MentoringSession,
    ProviderSafeguardingLead,
    Referral,
    SchoolSafeguardingLead,
    SessionAttendee,
    SessionNote,
)
from .selectors import needs_parental_consent

DEMO_MENTOR = "demo.mentor"
USERNAME_PREFIX = "demo.mentoring."
EMAIL_SUFFIX = ".example"
CASELOAD = {"demo": 15, "colleague": 12}
NOT_SEEN = 3  # of the demo mentor's caseload, not seen for more than three weeks
WEEKS_BACK = 9
COLLEAGUES = [("Tendai", "Moyo"), ("Grace", "O'Neill"), ("Imran", "Qureshi")]
SAFEGUARDING_LEAD = ("Rachel", "Dunmore")
REASONS = [("at_risk_of_neet", 5), ("no_idea_next", 5), ("low_confidence", 4), ("low_attendance", 3),
           ("send_transition", 2)]
DETAILS = {
    "at_risk_of_neet": "Attendance has dropped since year 10 and no post-16 application yet.",
    "no_idea_next": "Capable but says they have no idea what to do after year 11.",
    "low_confidence": "Very quiet in class; would benefit from someone outside school to talk to.",
    "low_attendance": "Attendance below 85% this term; the family are supportive of mentoring.",
    "send_transition": "EHC plan; needs help preparing for the move to college.",
}
AIMS_GROUP = ["Getting to know each other: what matters to you", "Jobs in our area: who works where",
              "Strengths and skills: what are you good at?", "Colleges, sixth forms and apprenticeships",
              "Practising introductions for the employer visit", "Writing a first CV together"]
AIMS_ONE = ["Your motivations and what you enjoy", "Choosing post-16 options", "Working on your CV",
            "Preparing for a college interview", "Checking in: how school is going", "Review of goals"]
NOTES = ["Engaged well; talked about enjoying art and wanting to work with people.",
         "Quieter today. Agreed to look at two college websites before next time.",
         "Good progress on the CV; needs a reference from a teacher.",
         "Talked through apprenticeships; keen on electrical installation.",
         "Worried about exams; we planned a revision timetable together.",
         "Missed the last group session because of a catch-up lesson; rearranged."]
CONCERN = ("Said they are often left to look after younger siblings overnight and are very tired. "
           "Followed the safeguarding procedure and spoke to the school's DSL the same day.")
GOALS = [("Visit two colleges or sixth forms", 60), ("Finish a first CV", 30), ("Apply for a post-16 course", 90),
         ("Go to the apprenticeship fair", 45), ("Get attendance above 90% this half term", 40),
         ("Talk to an employer about their job", 50)]


def _pick_reason(rng: random.Random) -> str:
    return rng.choices([r for r, _ in REASONS], weights=[w for _, w in REASONS])[0]


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def load_demo_mentoring(*, partnership, today: date, rng: random.Random) -> dict:
    """Load the demo's mentoring; returns counts of what was made."""
    mentor = User.objects.filter(username=DEMO_MENTOR, role_assignments__role=Role.MENTOR,
                                 role_assignments__partnership=partnership).first()
    if mentor is None:
        return {}
    provider = Provider.objects.get(staff_roles__user=mentor, staff_roles__role=Role.MENTOR)
    leader = RoleAssignment.objects.filter(user__username="demo.careers.leader", role=Role.CAREERS_LEADER,
                                           partnership=partnership).select_related("school").first()
    home_school = leader.school if leader else School.objects.filter(partnership=partnership).order_by("name").first()
    others = list(School.objects.filter(partnership=partnership, status=School.Status.ENGAGED, area_hub=home_school.area_hub)
                  .exclude(pk=home_school.pk).exclude(school_type=School.Type.SIXTH_FORM_COLLEGE).order_by("name"))
    schools = [home_school] + rng.sample(others, min(3, len(others)))
    Provider.schools_served.through.objects.bulk_create(
        [Provider.schools_served.through(provider_id=provider.pk, school_id=s.pk) for s in schools], ignore_conflicts=True)

    # People: three colleague mentors (one also the charity's safeguarding lead) and the school's DSL.
    # An unusable password (no one signs in as these people), drawn from rng so the rows repeat.
    password = "!" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(40))
    people = [User(username=f"{USERNAME_PREFIX}mentor.{n}", first_name=first, last_name=last, password=password,
                   email=f"{first.lower()}.{last.lower().replace(chr(39), '')}@mentoring{EMAIL_SUFFIX}")
              for n, (first, last) in enumerate(COLLEAGUES, start=1)]
    people.append(User(username=f"{USERNAME_PREFIX}dsl", first_name=SAFEGUARDING_LEAD[0], last_name=SAFEGUARDING_LEAD[1],
                       password=password, email=f"r.dunmore@school{EMAIL_SUFFIX}"))
    people = User.objects.bulk_create(people)
    colleagues, dsl = people[:3], people[3]
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=u, role=Role.MENTOR, partnership=partnership, provider=provider) for u in colleagues]
        + [RoleAssignment(user=dsl, role=Role.TEACHER, partnership=partnership, school=home_school)])
    hub_manager = User.objects.filter(role_assignments__role=Role.HUB_MANAGER,
                                      role_assignments__partnership=partnership).order_by("pk").first()
    ProviderSafeguardingLead.objects.create(provider=provider, user=colleagues[0], appointed_by=hub_manager)
    SchoolSafeguardingLead.objects.create(school=home_school, user=dsl, appointed_by=leader.user if leader else hub_manager)

    # Who is referred: years 9 to 12, disadvantaged young people and those with SEND more often.
    demo_young_person = YoungPerson.objects.filter(user__username="demo.young.person", school__partnership=partnership).first()
    pool = list(YoungPerson.objects.filter(school__in=schools, year_group__in=(9, 10, 11, 12), user__isnull=True)
                .order_by("pk"))
    weights = [1 + 2 * yp.pupil_premium + 2 * (yp.send != YoungPerson.Send.NONE) for yp in pool]
    mentors = [mentor] + colleagues
    wanted = CASELOAD["demo"] - (1 if demo_young_person else 0) + CASELOAD["colleague"] * len(colleagues)
    extra = {"consent": 6, "mentor": 3, "paused": 2, "closed": 4}
    chosen: list[YoungPerson] = []
    seen_ids = set()
    while len(chosen) < min(wanted + sum(extra.values()), len(pool)):
        candidate = rng.choices(pool, weights=weights)[0]
        if candidate.pk not in seen_ids:
            seen_ids.add(candidate.pk)
            chosen.append(candidate)
    # The demo mentor's caseload comes from the demo school first, so the demo's careers leader sees it.
    chosen.sort(key=lambda yp: (yp.school_id != home_school.pk, rng.random()))

    leaders = dict(RoleAssignment.objects.filter(role=Role.CAREERS_LEADER, school__in=schools)
                   .order_by("-pk").values_list("school_id", "user_id"))
    plans = []  # (young person, status, mentor or None, consent state)
    cursor = 0
    for m in mentors:
        size = CASELOAD["demo"] - (1 if demo_young_person and m is mentor else 0) if m is mentor else CASELOAD["colleague"]
        for yp in chosen[cursor:cursor + size]:
            plans.append((yp, Referral.Status.ACTIVE, m, "complete"))
        cursor += size
    if demo_young_person:
        plans.insert(0, (demo_young_person, Referral.Status.ACTIVE, mentor, "complete"))
    for kind, count in extra.items():
        for yp in chosen[cursor:cursor + count]:
            if kind == "consent":
                plans.append((yp, Referral.Status.OPEN, None, rng.choice(["none", "young_only"])))
            elif kind == "mentor":
                plans.append((yp, Referral.Status.OPEN, None, "complete"))
            elif kind == "paused":
                plans.append((yp, Referral.Status.ACTIVE, rng.choice(mentors), "withdrawn"))
            else:
                plans.append((yp, Referral.Status.CLOSED, rng.choice(mentors), "complete"))
        cursor += count

    # Accounts for those who consent: the young people, and a parent of each under 16.
    # Usernames by position (not primary key), so that the same city gives the same rows.
    number = {yp.pk: n for n, (yp, *_) in enumerate(plans, start=1)}
    needing = [yp for yp, *_ in plans if yp.user_id is None]
    accounts = User.objects.bulk_create([
        User(username=f"{USERNAME_PREFIX}yp.{number[yp.pk]}", first_name=yp.first_name, last_name=yp.last_name,
             password=password, email=f"yp{number[yp.pk]}@students{EMAIL_SUFFIX}")
        for yp in needing
    ])
    new_links = []
    for yp, account in zip(needing, accounts):
        yp.user, yp.user_id = account, account.pk
    YoungPerson.objects.bulk_update([yp for yp, *_ in plans], ["user"])
    RoleAssignment.objects.bulk_create([
        RoleAssignment(user=u, role=Role.YOUNG_PERSON, partnership=partnership, school_id=yp.school_id)
        for yp, u in zip(needing, accounts)
    ])
    linked = {link.young_person_id: link.parent_id for link in
              ParentLink.objects.filter(young_person__in=[p[0] for p in plans]).order_by("pk")}
    under_16 = [yp for yp, *_ in plans if needs_parental_consent(yp, today) and yp.pk not in linked]
    parents = User.objects.bulk_create([
        User(username=f"{USERNAME_PREFIX}parent.{number[yp.pk]}", first_name=rng.choice(["Sarah", "Amina", "Joanne", "David",
                                                                               "Mohammed", "Lisa", "Tomasz", "Michelle"]),
             last_name=yp.last_name, password=password, email=f"parent{number[yp.pk]}@home{EMAIL_SUFFIX}")
        for yp in under_16
    ])
    RoleAssignment.objects.bulk_create([RoleAssignment(user=p, role=Role.PARENT_CARER, partnership=partnership)
                                        for p in parents])
    for yp, parent in zip(under_16, parents):
        new_links.append(ParentLink(parent=parent, young_person=yp, relationship="Parent",
                                    linked_by_id=leaders.get(yp.school_id)))
        linked[yp.pk] = parent.pk
    ParentLink.objects.bulk_create(new_links)

    # Referrals and consents.
    referrals = []
    for yp, status, m, _ in plans:
        reason = _pick_reason(rng)
        referred_on = _weekday(today - timedelta(days=rng.randint(70, 110) if status != Referral.Status.OPEN
                                                 else rng.randint(2, 20)))
        referral = Referral(young_person=yp, provider=provider, referred_by_id=leaders.get(yp.school_id),
                            referred_on=referred_on, reason=reason, details=DETAILS[reason], status=status, mentor=m)
        if m is not None:
            referral.accepted_by, referral.accepted_on = mentor, referred_on + timedelta(days=rng.randint(5, 12))
            referral.motivations = rng.choice(["Wants to earn money and help at home", "Wants to make family proud",
                                               "Likes helping people", "Wants a job outdoors"])
            referral.interests = rng.choice(["Football, gaming, cooking", "Drawing and design", "Cars and fixing things",
                                             "Music production", "Looking after animals"])
            referral.strengths = rng.choice(["Reliable and kind", "Good with their hands", "Creative",
                                             "Calm under pressure", "Good at maths"])
        if status == Referral.Status.CLOSED:
            referral.closed_on = today - timedelta(days=rng.randint(3, 20))
            referral.outcome = rng.choice([Referral.Outcome.MOVED_ON, Referral.Outcome.COMPLETED, Referral.Outcome.DISENGAGED])
        referrals.append(referral)
    referrals = Referral.objects.bulk_create(referrals)
    consents = []
    for referral, (yp, _, _, state) in zip(referrals, plans):
        given = _aware(referral.referred_on + timedelta(days=rng.randint(1, 4)), time(18, rng.randint(0, 59)))
        if state in ("complete", "young_only", "withdrawn"):
            consents.append(Consent(referral=referral, given_by_id=yp.user_id, capacity=Consent.Capacity.YOUNG_PERSON,
                                    given_at=given))
        if state in ("complete", "withdrawn") and needs_parental_consent(yp, today):
            consents.append(Consent(referral=referral, given_by_id=linked[yp.pk], capacity=Consent.Capacity.PARENT,
                                    given_at=given + timedelta(hours=20)))
        if state == "withdrawn":
            consents[-1].withdrawn_at = _aware(today - timedelta(days=rng.randint(2, 9)), time(19, 5))
    Consent.objects.bulk_create(consents)

    # Sessions over the last weeks and the next two: a fortnightly after-school group per school and
    # mentor, and one-to-ones in school time or online.
    active = [(r, yp) for r, (yp, status, m, state) in zip(referrals, plans)
              if status == Referral.Status.ACTIVE and state == "complete"]
    unseen = {r.pk for r, yp in [a for a in active if a[0].mentor_id == mentor.pk][1:1 + NOT_SEEN]}
    sessions, members = [], []
    start_week = today - timedelta(days=today.weekday() + 7 * WEEKS_BACK)
    for m in mentors:
        mine = [r for r, _ in active if r.mentor_id == m.pk]
        by_school: dict[int, list] = {}
        for r in mine:
            by_school.setdefault(r.young_person.school_id, []).append(r)
        for week in range(WEEKS_BACK + 2):
            monday = start_week + timedelta(weeks=week)
            for n, (school_id, group) in enumerate(sorted(by_school.items())):
                if week % 2 or len(group) < 2:
                    continue
                day = monday + timedelta(days=1 + n % 3)
                sessions.append(MentoringSession(
                    provider=provider, mentor=m, kind=MentoringSession.Kind.GROUP, date=day, starts_at=time(15, 30),
                    ends_at=time(16, 30), where=MentoringSession.Where.AT_SCHOOL, place="Careers room",
                    aims=AIMS_GROUP[(week // 2) % len(AIMS_GROUP)]))
                members.append([r for r in group if not (r.pk in unseen and day > today - timedelta(days=35))])
            for r in mine:
                if (week + r.pk) % 2:
                    continue
                day = monday + timedelta(days=rng.randint(0, 4))
                if r.pk in unseen and today - timedelta(days=35) < day <= today:
                    continue
                online, late = rng.random() < 0.2, rng.random() < 0.35
                start = time(16, 0) if late else time(rng.choice([9, 10, 11, 13, 14]), rng.choice([0, 30]))
                sessions.append(MentoringSession(
                    provider=provider, mentor=m, kind=MentoringSession.Kind.ONE_TO_ONE, date=day, starts_at=start,
                    ends_at=time(start.hour + (1 if start.minute else 0), 45 if not start.minute else 15),
                    where=MentoringSession.Where.ONLINE if online else MentoringSession.Where.AT_SCHOOL,
                    place="Video call (link sent by email)" if online else "Pastoral room",
                    aims=AIMS_ONE[week % len(AIMS_ONE)]))
                members.append([r])
    kept = [(s, group) for s, group in zip(sessions, members) if group]
    for s, _ in kept:
        s.status = MentoringSession.Status.HELD if s.date <= today else MentoringSession.Status.SCHEDULED
        if s.date == today:
            s.status = MentoringSession.Status.SCHEDULED
    saved = MentoringSession.objects.bulk_create([s for s, _ in kept], batch_size=500)
    attendees, notes = [], []
    concern_raised = False
    for session, (_, group) in zip(saved, kept):
        for r in group:
            past = session.status == MentoringSession.Status.HELD
            attended = past and rng.random() < 0.87
            attendees.append(SessionAttendee(
                session=session, referral=r,
                attendance=(SessionAttendee.Attendance.ATTENDED if attended else SessionAttendee.Attendance.ABSENT)
                if past else SessionAttendee.Attendance.EXPECTED))
            if attended and session.kind == MentoringSession.Kind.ONE_TO_ONE and rng.random() < 0.7:
                concern = (not concern_raised and session.mentor_id == mentor.pk and r.young_person.school_id == home_school.pk
                           and session.date >= today - timedelta(days=14) and r.young_person_id != getattr(demo_young_person, "pk", None))
                concern_raised = concern_raised or concern
                notes.append(SessionNote(session=session, referral=r, author_id=session.mentor_id,
                                         body=CONCERN if concern else rng.choice(NOTES), safeguarding_concern=concern,
                                         written_at=_aware(session.date, time(17, 30))))
    SessionAttendee.objects.bulk_create(attendees, batch_size=1000)
    if not concern_raised and notes:
        notes[-1].body, notes[-1].safeguarding_concern = CONCERN, True
    SessionNote.objects.bulk_create(notes, batch_size=1000)

    goals = []
    for r, _ in active + [(r, None) for r in referrals if r.status == Referral.Status.CLOSED]:
        for text, days in rng.sample(GOALS, rng.randint(2, 3)):
            agreed = r.accepted_on + timedelta(days=rng.randint(7, 20))
            target = agreed + timedelta(days=days)
            progress = (Goal.Progress.ACHIEVED if target < today and rng.random() < 0.6 else
                        Goal.Progress.IN_PROGRESS if agreed < today - timedelta(days=10) else Goal.Progress.NOT_STARTED)
            goals.append(Goal(referral=r, text=text, target_on=target, progress=progress, agreed_on=agreed,
                              created_by_id=r.mentor_id))
    Goal.objects.bulk_create(goals)
    return {"referrals": len(referrals), "sessions": len(saved), "attendances": len(attendees), "notes": len(notes),
            "goals": len(goals), "accounts": len(accounts) + len(parents) + len(people)}
