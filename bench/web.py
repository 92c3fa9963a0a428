"""Web benchmark: the production server (gunicorn, 2 sync workers) under a bounded local load.

What it measures, on SQLite and on PostgreSQL, one JSON line per case on stdout:

- call_page: the public call page, anonymous, 16 concurrent clients, for a call with 5,000
  applications and, as a baseline in the same run, one with 50 ("ratio_vs_small").
  Targets: >= 300 requests/s, p99 <= 100 ms.
- manager_list: the managers' application list at 10,000 applications, 2 concurrent
  clients, page 1, a late page (100), a filtered page and a search; plus the SQL queries
  per page counted in-process for page 1 and the late page. Target: <= 150 ms a page
  (p99), the same number of queries on every page.
- submissions: 16 concurrent already-registered applicants, each with a pre-made session,
  applying, opening their application and submitting the full form with a PDF pitch deck
  and their consent to the privacy notice;
  then the database is counted. Targets: 0 errors, 0 lost, and >= 50/s on PostgreSQL.
  As a baseline in the same run, the call's public page under the same 16 clients just
  before ("page_views_per_submission": pages a second over submissions a second), which
  tells a slower machine from slower code.

How: each database is created fresh (PostgreSQL: jumelage_bench on 127.0.0.1:5432, dropped
and recreated; SQLite: a file in a temporary DATA_DIR), migrated, its static files
collected, and seeded by bench/seed.py. gunicorn then runs with production settings
(DEBUG=false, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1) and bench/load.py drives it
from a second process, over 127.0.0.1 only; every loop is bounded by count and time, and
gunicorn is stopped on every exit path, Ctrl-C included. Requests carry
`X-Forwarded-Proto: https`, as behind the TLS proxy of a production deployment.

Reading the figures: "pass" compares with the targets above. Each load phase also reports
"server_cpu_ms_per_request" (gunicorn's CPU time per request, which other work on the
machine barely changes) and "cpu" (percent of one core, 2 cores = 200: the whole machine,
the server, the bench's own clients, the local PostgreSQL server, and "others": anything
else running). The bench waits up to 30 s for a quiet machine before each phase;
a phase with a large "others_pct" on SQLite was measured on a shared, busy machine.

Run it from the repository root:

    .venv/bin/python bench/web.py                    # everything, a few minutes
    .venv/bin/python bench/web.py --quick            # a smoke test with small numbers
    .venv/bin/python bench/web.py --only submissions --db postgresql
    .venv/bin/python bench/web.py --profile /tmp/spy   # py-spy stacks of the workers, per phase

Progress goes to stderr; stdout holds only the JSON lines.
"""

import argparse
import contextlib
import http.client
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_NAME = "jumelage_bench"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
DATABASES = ("sqlite", "postgresql")
CASES = ("call_page", "manager_list", "submissions")
# Settings the bench decides itself: inherited values would change what is measured.
CLEARED_ENV = (
    "DATABASE_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "FILE_STORAGE",
    "EMAIL_URL",
    "DATA_DIR",
    "SECURE_SSL_REDIRECT",
    "CONN_MAX_AGE",
    "LOG_LEVEL",
    "DEBUG",
)

FULL = {
    "small": 50,
    "large": 5000,
    "manager": 10000,
    "applicants": 4000,
    "duration": 12,
    "list_duration": 8,
    "warmup": 2,
    "late_page": 100,
    "quiet_wait": 30,
}
QUICK = {
    "small": 50,
    "large": 500,
    "manager": 500,
    "applicants": 300,
    "duration": 5,
    "list_duration": 3,
    "warmup": 1,
    "late_page": 100,
    "quiet_wait": 5,
}

CALL_PAGE_CLIENTS, LIST_CLIENTS, APPLICANTS = 16, 2, 16
PAGE_SIZE = 50


@dataclass
class CpuSample:
    at: float
    host_busy: float  # seconds of CPU used on the whole machine, all processes
    server: float  # seconds of CPU used by gunicorn's master and workers
    clients: float  # seconds of CPU used by this script's finished children (load, counts)
    postgres: float  # seconds of CPU used by the local PostgreSQL server, 0 when it is absent


@dataclass
class Bench:
    """What a case needs: the database, the server's environment and port, the world."""

    db: str
    env: dict
    port: int
    server_pid: int
    world: dict
    sizes: dict
    workdir: Path
    profile_dir: Path | None = None


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- environment, database, server ----------------------------------------------------------


def server_env(db, data_dir, secret_key):
    env = {key: value for key, value in os.environ.items() if key not in CLEARED_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="jumelage.settings",
        DEBUG="false",
        # The bench's managers log in with a password: it measures load, not the second factor.
        OTP_REQUIRED="false",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        DATA_DIR=str(data_dir),
    )
    if db == "postgresql":
        env["DATABASE_URL"] = PG_URL
    return env


def recreate_postgres_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_NAME}")


def run_python(env, *args, timeout=600):
    """A child Python process in the repository; its stdout, or an error with its stderr."""
    done = subprocess.run(
        [PYTHON, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare_database(db, env):
    if db == "postgresql":
        recreate_postgres_database()
    run_python(env, "-m", "django", "migrate", "--noinput", "-v", "0")
    run_python(env, "-m", "django", "collectstatic", "--noinput", "-v", "0")


def seed(env, sizes, workdir):
    spec_path, world_path = workdir / "seed-spec.json", workdir / "world.json"
    keys = ("small", "large", "manager", "applicants")
    spec_path.write_text(json.dumps({key: sizes[key] for key in keys}))
    run_python(env, "-m", "bench.seed", "seed", str(spec_path), str(world_path))
    return json.loads(world_path.read_text())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_answers(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


def wait_until_ready(process, port, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log_path.read_text()[-3000:]}")
        if server_answers(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in {seconds} s:\n{log_path.read_text()[-3000:]}")


def stop_server(process):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group gunicorn leads: its own workers
        process.wait(timeout=10)


def control_socket_off():
    """Newer gunicorn opens a control socket in ~/.gunicorn, shared by every gunicorn the
    user runs: the bench's own server needs none."""
    helptext = subprocess.run(
        [PYTHON, "-m", "gunicorn", "--help"], capture_output=True, text=True, check=True
    ).stdout
    return ["--no-control-socket"] if "--no-control-socket" in helptext else []


@contextlib.contextmanager
def gunicorn(env, log_path):
    """gunicorn with 2 sync workers on a free local port; always stopped on the way out."""
    port = free_port()
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "jumelage.wsgi",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        *control_socket_off(),
    ]
    with open(log_path, "ab") as server_log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_ready(process, port, log_path)
        yield port, process.pid
    finally:
        stop_server(process)


# -- CPU accounting: the machine may be shared, so say who used it ---------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _host_busy_seconds():
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICK


def _process_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            kids = [int(kid) for kid in children.read().split()]
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    return own + sum(_process_seconds(kid) for kid in kids)


def _postgres_seconds():
    """CPU of every process named postgres: live backends, and through the postmaster's
    children time, the backends that have already closed."""
    total = 0.0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1].split()
        if name.startswith("postgres"):
            total += sum(int(value) for value in fields[11:15]) / TICK  # own and children's
    return total


def cpu_sample(server_pid):
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return CpuSample(
        time.monotonic(),
        _host_busy_seconds(),
        _process_seconds(server_pid),
        children.ru_utime + children.ru_stime,
        _postgres_seconds(),
    )


def busy_percent(seconds=1.0):
    """How much of a core the whole machine used over the next `seconds` (2 cores = 200)."""
    before = _host_busy_seconds()
    time.sleep(seconds)
    return 100 * (_host_busy_seconds() - before) / seconds


def wait_for_quiet(limit, threshold=30):
    """Wait, at most `limit` seconds, until the machine is idle enough (the server being
    idle, what is busy is someone else's work) to measure; returns the last reading."""
    deadline = time.monotonic() + limit
    while True:
        busy = busy_percent()
        if busy < threshold or time.monotonic() >= deadline:
            return round(busy)


def cpu_report(before, after):
    """Percent of one core over a load phase: the whole machine (2 cores = 200), the server, the
    bench's clients (load generator, query counts), the PostgreSQL server, and everything
    else: other work on a shared machine, which makes the figures less reliable."""
    wall = max(after.at - before.at, 1e-9)
    host = 100 * (after.host_busy - before.host_busy) / wall
    server = 100 * (after.server - before.server) / wall
    clients = 100 * (after.clients - before.clients) / wall
    postgres = 100 * (after.postgres - before.postgres) / wall
    return {
        "host_pct": round(host),
        "server_pct": round(server),
        "clients_pct": round(clients),
        "postgres_pct": round(postgres),
        "others_pct": round(max(host - server - clients - postgres, 0)),
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


# -- load -----------------------------------------------------------------------------------


def run_load(bench, spec, name):
    """bench/load.py in its own process, once the machine is quiet enough; returns what it
    measured, with who used the CPU meanwhile and the server's CPU time per request."""
    spec_path = bench.workdir / f"load-{name}.json"
    spec_path.write_text(json.dumps({"port": bench.port, **spec}))
    budget = spec.get("warmup", 0) + spec["duration"] + 120
    busy = wait_for_quiet(bench.sizes["quiet_wait"])
    before = cpu_sample(bench.server_pid)
    with profiled(bench, name, spec.get("warmup", 0) + spec["duration"]):
        result = json.loads(
            run_python(os.environ.copy(), "-m", "bench.load", str(spec_path), timeout=budget)
        )
    after = cpu_sample(bench.server_pid)
    result["cpu"] = {"busy_before_pct": busy, **cpu_report(before, after)}
    server_ms = 1000 * (after.server - before.server)
    result["server_cpu_ms"] = round(server_ms)
    result["postgres_cpu_ms"] = round(1000 * (after.postgres - before.postgres))
    result["server_cpu_ms_per_request"] = round(server_ms / max(result["total_requests"], 1), 2)
    return result


@contextlib.contextmanager
def profiled(bench, name, seconds):
    """With --profile: py-spy samples gunicorn's workers meanwhile, into collapsed stacks
    (one file per load phase; `pip install py-spy` into the venv first)."""
    if bench.profile_dir is None:
        yield
        return
    output = bench.profile_dir / f"{bench.db}-{name}.folded"
    command = [
        shutil.which("py-spy", path=Path(PYTHON).parent) or "py-spy",
        "record",
        "--pid",
        str(bench.server_pid),
        "--subprocesses",
        "--format",
        "raw",
        "--rate",
        "200",
        "--duration",
        str(round(seconds)),
        "--output",
        str(output),
    ]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        try:
            spy.wait(timeout=30)
        except subprocess.TimeoutExpired:
            spy.terminate()
            spy.wait(timeout=10)


def get_load(bench, path, *, name, concurrency, duration, expect, cookie=None):
    spec = {
        "mode": "get",
        "path": path,
        "concurrency": concurrency,
        "duration": duration,
        "warmup": bench.sizes["warmup"],
        "max_requests": 200_000,
        "expect": expect,
        "cookie": cookie,
    }
    return run_load(bench, spec, name)


def summary(result):
    keys = (
        "rps",
        "p50_ms",
        "p90_ms",
        "p99_ms",
        "max_ms",
        "errors",
        "requests",
        "mean_bytes",
        "server_cpu_ms_per_request",
        "cpu",
    )
    picked = {key: result[key] for key in keys}
    if result["error_samples"]:
        picked["error_samples"] = result["error_samples"]
    return picked


def ratio(numerator, denominator):
    return round(numerator / denominator, 2) if denominator else None


# -- cases ----------------------------------------------------------------------------------


def call_page(bench):
    """Anonymous visitors on the public call page: 5,000 applications against 50."""
    results = {}
    for name in ("small", "large"):
        slug = bench.world["calls"][name]
        results[name] = summary(
            get_load(
                bench,
                f"/en/calls/{slug}/",
                name=f"call_page-{name}",
                concurrency=CALL_PAGE_CLIENTS,
                duration=bench.sizes["duration"],
                expect=f"Call for startups {slug}",
            )
        )
    large, small = results["large"], results["small"]
    return {
        "case": "call_page",
        "db": bench.db,
        "applications": bench.sizes["large"],
        "concurrency": CALL_PAGE_CLIENTS,
        **large,
        "small": {"applications": bench.sizes["small"], **small},
        "ratio_vs_small": ratio(large["rps"], small["rps"]),
        # CPU per request, small over large: the same comparison, less sensitive to other
        # work on a shared machine (1.0 = no slower with 100 times the applications)
        "cpu_ratio_vs_small": ratio(
            small["server_cpu_ms_per_request"], large["server_cpu_ms_per_request"]
        ),
        "target": {"min_rps": 300, "max_p99_ms": 100},
        "pass": large["rps"] >= 300 and large["p99_ms"] <= 100 and large["errors"] == 0,
    }


def late_page(sizes):
    pages = max(1, -(-sizes["manager"] // PAGE_SIZE))
    return min(sizes["late_page"], pages)


def list_variants(bench, page):
    theme = bench.world["manager_theme"]
    return {
        "page1": "",
        "late": f"?page={page}",
        "filtered": f"?state=submitted&theme={theme}&language=fr",
        "search": "?q=lumen",
    }


def query_counts(bench, page):
    slug, session = bench.world["calls"]["manager"], bench.world["manager_session"]
    out = run_python(bench.env, "-m", "bench.query_count", slug, session, str(page))
    return json.loads(out.strip().splitlines()[-1])


def manager_list(bench):
    """A manager paging, filtering and searching 10,000 applications."""
    slug = bench.world["calls"]["manager"]
    page = late_page(bench.sizes)
    queries = query_counts(bench, page)
    results = {}
    for name, query in list_variants(bench, page).items():
        results[name] = summary(
            get_load(
                bench,
                f"/en/calls/{slug}/applications/{query}",
                name=f"manager_list-{name}",
                concurrency=LIST_CLIENTS,
                duration=bench.sizes["list_duration"],
                cookie=f"sessionid={bench.world['manager_session']}",
                expect=f"Applications to Call for startups {slug}",
            )
        )
    first = results.pop("page1")
    worst_p99 = max(result["p99_ms"] for result in (first, *results.values()))
    errors = sum(result["errors"] for result in (first, *results.values()))
    return {
        "case": "manager_list",
        "db": bench.db,
        "applications": bench.sizes["manager"],
        "concurrency": LIST_CLIENTS,
        **first,
        "late_page": page,
        **results,
        "ratio_late_vs_page1": ratio(results["late"]["rps"], first["rps"]),
        "cpu_ratio_late_vs_page1": ratio(
            first["server_cpu_ms_per_request"], results["late"]["server_cpu_ms_per_request"]
        ),
        "queries_page1": queries["page1"],
        "queries_late_page": queries["late"],
        "target": {"max_p99_ms": 150, "constant_queries": True},
        "pass": worst_p99 <= 150 and queries["page1"] == queries["late"] and errors == 0,
    }


def verify_submissions(bench, slug, confirmed):
    confirmed_path = bench.workdir / "confirmed.json"
    confirmed_path.write_text(json.dumps(confirmed))
    out = run_python(bench.env, "-m", "bench.seed", "verify", slug, str(confirmed_path))
    return json.loads(out.strip().splitlines()[-1])


def submissions(bench):
    """Registered applicants completing and submitting their application, counted in the DB."""
    slug = bench.world["calls"]["submit"]
    spec = {
        "mode": "submit",
        "slug": slug,
        "theme": bench.world["submit_theme"],
        "applicants": bench.world["applicants"],
        "concurrency": APPLICANTS,
        "duration": bench.sizes["duration"],
        "warmup": bench.sizes["warmup"],
    }
    baseline = summary(
        get_load(
            bench,
            f"/en/calls/{slug}/",
            name="submissions-baseline",
            concurrency=APPLICANTS,
            duration=bench.sizes["list_duration"],
            expect=f"Call for startups {slug}",
        )
    )
    result = run_load(bench, spec, "submissions")
    found = verify_submissions(bench, slug, result["confirmed_pks"])
    lost = found["confirmed_missing"]
    ok = (
        result["errors"] == 0
        and lost == 0
        and found["submitted_in_db"] == result["attempted"]
        and found["privacy_consents_in_db"] == found["submitted_in_db"]
    )
    rate_ok = bench.db != "postgresql" or result["submissions_per_s"] >= 50
    return {
        "case": "submissions",
        "db": bench.db,
        "concurrency": APPLICANTS,
        "rps": result["rps"],
        "p50_ms": result["request"]["p50_ms"],
        "p99_ms": result["request"]["p99_ms"],
        "errors": result["errors"],
        "submissions_per_s": result["submissions_per_s"],
        "attempted": result["attempted"],
        "confirmed": result["confirmed"],
        "submitted_in_db": found["submitted_in_db"],
        "with_pitch_deck": found["attachments_in_db"],
        "with_privacy_consent": found["privacy_consents_in_db"],
        "lost": lost,
        "flow": result["flow"],
        "server_cpu_ms_per_submission": round(
            result["server_cpu_ms"] / max(result["attempted"], 1), 1
        ),
        "postgres_cpu_ms_per_submission": round(
            result["postgres_cpu_ms"] / max(result["attempted"], 1), 1
        ),
        "server_cpu_ms_per_request": result["server_cpu_ms_per_request"],
        "cpu": result["cpu"],
        "applicants_exhausted": result["attempted"] >= len(bench.world["applicants"]),
        # The machine's speed at the time: the call's public page under the same load just
        # before. What a submission costs in page views moves with the code, far less with
        # the machine.
        "baseline_call_page": {key: baseline[key] for key in ("rps", "p99_ms", "errors")},
        "page_views_per_submission": ratio(baseline["rps"], result["submissions_per_s"]),
        "target": {
            "min_submissions_per_s": 50 if bench.db == "postgresql" else None,
            "errors": 0,
            "lost": 0,
        },
        "pass": ok and rate_ok,
        **({"error_samples": result["error_samples"]} if result["error_samples"] else {}),
    }


CASE_FUNCTIONS = {"call_page": call_page, "manager_list": manager_list, "submissions": submissions}


# -- the run --------------------------------------------------------------------------------


def run_database(db, cases, sizes, workdir, secret_key, profile_dir):
    data_dir = workdir / db
    data_dir.mkdir()
    env = server_env(db, data_dir, secret_key)
    started = time.monotonic()
    log(f"{db}: creating, migrating, collecting static files")
    prepare_database(db, env)
    log(f"{db}: seeding")
    world = seed(env, sizes, data_dir)
    log(f"{db}: ready in {time.monotonic() - started:.0f} s; starting gunicorn")
    with gunicorn(env, data_dir / "gunicorn.log") as (port, pid):
        for case in cases:
            log(f"{db}: {case}")
            bench = Bench(db, env, port, pid, world, sizes, data_dir, profile_dir)
            print(json.dumps(CASE_FUNCTIONS[case](bench)), flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", choices=CASES, action="append", help="run only this case (repeatable)"
    )
    parser.add_argument("--db", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="small numbers, a smoke test")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="py-spy the workers, stacks into DIR"
    )
    return parser.parse_args(argv)


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started in background
    cases = [case for case in CASES if not args.only or case in args.only]
    databases = DATABASES if args.db == "both" else (args.db,)
    sizes = QUICK if args.quick else FULL
    workdir = Path(tempfile.mkdtemp(prefix="jumelage-bench-"))
    secret_key = secrets.token_urlsafe(64)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    try:
        for db in databases:
            run_database(db, cases, sizes, workdir, secret_key, args.profile)
    except KeyboardInterrupt:
        log("interrupted: the server is stopped")
        sys.exit(130)
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
