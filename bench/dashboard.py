"""Time the cycle dashboard with 10 cycles × 10,000 applications on PostgreSQL.

    .venv/bin/python -m bench.dashboard [--cycles 10] [--per-cycle 10000] [--repeat 30]

Empties the database named by DATABASE_URL (default: this worktree's PostgreSQL database
jumelage_charts), then bulk-creates the cycles: 5,000 applications per side and cycle (1 in
20 withdrawn) from 5,000 applicants who apply every year, and milestones for the last
cycle's first hundred teams. The dashboard is requested as a manager through Django's test
client. One JSON line per case with p50 and p99 wall time, the query count, and the p50 of
the Python CPU time and of the SQL time (wall time waits on the other processes of a busy
machine; the CPU time much less); the baseline
is the same page for an empty cycle, measured in the same run (it still draws the comparison
across the ten full cycles). Target: p99 < 500 ms. `--reuse` times the last run's data again.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import time

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jumelage_charts")

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.seed import _call, _sides, _themes, bulk_applications, bulk_users
from jumelage.accounts.models import Membership, Role, User
from jumelage.calls.models import Application
from jumelage.followup.enums import Stage
from jumelage.followup.models import Milestone
from jumelage.partnerships.models import Partnership
from jumelage.partnerships.services import create_cycle

TARGET_MS = 500


def seed(cycles, per_cycle):
    """The partnership, `cycles` full cycles and one empty one; returns (full, empty, manager)."""
    call_command("migrate", interactive=False, verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    partnership = Partnership.objects.create(slug="bench", name="Bench exchange")
    sides = _sides(partnership)
    users = bulk_users("applicant", per_cycle // 2, make_password("bench"))
    start = dt.date(2010, 7, 1)
    full = []
    for year in range(cycles):
        cycle = create_cycle(partnership, slug=str(2011 + year), name=str(2011 + year), start=start)
        for side in sides:
            call = _call(cycle, side, f"bench-{cycle.slug}-{side.slug}")
            bulk_applications(call, users, per_cycle // 2, _themes(cycle, side))
        full.append(cycle)
    empty = create_cycle(partnership, slug="2099", name="2099", start=start)
    _milestones(full[-1])
    manager = User.objects.create(email="manager@bench.example", full_name="Bench Manager")
    Membership.objects.create(user=manager, side=sides[0], role=Role.MANAGER)
    _analyze()
    return full[-1], empty, manager


def _analyze():
    """What autovacuum does after a bulk load: fresh planner statistics (without them
    PostgreSQL takes the tiny follow-up tables for big ones and plans badly) and the
    visibility map, so counting a call's applications reads only its index
    (application_managers_list) and not the table."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def reuse():
    """The cycles and manager `seed` left in the database, to time again without seeding."""
    cycles = Partnership.objects.get(slug="bench").cycles.order_by("slug")
    full, empty = cycles.exclude(slug="2099").last(), cycles.get(slug="2099")
    _analyze()
    return full, empty, User.objects.get(email="manager@bench.example")


def _milestones(cycle):
    teams = Application.objects.filter(call__cycle=cycle).order_by("pk")[:100]
    rows = [
        Milestone(application=team, stage=Stage.PROOF_OF_CONCEPT, reached_on=dt.date(2012, 1, 1))
        for team in teams
    ]
    Milestone.objects.bulk_create(rows)


def measure(client, cycle, repeat, case):
    url = reverse("reports:dashboard", args=[cycle.partnership.slug, cycle.slug])
    times, cpu, sql = [], [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        sql.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return {
        "case": case,
        "p50_ms": round(statistics.median(times), 1),
        "p99_ms": round(p99, 1),
        "queries": len(queries),
        "p50_python_cpu_ms": round(statistics.median(cpu), 1),
        "p50_sql_ms": round(statistics.median(sql), 1),
        "under_target": p99 < TARGET_MS,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--per-cycle", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="time the data of the last run")
    options = parser.parse_args()
    started = time.perf_counter()
    full, empty, manager = reuse() if options.reuse else seed(options.cycles, options.per_cycle)
    print(json.dumps({"case": "seed", "seconds": round(time.perf_counter() - started, 1)}))
    client = Client()
    client.force_login(manager)
    rows = Application.objects.count()
    print(json.dumps(measure(client, empty, options.repeat, "baseline: empty cycle")))
    print(json.dumps(measure(client, full, options.repeat, f"dashboard, {rows} applications")))
    print(json.dumps({"case": "load average", "1-5-15 min": os.getloadavg()}))


if __name__ == "__main__":
    main()
