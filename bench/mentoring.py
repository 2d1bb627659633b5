"""Time the mentors' caseload dashboards on a demo city with mentoring at realistic volumes.

    .venv/bin/python bench/mentoring.py [--requests 200] [--mentors 40] [--caseload 20] [--providers 8]

Uses the configured database: DATABASE_URL, or the SQLite file named by CAREERSHUB_SQLITE
(var/careershub.sqlite3 by default). Load a demo city first, for example on PostgreSQL:

    createdb -h 127.0.0.1 -U postgres careershub_mentoring_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/careershub_mentoring_bench
    .venv/bin/careershub migrate --no-input -v0
    .venv/bin/careershub demo --size region --seed 2026
    .venv/bin/python bench/mentoring.py --requests 200
    dropdb -h 127.0.0.1 -U postgres careershub_mentoring_bench

On a city without the benchmark's mentoring yet, it first loads the demo's mentoring if the demo
did not (careershub.mentoring.demo: the demo mentor's caseload of 15) and then, from a fixed seed, a region's worth on top: the mentoring
charity grows to ``--mentors`` mentors serving 30 schools and ``--providers`` more mentoring providers
each get as many, every mentor with ``--caseload`` young people (consented; a parent's consent for
those under 16), a fortnightly after-school group session per school and a one-to-one every other
week over the last twelve weeks and the next two, attendance, notes and goals, plus referrals waiting
for consent and for a mentor. Each request goes through Django's test Client (middleware, session,
view, template; no network or server) after warm-up requests. Prints the load average and the data's
size, then per variant the median and p95 time in milliseconds and the queries per request.
"""
import argparse
import os
import random
import statistics
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from dashboard import p95, time_requests  # noqa: E402  (bench/dashboard.py, beside this script)
from careershub.accounts.models import RoleAssignment, User  # noqa: E402
from careershub.accounts.roles import Role  # noqa: E402
from careershub.mentoring.demo import load_demo_mentoring  # noqa: E402
from careershub.mentoring.models import (  # noqa: E402
    Consent,
    Goal,
    MentoringSession,
    Referral,
    SessionAttendee,
    SessionNote,
)
from careershub.mentoring.selectors import birthday_cutoff  # noqa: E402
from careershub.network.models import Partnership, Provider, School  # noqa: E402
from careershub.young_people.models import YoungPerson  # noqa: E402

PREFIX = "bench.mentoring."
WEEKS_BACK = 12


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def seed_provider(provider: Provider, *, partnership, schools: list[School], mentors: int, caseload: int, today: date,
                  rng: random.Random, existing_mentors: list[User] = ()) -> None:
    """Mentors, consented caseloads, sessions with attendance and notes, goals and waiting referrals."""
    Provider.schools_served.through.objects.bulk_create(
        [Provider.schools_served.through(provider_id=provider.pk, school_id=s.pk) for s in schools], ignore_conflicts=True)
    made = User.objects.bulk_create([
        User(username=f"{PREFIX}{provider.pk}.mentor.{n}", first_name=f"Mentor{n}", last_name=provider.name[:20],
             password="!bench")
        for n in range(mentors - len(existing_mentors))
    ])
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, role=Role.MENTOR, partnership=partnership, provider=provider)
                                        for u in made])
    team = list(existing_mentors) + made
    taken = set(Referral.objects.values_list("young_person_id", flat=True))
    pool = [yp for yp in YoungPerson.objects.filter(school__in=schools, year_group__in=(9, 10, 11, 12)).order_by("pk")
            if yp.pk not in taken]
    rng.shuffle(pool)
    need = mentors * caseload + mentors * 2
    pool = pool[:need]
    accounts = User.objects.bulk_create([User(username=f"{PREFIX}yp.{yp.pk}", password="!bench") for yp in pool
                                         if yp.user_id is None], batch_size=1000)
    by_name = {u.username: u for u in accounts}
    for yp in pool:
        if yp.user_id is None:
            yp.user_id = by_name[f"{PREFIX}yp.{yp.pk}"].pk
    YoungPerson.objects.bulk_update(pool, ["user"], batch_size=1000)
    cutoff = birthday_cutoff(today)
    under_16 = [yp for yp in pool if yp.date_of_birth > cutoff]
    parents = User.objects.bulk_create([User(username=f"{PREFIX}parent.{yp.pk}", password="!bench") for yp in under_16],
                                       batch_size=1000)
    parent_of = {yp.pk: p.pk for yp, p in zip(under_16, parents)}

    referrals = []
    for n, yp in enumerate(pool):
        active = n < mentors * caseload
        referred = today - timedelta(days=rng.randint(90, 120) if active else rng.randint(2, 20))
        referrals.append(Referral(
            young_person=yp, provider=provider, referred_on=referred, reason=rng.choice(Referral.Reason.values[:4]),
            status=Referral.Status.ACTIVE if active else Referral.Status.OPEN,
            mentor=team[n % mentors] if active else None, accepted_on=referred + timedelta(days=7) if active else None))
    referrals = Referral.objects.bulk_create(referrals, batch_size=1000)
    consents = []
    for n, r in enumerate(referrals):
        if n >= mentors * caseload and n % 2:
            continue  # half the waiting referrals still wait for consent
        given = _aware(r.referred_on + timedelta(days=2), time(18))
        consents.append(Consent(referral=r, given_by_id=r.young_person.user_id, capacity="young_person", given_at=given))
        if r.young_person_id in parent_of:
            consents.append(Consent(referral=r, given_by_id=parent_of[r.young_person_id], capacity="parent", given_at=given))
    Consent.objects.bulk_create(consents, batch_size=2000)

    active = referrals[:mentors * caseload]
    sessions, members = [], []
    start = today - timedelta(days=today.weekday() + 7 * WEEKS_BACK)
    for m_index, mentor in enumerate(team):
        mine = active[m_index::mentors]
        by_school = {}
        for r in mine:
            by_school.setdefault(r.young_person.school_id, []).append(r)
        for week in range(WEEKS_BACK + 2):
            monday = start + timedelta(weeks=week)
            for group in by_school.values():
                if week % 2 == 0 and len(group) > 1:
                    sessions.append(MentoringSession(provider=provider, mentor=mentor, kind="group",
                                                     date=monday + timedelta(days=1), starts_at=time(15, 30),
                                                     ends_at=time(16, 30), where="at_school", place="Careers room",
                                                     aims="Group session"))
                    members.append(group)
            for r in mine:
                if (week + r.pk) % 2 == 0:
                    sessions.append(MentoringSession(provider=provider, mentor=mentor, kind="one_to_one",
                                                     date=monday + timedelta(days=rng.randint(0, 4)), starts_at=time(10),
                                                     ends_at=time(10, 45), where="at_school", place="Pastoral room",
                                                     aims="One-to-one"))
                    members.append([r])
    for s in sessions:
        s.status = "held" if s.date < today else "scheduled"
    saved = MentoringSession.objects.bulk_create(sessions, batch_size=2000)
    attendees, notes = [], []
    for session, group in zip(saved, members):
        for r in group:
            past = session.status == "held"
            attended = past and rng.random() < 0.85
            attendees.append(SessionAttendee(session=session, referral=r,
                                             attendance="attended" if attended else "absent" if past else "expected"))
            if attended and session.kind == "one_to_one":
                notes.append(SessionNote(session=session, referral=r, author_id=session.mentor_id, body="Progress noted.",
                                         written_at=_aware(session.date, time(17))))
    SessionAttendee.objects.bulk_create(attendees, batch_size=5000)
    SessionNote.objects.bulk_create(notes, batch_size=5000)
    Goal.objects.bulk_create([Goal(referral=r, text=f"Goal {k}", agreed_on=r.accepted_on, created_by_id=r.mentor_id)
                              for r in active for k in (1, 2)], batch_size=5000)


def seed(args) -> None:
    partnership = Partnership.objects.get(slug="demo-riverford")
    today = timezone.localdate()
    rng = random.Random(2026)
    started = clock.perf_counter()
    with transaction.atomic():
        if not Referral.objects.exists():  # the demo loads its own mentoring; older builds did not
            load_demo_mentoring(partnership=partnership, today=today, rng=rng)
        charity = Provider.objects.get(staff_roles__user__username="demo.mentor", staff_roles__role=Role.MENTOR)
        existing = list(User.objects.filter(role_assignments__role=Role.MENTOR, role_assignments__provider=charity)
                        .order_by("pk"))
        schools = list(School.objects.filter(partnership=partnership).order_by("pk"))
        rng.shuffle(schools)
        # The demo mentor keeps their caseload of 15; colleagues join to make up the charity's team.
        seed_provider(charity, partnership=partnership, schools=schools[:30], mentors=args.mentors, caseload=args.caseload,
                      today=today, rng=rng, existing_mentors=[u for u in existing if u.username != "demo.mentor"])
        for n in range(args.providers):
            provider = Provider.objects.create(partnership=partnership, name=f"Bench Mentoring {n + 1}",
                                               kind=Provider.Kind.COMMUNITY_ORGANISATION)
            seed_provider(provider, partnership=partnership, schools=schools[30 + 30 * n:60 + 30 * n], mentors=args.mentors,
                          caseload=args.caseload, today=today, rng=rng)
    # Fresh planner statistics, as autovacuum would gather after a bulk load: without them PostgreSQL
    # guesses that a young person has at most one session and scans every session for the next one.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded mentoring in {clock.perf_counter() - started:.1f} s (ANALYZE included)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--mentors", type=int, default=40, help="mentors per provider")
    parser.add_argument("--caseload", type=int, default=20, help="young people per mentor")
    parser.add_argument("--providers", type=int, default=8, help="mentoring providers besides the demo's charity")
    args = parser.parse_args(argv)
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if not User.objects.filter(username__startswith=PREFIX).exists():
        seed(args)
    demo_mentor = User.objects.get(username="demo.mentor")
    busy = (User.objects.filter(username__startswith=PREFIX, role_assignments__role=Role.MENTOR)
            .order_by("pk").first()) or demo_mentor
    print(f"data: {School.objects.count()} schools, {YoungPerson.objects.count()} young people, "
          f"{Referral.objects.count()} referrals ({Referral.objects.filter(status='active').count()} active), "
          f"{MentoringSession.objects.count()} sessions, {SessionAttendee.objects.count()} attendances, "
          f"{SessionNote.objects.count()} notes, {Goal.objects.count()} goals, "
          f"{User.objects.filter(role_assignments__role=Role.MENTOR).count()} mentors")
    variants = [
        (demo_mentor, "caseload (demo mentor, 15)", "/mentoring/caseload/"),
        (busy, f"caseload ({args.caseload})", "/mentoring/caseload/"),
        (busy, "caseload, 7 days", "/mentoring/caseload/?days=7"),
        (busy, "provider dashboard", "/mentoring/provider/"),
        (busy, "api caseload", "/api/mentoring/caseload"),
    ]
    print(f"{args.requests} requests per variant, after warm-up")
    print(f"{'variant':<28}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for user, name, url in variants:
        client = Client()
        client.force_login(user)
        samples, queries = time_requests(client, url, args.requests)
        print(f"{name:<28}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
        client.logout()


if __name__ == "__main__":
    main()
