#!/usr/bin/env python3
"""Time `careershub allocate` on generated instances, and compare with the `matching` package.

    .venv/bin/python bench/allocation.py                          # 5,000, 20,000, 60,000 and 650,000
    .venv/bin/python bench/allocation.py --sizes 5000 --repeat 5 --check

For each size it generates an instance from a fixed seed (five ranked choices per student, drawn
with uneven popularity; placements with capacities of 1 to 8 that each rank all their applicants,
by a shared merit score plus the placement's own noise) and writes it as JSON. Then:

- whole process: runs `.venv/bin/careershub allocate INSTANCE --output RESULT` as a subprocess,
  from start to exit, and takes its peak resident memory from the kernel (wait4);
- indexing plus solving, in this process: checking the parsed JSON and turning ids into indexes
  (`parse_instance`) plus `allocate`, without reading or writing files;
- up to --matching-up-to students: the `matching` package (1.4.3) building its HospitalResident game
  from the same parsed JSON and solving it resident-optimal, in the same run, and whether its
  matching is identical to ours.

Repeats each measurement and prints the median, with the load average, since the machine is shared.
With --check it exits 1 when a budget is missed: 650,000 students within 5 s and 1.1 GB; the whole
process at least 4 times faster than matching's build and solve at 5,000 students and identical to
it; indexing plus solving at least 100 times faster than matching's build and solve at 20,000.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings

import numpy as np

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAREERSHUB = os.path.join(os.path.dirname(sys.executable), "careershub")
GNU_TIME = "/usr/bin/time"
PLACEMENTS = {5_000: 1_000, 20_000: 4_000, 60_000: 12_000, 650_000: 100_000}
CHOICES = 5

WHOLE_PROCESS_BUDGET = 5.0  # seconds, at a national year group
MEMORY_BUDGET = 1.1e9  # bytes
MATCHING_WHOLE_PROCESS_RATIO = 4  # at 5,000 students
MATCHING_SOLVE_RATIO = 100  # at 20,000 students


def generate_instance(students: int, placements: int, seed: int = 2026) -> dict:
    """An instance in the documented format; the same arguments always give the same instance.

    Students' ids and placements' ids are shared string objects here; the benchmark times only
    instances read back from the JSON file, as the command reads them.
    """
    rng = np.random.default_rng(seed)
    popularity = rng.lognormal(0.0, 0.8, placements)
    popularity /= popularity.sum()
    chosen = rng.choice(placements, size=(students, CHOICES), p=popularity)
    # Draw again wherever a student picked the same placement twice.
    while True:
        ordered = np.sort(chosen, axis=1)
        repeats = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
        if not len(repeats):
            break
        for row in repeats:
            seen = set()
            for k in range(CHOICES):
                if chosen[row, k] in seen:
                    chosen[row, k] = rng.choice(placements, p=popularity)
                seen.add(int(chosen[row, k]))
    capacities = rng.integers(1, 9, placements)
    merit = rng.random(students)
    applicant = np.repeat(np.arange(students), CHOICES)
    applied_to = chosen.ravel()
    score = merit[applicant] + 0.5 * rng.random(len(applicant))
    order = np.lexsort((score, applied_to))
    ranked = applicant[order].tolist()
    counts = np.bincount(applied_to, minlength=placements).tolist()

    student_ids = [f"s{n:06d}" for n in range(students)]
    placement_ids = [f"p{n:06d}" for n in range(placements)]
    chosen_rows = chosen.tolist()
    instance = {
        "students": [{"id": student_ids[n], "choices": [placement_ids[p] for p in chosen_rows[n]]}
                     for n in range(students)],
        "placements": [],
    }
    start = 0
    for p, count in enumerate(counts):
        instance["placements"].append({"id": placement_ids[p], "capacity": int(capacities[p]),
                                       "ranking": [student_ids[s] for s in ranked[start:start + count]]})
        start += count
    return instance


def read_json(path: str) -> dict:
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def whole_process(instance_path: str, result_path: str) -> tuple[float, int]:
    """Seconds from start to exit of `careershub allocate`, and its peak resident memory in bytes.

    The peak comes from GNU time where it is installed: the kernel's own figure for a child started
    straight from this process would also count this process's memory (Linux carries the peak over
    from the parent through fork and exec).
    """
    command = [CAREERSHUB, "allocate", instance_path, "--output", result_path, "-v", "0"]
    with tempfile.NamedTemporaryFile("w+") as errors, tempfile.NamedTemporaryFile("w+") as measured:
        if os.path.exists(GNU_TIME):
            command = [GNU_TIME, "--format", "%M", "--output", measured.name, *command]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise SystemExit(f"careershub allocate failed: {errors.read()}")
        peak_kb = int(measured.read().split()[-1]) if command[0] == GNU_TIME else usage.ru_maxrss
    return elapsed, peak_kb * 1024


def index_and_solve(data: dict) -> tuple[float, dict]:
    """Seconds to check and index the parsed JSON and to allocate, in this process."""
    from careershub.allocation.engine import allocate
    from careershub.allocation.instance import cyclic_gc_paused, parse_instance

    with cyclic_gc_paused():
        started = time.perf_counter()
        allocation = allocate(parse_instance(data))
        elapsed = time.perf_counter() - started
    return elapsed, allocation.assignments()


def matching_build_and_solve(data: dict) -> tuple[float, float, dict]:
    """The `matching` package's build and solve times, and its assignments.

    Its game deep-copies a graph of players that refer to each other, which recurses once per
    player, so it runs in a thread with a large stack.
    """
    from matching.games import HospitalResident

    outcome = {}

    def solve():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            game = HospitalResident.create_from_dictionaries(
                {s["id"]: s["choices"] for s in data["students"]},
                {p["id"]: p["ranking"] for p in data["placements"]},
                {p["id"]: p["capacity"] for p in data["placements"]},
            )
            built = time.perf_counter()
            solution = game.solve(optimal="resident")
            solved = time.perf_counter()
        assignments = {s["id"]: None for s in data["students"]}
        for hospital, residents in solution.items():
            for resident in residents:
                assignments[resident.name] = hospital.name
        outcome.update(build=built - started, solve=solved - built, assignments=assignments)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    previous_stack = threading.stack_size(1 << 30)
    try:
        worker = threading.Thread(target=solve)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(previous_stack)
        sys.setrecursionlimit(limit)
    return outcome["build"], outcome["solve"], outcome["assignments"]


def seconds(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f} s"
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def bench_size(students: int, args, folder: str) -> dict:
    placements = PLACEMENTS.get(students, max(1, students // 5))
    data = generate_instance(students, placements, args.seed)
    instance_path = os.path.join(folder, f"instance-{students}.json")
    result_path = os.path.join(folder, f"result-{students}.json")
    with open(instance_path, "w", encoding="utf-8") as file:
        json.dump(data, file)
        file.flush()
        os.fsync(file.fileno())  # so that writing it back to disk does not overlap the timed runs
    del data
    size_mb = os.path.getsize(instance_path) / 1e6
    print(f"\n{students:,} students, {placements:,} placements, {students * CHOICES:,} choices; "
          f"instance {size_mb:.1f} MB", flush=True)
    row = {"students": students, "placements": placements, "megabytes": size_mb}
    compare = students <= args.matching_up_to and not args.no_matching
    if compare:
        try:
            import matching  # noqa: F401
        except ImportError:
            print("  (the matching package is not installed: no comparison)")
            compare = False

    whole, memory, indexing, builds, solves, loads = [], [], [], [], [], []
    identical = None
    for run in range(1, args.repeat + 1):
        loads.append(load())
        elapsed, peak = whole_process(instance_path, result_path)
        whole.append(elapsed)
        memory.append(peak)
        ours = read_json(result_path)["assignments"]
        line = f"  run {run} (load {loads[-1]}): whole process {elapsed:.3f} s, peak {peak / 1e6:.0f} MB"
        if students <= args.in_process_up_to:
            indexed, same = index_and_solve(read_json(instance_path))
            assert same == ours
            indexing.append(indexed)
            line += f"; indexing + solving {indexed:.3f} s"
        if compare and run <= args.matching_repeat:
            build, solve, theirs = matching_build_and_solve(read_json(instance_path))
            builds.append(build)
            solves.append(solve)
            identical = theirs == ours if identical is None else identical and theirs == ours
            line += f"; matching build {build:.2f} s + solve {solve:.2f} s, identical: {theirs == ours}"
        print(line, flush=True)

    row.update(whole=whole, memory=max(memory), loads=loads, indexing=indexing)
    print(f"  whole process: median {seconds(whole)}; peak resident memory {max(memory) / 1e6:.0f} MB")
    if indexing:
        print(f"  indexing + solving: median {seconds(indexing)}")
    if builds:
        total = [b + s for b, s in zip(builds, solves)]
        row.update(matching=total, identical=identical)
        print(f"  matching build + solve: median {seconds(total)}; identical matchings: {identical}")
        print(f"  ratio, matching build + solve / our whole process: "
              f"{statistics.median(total) / statistics.median(whole):.1f}x")
        if indexing:
            print(f"  ratio, matching build + solve / our indexing + solving: "
                  f"{statistics.median(total) / statistics.median(indexing):.0f}x")
    return row


def budget_verdicts(rows: list[dict]) -> list[tuple[str, bool]]:
    verdicts = []
    for row in rows:
        if row["students"] >= 650_000:
            verdicts.append((f"{row['students']:,}: whole process within {WHOLE_PROCESS_BUDGET:g} s",
                             statistics.median(row["whole"]) <= WHOLE_PROCESS_BUDGET))
            verdicts.append((f"{row['students']:,}: peak memory within {MEMORY_BUDGET / 1e9:g} GB",
                             row["memory"] <= MEMORY_BUDGET))
        if row["students"] == 5_000 and "matching" in row:
            ratio = statistics.median(row["matching"]) / statistics.median(row["whole"])
            verdicts.append((f"5,000: whole process {ratio:.1f}x faster than matching (at least "
                             f"{MATCHING_WHOLE_PROCESS_RATIO}x)", ratio >= MATCHING_WHOLE_PROCESS_RATIO))
            verdicts.append(("5,000: the same matching as matching's HospitalResident", bool(row["identical"])))
        if row["students"] == 20_000 and "matching" in row and row["indexing"]:
            ratio = statistics.median(row["matching"]) / statistics.median(row["indexing"])
            verdicts.append((f"20,000: indexing + solving {ratio:.0f}x faster than matching (at least "
                             f"{MATCHING_SOLVE_RATIO}x)", ratio >= MATCHING_SOLVE_RATIO))
    return verdicts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 20_000, 60_000, 650_000],
                        help="numbers of students (default 5000 20000 60000 650000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026, help="the same seed generates the same instances")
    parser.add_argument("--matching-up-to", type=int, default=20_000,
                        help="compare with the matching package up to this many students (default 20000)")
    parser.add_argument("--matching-repeat", type=int, default=3, help="runs of matching per size (default 3)")
    parser.add_argument("--no-matching", action="store_true", help="skip the comparison with matching")
    parser.add_argument("--in-process-up-to", type=int, default=60_000,
                        help="time indexing + solving in this process up to this many students (default 60000)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    args = parser.parse_args(argv)

    print(f"allocation benchmark: seed {args.seed}, {args.repeat} runs per size; {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}, load average {load()} at the start")
    with tempfile.TemporaryDirectory(prefix="careershub-allocation-") as folder:
        rows = [bench_size(students, args, folder) for students in args.sizes]
    print(f"\nload average {load()} at the end")
    verdicts = budget_verdicts(rows)
    for label, ok in verdicts:
        print(f"{'within' if ok else 'OVER'} budget: {label}")
    if args.check and not all(ok for _, ok in verdicts):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
