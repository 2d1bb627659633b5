#!/usr/bin/env python3
"""Time the all-or-nothing schools CSV import on a generated file.

    .venv/bin/python bench/import_schools.py --rows 5000 --repeat 3

Each repeat uses a fresh scratch SQLite database (migrated without timing) holding one partnership
with four area hubs, and a file of ROWS schools generated from a fixed seed. It times, in process:

- first import: every row is a new school (created);
- same file again: every row unchanged (nothing saved);
- a tenth of rows changed: those updated, the rest unchanged;
- one bad row at the very end: the whole file checked, refused, nothing written;
- export of all the schools to CSV;

and the whole `careershub import schools FILE` process (start-up included) on the unchanged file.
It prints the median of each over the repeats.
"""
import argparse
import csv
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HUBS = ("Riverford Central", "Northmoor", "Eastbank", "Southvale")
PHASES = ("secondary", "middle_deemed_secondary", "all_through", "16_plus")
TYPES = ("mainstream", "special", "pru", "fe_college", "sixth_form_college")
STATUSES = ("target", "engaged", "declined")
WORDS = ("Oak", "Kiln", "Canal", "Moor", "Bridge", "Castle", "Meadow", "Potter", "Forge", "Vale", "Park", "Hill")
KINDS = ("Academy", "High School", "College", "School", "Studio School", "Free School")


def generate(rows: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    urns = rng.sample(range(100000, 1000000), rows)
    lines = [["urn", "name", "phase", "type", "area_hub", "status", "postcode", "website"]]
    for n, urn in enumerate(urns):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(KINDS)} {n}"
        postcode = f"ST{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        website = f"https://school{n}.example" if rng.random() < 0.7 else ""
        lines.append([str(urn), name, rng.choice(PHASES), rng.choice(TYPES), rng.choice(HUBS), rng.choice(STATUSES),
                      postcode, website])
    return lines


def as_csv(lines: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return out.getvalue().encode("utf-8")


def timed(action):
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def one_repeat(rows: int, seed: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    from careershub.core.csv_import import export_csv
    from careershub.network import services
    from careershub.network.csv_formats import SchoolCsv, schools_for_export
    from careershub.network.models import AreaHub, Partnership, School

    call_command("flush", "--no-input", verbosity=0)
    partnership = Partnership.objects.create(name="Riverford Careers Hub", slug="riverford")
    for name in HUBS:
        AreaHub.objects.create(partnership=partnership, name=name)

    lines = generate(rows, seed)
    original = as_csv(lines)
    changed = [list(line) for line in lines]
    for line in changed[1::10]:
        line[5] = "engaged" if line[5] != "engaged" else "declined"
    bad = [list(line) for line in lines]
    bad[-1][0] = "12345"

    def run(content):
        result = services.schools_import(acting_user=None, partnership=partnership, content=content, via="command")
        return result

    figures = {}
    figures["first import (all created)"], result = timed(lambda: run(original))
    assert result.ok and result.created == rows, result.summary()
    figures["same file again (all unchanged)"], result = timed(lambda: run(original))
    assert result.unchanged == rows, result.summary()
    figures["a tenth changed (updated)"], result = timed(lambda: run(as_csv(changed)))
    assert result.updated == len(changed[1::10]), result.summary()
    before = School.objects.filter(status="engaged").count()
    figures["one bad row at the end (refused)"], result = timed(lambda: run(as_csv(bad)))
    assert not result.ok and result.errors[0].row == rows + 1
    assert School.objects.filter(status="engaged").count() == before
    figures["export all"], _ = timed(
        lambda: export_csv(SchoolCsv, schools_for_export(School.objects.filter(partnership=partnership)))
    )

    path = os.path.join(os.path.dirname(connection.settings_dict["NAME"]), "schools.csv")
    with open(path, "wb") as file:
        file.write(as_csv(changed))
    connection.close()
    env = dict(os.environ)
    figures["whole `careershub import schools` process (unchanged file)"], _ = timed(lambda: subprocess.run(
        [sys.executable, "-m", "careershub", "import", "schools", path], cwd=PROJECT, env=env, check=True,
        stdout=subprocess.DEVNULL,
    ))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="careershub-bench-import-")
    try:
        for name in ("DATABASE_URL", "CAREERSHUB_DEMO"):
            os.environ.pop(name, None)
        os.environ["CAREERSHUB_SQLITE"] = os.path.join(folder, "bench.sqlite3")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careershub.settings")
        sys.path.insert(0, PROJECT)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        runs = [one_repeat(options.rows, options.seed) for _ in range(options.repeat)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"Schools CSV import, {options.rows:,} rows, SQLite, median of {options.repeat} (seconds):")
    for name in runs[0]:
        values = [run[name] for run in runs]
        print(f"  {name:<60} {statistics.median(values):7.2f}   ({', '.join(f'{v:.2f}' for v in values)})")


if __name__ == "__main__":
    main()
