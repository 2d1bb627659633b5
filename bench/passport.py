"""Time the skills passport pages on the database already loaded, with passports seeded at volume.

    .venv/bin/python bench/passport.py [--people 20000] [--per-person 3] [--busy 40] [--requests 200]
                                       [--pdf-requests 5] [--keep]

Uses the configured database: DATABASE_URL, or the SQLite file named by CAREERSHUB_SQLITE. Load a demo
city first (`careershub demo --size region --seed 2026`, or city size), as for bench/gap_analysis.py.

Seeding: installs the demo skills framework for the demo partnership if it has none approved, then
gives --people young people of the partnership --per-person pieces of evidence each (two thirds
endorsed with a signed credential, the rest waiting for the employer), and the demo young person
(the first young person with an account) a busy passport of --busy pieces across the eight skills,
half of them sent to one employer so that its contact's queue is long. Seeded evidence is titled
"Bench: …" and deleted at the end unless --keep.

Each request goes through Django's test Client (middleware, session, view, template; no network or
server), after a few warm-up requests. Prints the load average, the data's size, then per variant the
median and p95 time in milliseconds and the queries per request.
"""
import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from dashboard import hub_manager, p95, time_requests  # noqa: E402  (bench/dashboard.py, beside this script)
from careershub.accounts.models import RoleAssignment  # noqa: E402
from careershub.accounts.roles import Role  # noqa: E402
from careershub.network.models import Employer  # noqa: E402
from careershub.passport import credentials, keys, services, signing  # noqa: E402
from careershub.passport.models import Credential, Evidence, SkillLevel  # noqa: E402
from careershub.passport.shipped import ensure_demo_framework  # noqa: E402
from careershub.young_people.models import YoungPerson  # noqa: E402

PREFIX = "Bench: "
BATCH = 2000


def _evidence(young_person, level, employer, n, status, now):
    return Evidence(
        young_person=young_person, skill_level=level, title=f"{PREFIX}activity {n}",
        description="Worked with the team on the stock check and kept a record of what we found.",
        reflection="Agreeing who does what first saves time later.",
        occurred_on=date(2026, 2, 1) + timedelta(days=n % 200), status=status,
        endorser_kind=Evidence.EndorserKind.EMPLOYER, endorser_employer=employer,
        submitted_at=now, decided_at=now if status == Evidence.Status.ENDORSED else None,
    )


def seed(partnership, manager, *, people: int, per_person: int, busy: int):
    """Evidence and credentials at volume; returns (the busy young person, the busy employer's contact)."""
    framework = ensure_demo_framework(partnership, manager)
    levels = list(SkillLevel.objects.filter(skill__framework=framework).select_related("skill__framework__partnership"))
    employers = list(Employer.objects.filter(partnership=partnership).order_by("pk")[:200])
    contact = (RoleAssignment.objects.filter(role=Role.EMPLOYER_CONTACT, employer__partnership=partnership,
                                             user__is_active=True).select_related("user", "employer").order_by("pk").first())
    busy_person = YoungPerson.objects.filter(school__partnership=partnership, user__isnull=False).order_by("pk").first()
    others = list(YoungPerson.objects.filter(school__partnership=partnership).exclude(pk=busy_person.pk)
                  .select_related("school").order_by("pk")[:people])
    now = timezone.now()
    signing_key, seed_bytes = keys.signing_key_for(partnership)
    rows = []
    for i, young_person in enumerate(others):
        for j in range(per_person):
            n = i * per_person + j
            status = Evidence.Status.ENDORSED if n % 3 else Evidence.Status.SUBMITTED
            rows.append(_evidence(young_person, levels[n % len(levels)], employers[n % len(employers)], n, status, now))
    for j in range(busy):
        status = Evidence.Status.SUBMITTED if j % 2 else Evidence.Status.ENDORSED
        rows.append(_evidence(busy_person, levels[(j * 7) % len(levels)], contact.employer, j, status, now))
    with transaction.atomic():
        created = Evidence.objects.bulk_create(rows, batch_size=BATCH)
        endorsed = [e for e in created if e.status == Evidence.Status.ENDORSED]
        level_by_pk = {lv.pk: lv for lv in levels}
        issued = []
        for evidence in endorsed:
            evidence.skill_level = level_by_pk[evidence.skill_level_id]
            document = credentials.build_document(evidence, credential_uuid=uuid.uuid4(),
                                                  issued_at=now, short_name="Bench Y.", endorsed_by=contact.employer.name)
            issued.append(Credential(evidence=evidence, uuid=document["id"].removeprefix("urn:uuid:"),
                                     signing_key=signing_key, document=signing.sign(document, seed_bytes, created=now),
                                     issued_at=now))
        Credential.objects.bulk_create(issued, batch_size=BATCH)
    return busy_person, contact.user, len(created), len(issued)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--per-person", type=int, default=3)
    parser.add_argument("--busy", type=int, default=40)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pdf-requests", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the seeded evidence afterwards")
    args = parser.parse_args(argv)
    manager = hub_manager(None)
    partnership = manager.assignments_for(Role.HUB_MANAGER)[0].partnership
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    busy_person, endorser, made, issued = seed(partnership, manager, people=args.people, per_person=args.per_person,
                                               busy=args.busy)
    print(f"seeded {made} pieces of evidence and {issued} signed credentials in {time.perf_counter() - started:.1f} s")
    print(f"data: {YoungPerson.objects.filter(school__partnership=partnership).count()} young people, "
          f"{Evidence.objects.count()} pieces of evidence, {Credential.objects.count()} credentials; "
          f"the measured passport has {Evidence.objects.filter(young_person=busy_person).count()} pieces")
    _, token = services.share_link_create(acting_user=busy_person.user, young_person=busy_person, period="1w")
    young, staff, employer = Client(), Client(), Client()
    young.force_login(busy_person.user)
    staff.force_login(manager)
    employer.force_login(endorser)
    pages = [
        ("passport (young person)", young, "/passport/"),
        ("passport (hub manager)", staff, f"/passport/young-people/{busy_person.pk}/"),
        ("passport API", staff, f"/api/passport/young-people/{busy_person.pk}"),
        ("endorser's queue", employer, "/passport/endorsements/"),
        ("shared page", Client(), f"/passport/shared/{token}/"),
    ]
    try:
        print(f"{args.requests} requests per page, {args.pdf_requests} for the PDF, after warm-up")
        print(f"{'variant':<26}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
        for name, client, url in pages:
            samples, queries = time_requests(client, url, args.requests)
            print(f"{name:<26}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
        samples, queries = time_requests(staff, f"/passport/young-people/{busy_person.pk}/passport.pdf",
                                         args.pdf_requests, warm_up=1)
        print(f"{'passport PDF':<26}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
    finally:
        if not args.keep:
            Evidence.objects.filter(title__startswith=PREFIX).delete()
            busy_person.passport_share_links.all().delete()


if __name__ == "__main__":
    main()
