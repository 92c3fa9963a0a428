"""Time the trip report of the demo's 2018 visit (toulouse-2018), every language and format.

    .venv/bin/python bench/report.py [--repeat N]

Builds a throw-away SQLite database under a temporary DATA_DIR with the demo's partnership,
hosts and trip, then prints one JSON line per language and format: the best and the median
wall time of `report trip` without Django's start-up, and the file's size. Target: < 5 s.
"""

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

DATA_DIR = tempfile.mkdtemp(prefix="jumelage-bench-report-")
atexit.register(shutil.rmtree, DATA_DIR, ignore_errors=True)
os.environ["DATA_DIR"] = DATA_DIR
os.environ["DATABASE_URL"] = f"sqlite:///{DATA_DIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from jumelage.demo import loader, trip  # noqa: E402
from jumelage.reports.render import trip_report  # noqa: E402

TARGET_SECONDS = 5.0


def seed():
    call_command("migrate", interactive=False, verbosity=0)
    _partnership, sides = loader.load_partnership()
    trip.load(sides, {})


def measure(language, output_format, repeat):
    times, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(trip_report(trip.SLUG, language, output_format))
        times.append(time.perf_counter() - started)
    return {
        "case": f"trip report {trip.SLUG} {language} {output_format}",
        "best_s": round(min(times), 3),
        "median_s": round(statistics.median(times), 3),
        "bytes": size,
        "under_target": max(times) < TARGET_SECONDS,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    seed()
    for language in ("zh-hant", "fr", "en"):
        for output_format in ("pdf", "html"):
            print(json.dumps(measure(language, output_format, repeat)), flush=True)


if __name__ == "__main__":
    main()
