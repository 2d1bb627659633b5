"""Time the hub dashboard for a hub manager on the database already loaded.

    .venv/bin/python bench/dashboard.py [--requests 200] [--username demo.hub.manager]

Uses the configured database: DATABASE_URL, or the SQLite file named by CAREERSHUB_SQLITE
(var/careershub.sqlite3 by default). Load it first, for example:

    CAREERSHUB_SQLITE=var/bench.sqlite3 .venv/bin/careershub migrate
    CAREERSHUB_SQLITE=var/bench.sqlite3 .venv/bin/careershub demo --size city --seed 2026
    CAREERSHUB_SQLITE=var/bench.sqlite3 .venv/bin/python bench/dashboard.py

Each request goes through Django's test Client (middleware, session, view, template; no network or
server), after a few warm-up requests. Prints the data's size, then per variant (the page, one CSV
download, the JSON endpoint) the median and p95 time in milliseconds and the queries per request.

``--synthetic N`` first fills an empty database with a synthetic partnership of N schools (fixed
seed) for when no demo city is at hand; it refuses to touch a database that already has schools.
"""
import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from careershub.accounts.models import RoleAssignment, User  # noqa: E402
from careershub.accounts.roles import Role  # noqa: E402
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser  # noqa: E402
from careershub.network.models import Employer, School  # noqa: E402

VARIANTS = [
    ("page", "/network/dashboard/"),
    ("csv", "/network/dashboard/?format=csv&figure=engagement"),
    ("api", "/api/network/dashboard"),
]


def hub_manager(username: str | None) -> User:
    users = User.objects.filter(role_assignments__role=Role.HUB_MANAGER, is_active=True)
    if username:
        users = users.filter(username=username)
    user = users.order_by("pk").first()
    if user is None:
        sys.exit(f"No active hub manager{' called ' + username if username else ''} in this database.")
    return user


def time_requests(client: Client, url: str, requests: int, warm_up: int = 5) -> tuple[list[float], int]:
    for _ in range(warm_up):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries.captured_queries)  # read now: the next request clears the log
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, query_count


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94] if len(samples) > 1 else samples[0]


def synthetic(schools: int, seed: int = 2026) -> None:
    """A partnership shaped like the seed hub: four area hubs, about 73% of schools engaged, 3% declined,
    four employers per school, one adviser per 1.4 schools, 12 cornerstone employers."""
    from django.db import transaction

    from careershub.network.models import AreaHub, GrowthSector, Partnership

    if School.objects.exists():
        sys.exit("--synthetic fills an empty database; this one already has schools.")
    rng = random.Random(seed)
    with transaction.atomic():
        partnership = Partnership.objects.create(name="Synthetic Careers Hub", slug="synthetic-bench")
        hubs = [AreaHub.objects.create(partnership=partnership, name=f"Area hub {n}") for n in range(1, 5)]
        for priority, (section, label) in enumerate([("C", "Advanced manufacturing"), ("Q", "Health and social care"),
                                                     ("J", "Digital"), ("F", "Construction")], start=1):
            GrowthSector.objects.create(partnership=partnership, sic_section=section, label=label, priority=priority)
        statuses = rng.choices(["engaged", "target", "declined"], weights=[73, 24, 3], k=schools)
        school_rows = School.objects.bulk_create([
            School(partnership=partnership, area_hub=hubs[n % 4], urn=f"{200000 + n}", name=f"School {n}", status=statuses[n])
            for n in range(schools)
        ])
        employers = Employer.objects.bulk_create([
            Employer(partnership=partnership, name=f"Employer {n}", sic_section=rng.choice("ACFGHJKMNPQRS"),
                     size_band=rng.choice(["micro", "small", "medium", "large"]), is_cornerstone=n < 12)
            for n in range(schools * 4)
        ])
        advisers = EnterpriseAdviser.objects.bulk_create([
            EnterpriseAdviser(partnership=partnership, employer=employers[n], name=f"Adviser {n}",
                              email=f"adviser{n}@example.org", area_hub=hubs[n % 4])
            for n in range(int(schools / 1.4))
        ])
        engaged = [s for s in school_rows if s.status == "engaged"]
        AdviserMatch.objects.bulk_create([
            AdviserMatch(adviser=a, school=s, started_on="2026-09-01", explanation="Synthetic")
            for a, s in zip(advisers, engaged)
        ])
        manager = User.objects.create_user(username="bench.hub.manager", password=None)
        RoleAssignment.objects.create(user=manager, role=Role.HUB_MANAGER, partnership=partnership)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--username", help="the hub manager to sign in as (default: the first)")
    parser.add_argument("--synthetic", type=int, metavar="SCHOOLS", help="fill an empty database first")
    args = parser.parse_args()
    if args.synthetic:
        synthetic(args.synthetic)
    user = hub_manager(args.username)
    client = Client()
    client.force_login(user)
    try:
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"data: {School.objects.count()} schools, {Employer.objects.count()} employers, "
              f"{EnterpriseAdviser.objects.count()} advisers, {AdviserMatch.objects.count()} matches")
        print(f"hub manager: {user.username}; {args.requests} requests per variant after 5 warm-up")
        print(f"{'variant':<8}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
        for name, url in VARIANTS:
            samples, queries = time_requests(client, url, args.requests)
            print(f"{name:<8}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
    finally:
        client.logout()


if __name__ == "__main__":
    main()
