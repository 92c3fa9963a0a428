"""The record of a committee's automatic assignment run: how far it has gone, whether it is
still alive, what it did. Kept in the database (`AssignmentRun`), so that the page reads
what a worker on another machine writes, and so that a run whose worker was killed shows
as stopped instead of running for ever.

A worker's run beats every BEAT_SECONDS from a thread of its own, on a connection of its
own: the solver runs inside the assignment's transaction, whose writes nobody sees before
it commits. A run not heard of for STALE_SECONDS has stopped without finishing.
"""

import datetime as dt
import logging
import threading

from django.db import DatabaseError, connection
from django.utils import timezone

from jumelage.review.models import AssignmentRun

log = logging.getLogger(__name__)

BEAT_SECONDS = 5
STALE_SECONDS = 60


def begin(committee_id: int) -> AssignmentRun:
    """A new run for the committee, replacing the record of the last one."""
    now = timezone.now()
    run, _created = AssignmentRun.objects.update_or_create(
        committee_id=committee_id,
        defaults={
            "started_at": now,
            "heartbeat_at": now,
            "fraction": 0.0,
            "message": "",
            "outcome": None,
        },
    )
    return run


def report(committee_id: int, fraction: float, message: str) -> None:
    """How far the run has gone; reporting is also a beat. An update of these columns
    only, which takes no lock on the committee that the assignment holds."""
    AssignmentRun.objects.filter(committee_id=committee_id, outcome__isnull=True).update(
        fraction=fraction, message=message[:300], heartbeat_at=timezone.now()
    )


def finish(committee_id: int, result) -> None:
    outcome = {
        "added": result.added,
        "removed": result.removed,
        "short": len(result.short),
        "optimal": result.optimal,
    }
    AssignmentRun.objects.filter(committee_id=committee_id).update(
        fraction=1.0, message="", outcome=outcome, heartbeat_at=timezone.now()
    )


def stop(committee_id: int) -> None:
    """The run ended with an error: it is stopped at once, not after its beat runs out."""
    AssignmentRun.objects.filter(committee_id=committee_id, outcome__isnull=True).update(
        heartbeat_at=None
    )


def read(committee_id: int) -> AssignmentRun | None:
    return AssignmentRun.objects.filter(committee_id=committee_id).first()


def clear(committee_id: int) -> None:
    AssignmentRun.objects.filter(committee_id=committee_id).delete()


def is_finished(run: AssignmentRun) -> bool:
    return run.outcome is not None


def is_stopped(run: AssignmentRun, now=None) -> bool:
    """Neither finished nor heard of lately: its worker was killed, or it failed."""
    if is_finished(run):
        return False
    limit = (now or timezone.now()) - dt.timedelta(seconds=STALE_SECONDS)
    return run.heartbeat_at is None or run.heartbeat_at < limit


def is_running(run: AssignmentRun | None) -> bool:
    return run is not None and not is_finished(run) and not is_stopped(run)


class Heartbeat:
    """Beats for a run from a thread while the solver works; the solver's progress goes
    into `report`, which the thread writes at its next beat.

        with Heartbeat(committee_id) as beat:
            services.auto_assign(..., progress=beat.report)
    """

    def __init__(self, committee_id: int):
        self.committee_id, self.seconds = committee_id, BEAT_SECONDS
        self.fraction, self.message = 0.0, ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name="assignment-beat")

    def report(self, fraction: float, message: str) -> None:
        self.fraction, self.message = fraction, message

    def _beat(self):
        try:
            while not self._stop.wait(self.seconds):
                try:
                    report(self.committee_id, self.fraction, self.message)
                except DatabaseError as error:  # a missed beat; the next one may pass
                    log.warning("Assignment run %s missed a beat: %s", self.committee_id, error)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
