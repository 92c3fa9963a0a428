"""Tests of row locks: work run at once on separate database connections. Row locks need
PostgreSQL; SQLite locks the whole file for every write."""

import threading

import pytest
from django.db import connection, connections, transaction

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's, not SQLite's"
)


def lock_at_once(model, pk):
    """A work that locks one row, failing at once with a DatabaseError if someone holds it."""

    def work():
        with transaction.atomic():
            return model.objects.select_for_update(nowait=True).get(pk=pk)

    return work


def waiting_at_most(seconds, work):
    """`work`, failing with a DatabaseError if it waits longer than `seconds` for a lock,
    instead of waiting for the test to let go."""

    def bounded():
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(seconds * 1000)}ms'")
        return work()

    return bounded


def run_together(*works):
    """Run each of `works` in its own thread, on its own database connection; returns, for
    each, what it returned or raised."""
    outcomes = [{} for _ in works]

    def run(work, outcome):
        try:
            outcome["value"] = work()
        except Exception as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(works, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
