"""`careershub allocate INSTANCE.json --output RESULT.json`: the allocation engine on JSON files.

Everything the command does, without Django: the console script runs it directly (see
careershub/__main__.py), because starting Django would take longer than a small allocation itself;
the management command (management/commands/allocate.py) wraps the same functions, so that Django
code can call it like any other command. The engine, and numpy under it, are imported only once the
arguments are read, so that `--help` and bad arguments answer at once.

The formats of both files are documented in docs/allocation.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable

STDIO = "-"
DESCRIPTION = (
    "Allocate students to placements: the student-optimal stable matching (deferred acceptance) of the "
    "instance in INSTANCE (a JSON file, or - for standard input), written as JSON to --output (default: "
    "standard output). A bad instance is refused with a message naming the offending field. "
    "Format: docs/allocation.md."
)


class AllocateError(Exception):
    """The command cannot go on; the message says why (shown as "CommandError: <message>")."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("instance", metavar="INSTANCE", help="the instance, a JSON file (- for standard input)")
    parser.add_argument("--output", "-o", metavar="RESULT", default=STDIO,
                        help="where to write the result (default -, standard output)")
    parser.add_argument("--seed", type=int, default=None,
                        help="the lottery seed, in place of the instance's policy.seed")
    parser.add_argument("--explain", metavar="STUDENT_ID", action="append", default=[],
                        help="also print why this student got what they got, as one line of JSON on standard "
                             "output (may be given more than once; needs --output to a file)")


def allocate_files(*, instance: str, output: str = STDIO, seed: int | None = None, explain: list[str] = (),
                   verbosity: int = 1, print_out: Callable[[str], None], print_err: Callable[[str], None]) -> None:
    """Read the instance, allocate, write the result; ``print_out``/``print_err`` print one line each."""
    if explain and output == STDIO:
        raise AllocateError("--explain prints to standard output, so write the result to a file with --output")
    timings = _Timings()
    from dataclasses import replace

    from .engine import allocate, result_json
    from .instance import InstanceError, cyclic_gc_paused, decode_json, parse_instance

    timings.lap("import the engine")
    name = "standard input" if instance == STDIO else instance
    with cyclic_gc_paused():
        text = _read(instance)
        timings.lap("read")
        try:
            data = decode_json(text)
            del text
            timings.lap("parse JSON")
            problem = parse_instance(data)
            timings.lap("check and index")
        except InstanceError as error:
            raise AllocateError(f"{name}: {error}") from None
        # The parsed JSON is millions of small objects: free them before allocating, not at exit.
        del data
        timings.lap("free the parsed JSON")
        if seed is not None:
            problem.policy = replace(problem.policy, seed=seed)
        allocation = allocate(problem)
        timings.lap("allocate")
        if output == STDIO:
            print_out(result_json(allocation))
        else:
            _write(output, result_json(allocation))
        timings.lap("write the result")
        for student_id in explain:
            try:
                reason = allocation.explain(student_id)
            except KeyError as error:
                raise AllocateError(error.args[0]) from None
            print_out(json.dumps(reason, ensure_ascii=False))
    if verbosity >= 2:
        for label, seconds in timings.laps:
            print_err(f"  {label}: {seconds:.3f} s")
    if verbosity >= 1:
        summary = allocation.summary()
        share = summary["matched"] / summary["students"] if summary["students"] else 0.0
        print_err(f"{summary['students']:,} students: {summary['matched']:,} placed ({share:.1%}), "
                  f"{summary['first_choice']:,} with their first choice; {timings.total():.2f} s")


def main(argv: list[str] | None = None) -> int:
    """The console script's `careershub allocate`; returns the exit status."""
    parser = argparse.ArgumentParser(prog="careershub allocate", description=DESCRIPTION)
    add_arguments(parser)
    parser.add_argument("-v", "--verbosity", type=int, choices=(0, 1, 2, 3), default=1,
                        help="0: quiet; 1: a summary line (default); 2: also the time of each step")
    options = parser.parse_args(argv)
    try:
        allocate_files(instance=options.instance, output=options.output, seed=options.seed,
                       explain=options.explain, verbosity=options.verbosity,
                       print_out=_printer(sys.stdout), print_err=_printer(sys.stderr))
    except AllocateError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return 1
    return 0


def _printer(stream) -> Callable[[str], None]:
    def print_line(text: str) -> None:
        stream.write(text + "\n")
        stream.flush()

    return print_line


class _Timings:
    def __init__(self):
        self.started = self.last = time.perf_counter()
        self.laps: list[tuple[str, float]] = []

    def lap(self, label: str) -> None:
        now = time.perf_counter()
        self.laps.append((label, now - self.last))
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.started


def _read(path: str) -> str:
    try:
        if path == STDIO:
            return sys.stdin.buffer.read().decode("utf-8")
        with open(path, encoding="utf-8") as file:
            return file.read()
    except UnicodeDecodeError as error:
        raise AllocateError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise AllocateError(f"cannot read {path}: {error.strerror}") from None


def _write(path: str, text: str) -> None:
    """Write the result whole or not at all: a failed run never leaves half a file behind."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".allocate-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file would be, not mkstemp's 0600
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        raise AllocateError(f"cannot write {path}: {error.strerror}") from None
