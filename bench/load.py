#!/usr/bin/env python3
"""Load the busiest pages through gunicorn with wrk at 50 concurrent connections, beside a bare view.

    .venv/bin/python bench/load.py [--duration 20] [--connections 50] [--workers 4] [--repeat 3]

Needs a database already holding the demo city (`careershub demo --size region --seed 2026`), named
by DATABASE_URL like every `careershub` command (the page budgets are for PostgreSQL), and Debian's
wrk (`apt-get install -y wrk`).

It starts gunicorn on a free port of 127.0.0.1 serving `careershub.wsgi:application` under
bench/bench_settings.py (the project's settings; URLs from bench/bench_urls.py, the project's plus a
bare view at /bench/bare/ that returns "ok"), with 4 sync workers by default (--workers,
--worker-threads N > 1 for gthread). On PostgreSQL it first runs ANALYZE, so that the planner has
the statistics autovacuum keeps on a production server. It signs the demo accounts in by writing
Django sessions to the same database and sends their session cookies. Then, for each page and the
bare view in turn, wrk keeps --connections connections busy for a few seconds of warm-up and then
for --duration seconds, each connection sending its next request as soon as the last one is
answered. Traffic goes to 127.0.0.1 only, and every run of wrk ends by itself after its duration.

Each round prints, per URL: requests per second, p50, p95 and p99 latency in milliseconds, errors
(responses other than 2xx, and socket errors), the throughput as a share of the bare view's in the
same round, and the CPU time per request of gunicorn (master and workers) and of the whole machine
(gunicorn, PostgreSQL, wrk and anything else running; read from /proc). With --repeat N it runs N
rounds and then prints the median of each figure. It stops gunicorn at the end, on errors and on
Ctrl-C, and deletes the sessions it made.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
HOST = "127.0.0.1"  # the only address this benchmark sends traffic to
BARE = "/bench/bare/"
DEFAULT_PAGES = [
    ("/network/dashboard/", "demo.hub.manager"),
    ("/network/schools/", "demo.hub.manager"),
    ("/young-people/", "demo.careers.leader"),
]
P95_BUDGET_MS = 100.0
TICK = os.sysconf("SC_CLK_TCK")
RATIO_BUDGET = 0.40

# Counts responses other than 2xx (wrk's own count lets 3xx through, and a 302 to the sign-in page
# is a failure here), then prints the figures as one JSON line.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do non2xx_total = non2xx_total + thread:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "non2xx": %d, "socket_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, non2xx_total, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float
    server_cpu: float = 0.0  # ms of gunicorn's CPU time per request
    machine_cpu: float = 0.0  # ms of the whole machine's busy CPU time per request

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def process_cpu(pid: str | int) -> float:
    """CPU seconds (user and system) a process has used, 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def server_cpu(server: subprocess.Popen) -> float:
    """CPU seconds used so far by gunicorn's master and its workers (the master's children)."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == server.pid:
                    workers.append(entry.name)
            except (OSError, IndexError, ValueError):
                pass
    return process_cpu(server.pid) + sum(process_cpu(pid) for pid in workers)


def machine_cpu() -> float:
    """CPU seconds the machine has spent busy (not idle or waiting for I/O) since it started: the
    server, PostgreSQL, wrk, and whatever else runs alongside."""
    values = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / TICK


def load_average() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def django_setup() -> None:
    sys.path.insert(0, str(BENCH))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    import django

    django.setup()


def describe_database() -> str:
    from django.db import connection

    from careershub.network.models import School
    from careershub.young_people.models import YoungPerson

    connection.ensure_connection()
    version = ".".join(map(str, connection.get_database_version()))
    return (f"{connection.display_name} {version}, database {connection.settings_dict['NAME']}: "
            f"{School.objects.count():,} schools, {YoungPerson.objects.count():,} young people")


def analyze() -> str:
    """Refresh PostgreSQL's planner statistics, as autovacuum does on a production server (and may
    not yet have done right after `careershub demo` loaded the city, or at all where it is off)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return f"ANALYZE (planner statistics) took {time.perf_counter() - started:.1f} s"


def sign_in(usernames: list[str]) -> dict[str, str]:
    """A session cookie value per username, from sessions saved in the benchmark's database."""
    from django.conf import settings
    from django.test import Client

    from careershub.accounts.models import User

    cookies = {}
    for username in usernames:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise SystemExit(f"No active account {username!r} in this database: load the demo city first "
                             "(careershub demo --size region --seed 2026).")
        client = Client()
        client.force_login(user)
        cookies[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def sign_out(cookies: dict[str, str]) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    for key in cookies.values():
        SessionStore(session_key=key).delete()
    connection.close()


def cookie_header(cookie: str | None) -> str | None:
    from django.conf import settings

    return f"{settings.SESSION_COOKIE_NAME}={cookie}" if cookie else None


def get(port: int, path: str, cookie: str | None = None, timeout: float = 10) -> int:
    connection = HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_gunicorn(port: int, workers: int, threads: int, log_path: Path) -> subprocess.Popen:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench_settings")
    env.pop("DEBUG", None)  # DEBUG keeps every query in memory: never under load
    env["PYTHONWARNINGS"] = "ignore:No directory at:UserWarning"  # WhiteNoise: no collectstatic here
    command = [
        sys.executable, "-m", "gunicorn", "careershub.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--worker-class", "gthread" if threads > 1 else "sync", "--threads", str(threads),
        "--chdir", str(PROJECT), "--pythonpath", str(BENCH),
        "--timeout", "60", "--graceful-timeout", "10", "--log-level", "warning",
        "--error-logfile", "-",
    ]
    # Its own process group: Ctrl-C reaches this script, which then stops gunicorn and its workers.
    # Its output, Django's warnings included (one line per failed request), goes to the log file.
    with open(log_path, "ab") as log:
        return subprocess.Popen(command, cwd=PROJECT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def wait_until_serving(server: subprocess.Popen, port: int, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{log_path.read_text()}")
        try:
            if get(port, BARE, timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn was not serving {BARE} after {timeout:.0f} s:\n{log_path.read_text()}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)  # the group this script started: master and workers
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def run_wrk(port: int, path: str, cookie: str | None, args, script: Path, seconds: float,
            server: subprocess.Popen) -> Result:
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds:g}s", "--timeout", "10s",
               "-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://{HOST}:{port}{path}")
    server_before, machine_before = server_cpu(server), machine_cpu()
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    server_used, machine_used = server_cpu(server) - server_before, machine_cpu() - machine_before
    line = next((line for line in done.stdout.splitlines() if line.startswith("WRKJSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed on {path} ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line.removeprefix("WRKJSON "))
    return Result(
        requests=figures["requests"], seconds=figures["duration_us"] / 1e6,
        errors=figures["non2xx"] + figures["socket_errors"] + figures["timeouts"],
        p50=figures["p50_us"] / 1000, p95=figures["p95_us"] / 1000, p99=figures["p99_us"] / 1000,
        server_cpu=server_used * 1000 / max(figures["requests"], 1),
        machine_cpu=machine_used * 1000 / max(figures["requests"], 1),
    )


def print_table(title: str, rows: list[tuple[str, str, Result, float]]) -> None:
    print(title)
    print(f"  {'url':<22}{'as':<21}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs bare':>9}"
          f"{'server cpu':>12}{'machine cpu':>13}")
    for path, username, result, ratio in rows:
        print(f"  {path:<22}{username:<21}{result.rps:>8.0f}{result.p50:>9.1f}{result.p95:>9.1f}"
              f"{result.p99:>9.1f}{result.errors:>8}{ratio:>8.0%}"
              f"{result.server_cpu:>9.2f} ms{result.machine_cpu:>10.2f} ms")


def median_result(results: list[Result]) -> Result:
    return Result(
        requests=round(statistics.median(r.rps for r in results) * 1000), seconds=1000,
        errors=sum(r.errors for r in results),
        p50=statistics.median(r.p50 for r in results), p95=statistics.median(r.p95 for r in results),
        p99=statistics.median(r.p99 for r in results),
        server_cpu=statistics.median(r.server_cpu for r in results),
        machine_cpu=statistics.median(r.machine_cpu for r in results),
    )


def parse_page(text: str) -> tuple[str, str]:
    path, _, username = text.partition("=")
    if not path.startswith("/") or not username:
        raise argparse.ArgumentTypeError("expected PATH=USERNAME, for example /network/dashboard/=demo.hub.manager")
    return path, username


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--duration", type=float, default=20, help="seconds of measured load per URL (default 20)")
    parser.add_argument("--warm-up", type=float, default=3, help="seconds of unmeasured load before each (default 3)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent connections (default 50)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk's threads (default 2)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--worker-threads", type=int, default=1,
                        help="threads per worker: 1 for sync workers (default), more for gthread")
    parser.add_argument("--repeat", type=int, default=3, help="rounds over every URL (default 3)")
    parser.add_argument("--page", action="append", type=parse_page, metavar="PATH=USERNAME",
                        help="a page to load as that account (repeatable; default: the hub dashboard and "
                             "school list as demo.hub.manager, the young people list as demo.careers.leader)")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 when a page's median p95 is {P95_BUDGET_MS:.0f} ms or more, or its "
                             f"throughput under {RATIO_BUDGET * 100:.0f}%% of the bare view's")
    args = parser.parse_args(argv)
    if not 1 <= args.connections <= 1000 or not 1 <= args.wrk_threads <= args.connections:
        parser.error("--connections must be 1 to 1000, and --wrk-threads at most --connections")
    if not 0 < args.duration <= 600 or not 0 <= args.warm_up <= 60 or not 1 <= args.repeat <= 20:
        parser.error("--duration must be up to 600 s, --warm-up up to 60 s, --repeat 1 to 20")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed: apt-get install -y wrk")
    pages = args.page or DEFAULT_PAGES

    print(f"load average at the start: {load_average()} ({os.cpu_count()} cores)")
    django_setup()
    print(describe_database())
    if note := analyze():
        print(note)
    cookies = sign_in(sorted({username for _, username in pages}))
    from django.db import connection

    connection.close()  # this process holds no connection while gunicorn's workers run
    targets = [(BARE, "-", None)] + [(path, username, cookie_header(cookies[username])) for path, username in pages]

    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="careershub-load-"))
    script, log_path = folder / "count.lua", folder / "gunicorn.log"
    script.write_text(WRK_SCRIPT)
    kind = f"gthread, {args.worker_threads} threads each" if args.worker_threads > 1 else "sync"
    print(f"gunicorn on {HOST}:{port}: {args.workers} workers ({kind}); wrk: {args.connections} connections, "
          f"{args.wrk_threads} threads, {args.warm_up:g} s warm-up then {args.duration:g} s per URL, "
          f"{args.repeat} rounds")
    server = start_gunicorn(port, args.workers, args.worker_threads, log_path)
    previous_sigterm = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    rounds: list[list[Result]] = []
    try:
        wait_until_serving(server, port, log_path)
        for path, username, cookie in targets:
            status = get(port, path, cookie)
            if status != 200:
                raise SystemExit(f"{path} answered {status} for {username}: expected 200")
        for number in range(1, args.repeat + 1):
            started = load_average()
            results = []
            for path, _, cookie in targets:
                if args.warm_up:
                    run_wrk(port, path, cookie, args, script, args.warm_up, server)
                results.append(run_wrk(port, path, cookie, args, script, args.duration, server))
            rounds.append(results)
            print_table(f"round {number} (load average {started} at its start):",
                        [(path, username, result, result.rps / results[0].rps)
                         for (path, username, _), result in zip(targets, results)])
            sys.stdout.flush()
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        stop_gunicorn(server)
        sign_out(cookies)
        log = log_path.read_text(errors="replace").strip().splitlines() if log_path.exists() else []
        shutil.rmtree(folder, ignore_errors=True)
        if log:
            print(f"gunicorn's log ({len(log)} lines; the last 20):\n" + "\n".join(log[-20:]))

    medians = [median_result([results[n] for results in rounds]) for n in range(len(targets))]
    ratios = [statistics.median(results[n].rps / results[0].rps for results in rounds) for n in range(len(targets))]
    print_table(f"median of {len(rounds)} rounds (errors: the total):",
                [(path, username, result, ratio)
                 for (path, username, _), result, ratio in zip(targets, medians, ratios)])
    missed = []
    for (path, _, _), result, ratio in list(zip(targets, medians, ratios))[1:]:
        if result.p95 >= P95_BUDGET_MS:
            missed.append(f"{path}: p95 {result.p95:.0f} ms, budget under {P95_BUDGET_MS:.0f} ms")
        if ratio < RATIO_BUDGET:
            missed.append(f"{path}: {ratio:.0%} of the bare view's throughput, budget at least {RATIO_BUDGET:.0%}")
        if result.errors:
            missed.append(f"{path}: {result.errors} errors")
    print("over budget:\n  " + "\n  ".join(missed) if missed else "every page within budget")
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
