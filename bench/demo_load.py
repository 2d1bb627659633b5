#!/usr/bin/env python3
"""Time `careershub demo` loading the demo city into a fresh scratch database.

    .venv/bin/python bench/demo_load.py --size city --database sqlite --repeat 3 --budget 60
    .venv/bin/python bench/demo_load.py --size region --database sqlite
    .venv/bin/python bench/demo_load.py --size city --database postgres --repeat 3

Each run creates a new scratch database (a temporary SQLite file, or a PostgreSQL database made on
the server named by BENCH_POSTGRES_URL, by default postgres://postgres@127.0.0.1:5432/postgres),
migrates it without timing, then times the whole `careershub demo --size SIZE --seed SEED` process
from start to exit (interpreter and Django start-up included) and removes the database. It prints
each run and the median. With --budget SECONDS it exits 1 when the median is over budget.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def careershub(*args: str, env: dict, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "careershub", *args], cwd=PROJECT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def base_env() -> dict:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "CAREERSHUB_SQLITE", "CAREERSHUB_DEMO"):
        env.pop(name, None)
    return env


@contextmanager
def scratch_sqlite():
    folder = tempfile.mkdtemp(prefix="careershub-bench-")
    try:
        env = base_env()
        env["CAREERSHUB_SQLITE"] = os.path.join(folder, "demo.sqlite3")
        yield env
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def scratch_postgres(server_url: str):
    import psycopg

    name = f"careershub_bench_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = base_env()
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        yield env
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_version(env: dict) -> str:
    probe = (
        "import django; django.setup(); from django.db import connection; connection.ensure_connection(); "
        "print(connection.display_name, '.'.join(map(str, connection.get_database_version())))"
    )
    env = dict(env, DJANGO_SETTINGS_MODULE="careershub.settings")
    return subprocess.run([sys.executable, "-c", probe], cwd=PROJECT, env=env, check=True, text=True,
                          capture_output=True).stdout.strip()


def one_run(args) -> tuple[float, float | None, str]:
    scratch = scratch_sqlite() if args.database == "sqlite" else scratch_postgres(args.postgres_url)
    with scratch as env:
        careershub("migrate", "--no-input", "-v0", env=env)
        version = database_version(env)
        started = time.perf_counter()
        done = careershub("demo", "--size", args.size, "--seed", str(args.seed), env=env, capture=True)
        elapsed = time.perf_counter() - started
        built = re.search(r"Built in ([0-9.]+) s", done.stderr)
        accounts = [line for line in done.stdout.splitlines() if line.count("\t") == 2]
        if len(accounts) != 12:
            raise SystemExit(f"expected 12 demo accounts on standard output, got {len(accounts)}")
        return elapsed, float(built.group(1)) if built else None, version


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("small", "city", "region"), default="city")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
                        help="a PostgreSQL server to make scratch databases on (connect to its postgres database)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=None, help="fail when the median is above this many seconds")
    args = parser.parse_args(argv)

    print(f"demo load: size {args.size}, seed {args.seed}, {args.database}; {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start")
    runs = []
    for n in range(1, args.repeat + 1):
        elapsed, built, version = one_run(args)
        runs.append(elapsed)
        inside = f" (the command's own build: {built:.1f} s)" if built is not None else ""
        print(f"  run {n}: {elapsed:.1f} s{inside} [{version}]", flush=True)
    median = statistics.median(runs)
    print(f"median {median:.1f} s over {len(runs)} run{'s' if len(runs) != 1 else ''} "
          f"(min {min(runs):.1f} s, max {max(runs):.1f} s)")
    if args.budget is not None:
        verdict = "within" if median <= args.budget else "OVER"
        print(f"{verdict} the budget of {args.budget:g} s")
        return 0 if median <= args.budget else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
