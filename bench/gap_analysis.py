"""Time the Gatsby Benchmarks gap analysis for a hub manager on the database already loaded.

    .venv/bin/python bench/gap_analysis.py [--requests 200] [--pdf-requests 5] [--username demo.hub.manager]

Uses the configured database: DATABASE_URL, or the SQLite file named by CAREERSHUB_SQLITE
(var/careershub.sqlite3 by default). Load a demo city first, for example on PostgreSQL:

    createdb -h 127.0.0.1 -U postgres careershub_gap
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/careershub_gap
    .venv/bin/careershub migrate --no-input -v0
    .venv/bin/careershub demo --size region --seed 2026
    .venv/bin/python bench/gap_analysis.py --requests 300
    dropdb -h 127.0.0.1 -U postgres careershub_gap

Each request goes through Django's test Client (middleware, session, view, template; no network or
server), after a few warm-up requests. Prints the load average and the data's size, then per variant
(the page, the page filtered to one area hub with the schools in need on benchmark 6, the heatmap as
CSV, the JSON endpoint, the action plan list) the median and p95 time in milliseconds and the queries
per request; then the same for the two PDF reports (the hub's and one school's), over fewer requests
since each takes WeasyPrint a while.
"""
import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from dashboard import hub_manager, p95, time_requests  # noqa: E402  (bench/dashboard.py, beside this script)
from careershub.benchmarks.models import Action, Assessment, BenchmarkScore  # noqa: E402
from careershub.network.models import AreaHub, School  # noqa: E402


def variants(user) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    partnership = user.assignments_for("hub_manager")[0].partnership
    hub = AreaHub.objects.filter(partnership=partnership).order_by("name").first()
    school = (School.objects.filter(partnership=partnership, benchmark_assessments__status="submitted")
              .order_by("name").first())
    pages = [
        ("page", "/benchmarks/gaps/"),
        ("filtered", f"/benchmarks/gaps/?area_hub={hub.pk}&need=6"),
        ("csv", "/benchmarks/gaps/?format=csv"),
        ("api", "/api/benchmarks/gaps"),
        ("actions", "/benchmarks/actions/"),
    ]
    pdfs = [("hub pdf", "/benchmarks/gaps/report.pdf"), ("school pdf", f"/benchmarks/schools/{school.pk}/report.pdf")]
    return pages, pdfs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pdf-requests", type=int, default=5)
    parser.add_argument("--username", help="the hub manager to sign in as (default: the first)")
    args = parser.parse_args(argv)
    user = hub_manager(args.username)
    client = Client()
    client.force_login(user)
    pages, pdfs = variants(user)
    try:
        print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"data: {School.objects.count()} schools, {Assessment.objects.filter(status='submitted').count()} submitted "
              f"self-assessments, {BenchmarkScore.objects.count()} stored scores, {Action.objects.count()} actions")
        print(f"hub manager: {user.username}; {args.requests} requests per page variant, {args.pdf_requests} per PDF, "
              "after warm-up")
        print(f"{'variant':<12}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
        for name, url in pages:
            samples, queries = time_requests(client, url, args.requests)
            print(f"{name:<12}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
        for name, url in pdfs:
            samples, queries = time_requests(client, url, args.pdf_requests, warm_up=1)
            print(f"{name:<12}{statistics.median(samples):>11.2f}{p95(samples):>9.2f}{queries:>9}")
    finally:
        client.logout()


if __name__ == "__main__":
    main()
