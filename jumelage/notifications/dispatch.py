"""Handing outbox messages to whoever sends them: Celery's workers, or this process.

A message is saved before it is dispatched, so a broker that is down loses nothing: the
dispatch is logged and dropped, the message waits in the database, and the periodic sweep
hands it over again once the broker is back. Nothing here raises into a request whose data
has already been committed.
"""

import datetime as dt
import logging

from celery import current_app
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import KombuError

from jumelage.notifications import sending
from jumelage.notifications.models import OutboxMessage, OutboxState

log = logging.getLogger(__name__)

SEND_TASK = "jumelage.notifications.tasks.send_outbox_message"
# Inline, how many due messages a successful send takes along (see `_catch_up`).
CATCH_UP = 5


def dispatch(message_id: int, countdown: int | None = None, *, catch_up: bool = True) -> bool:
    """Have message `message_id` sent now (inline) or by a worker, after `countdown` seconds.

    Returns False when the broker could not take it: the sweep will.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Inline: the same call as the task, without Celery's eager tracing around it.
        sending.send(message_id)
        if catch_up:
            _catch_up(message_id)
        return True
    try:
        current_app.send_task(SEND_TASK, args=[message_id], countdown=countdown)
    except (KombuError, OSError) as error:
        log.warning("Outbox message %s waits for the sweep: %s", message_id, error)
        return False
    return True


def sweep_grace() -> dt.timedelta:
    """How long a freshly queued message's own task has before the sweep sends it instead."""
    return dt.timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)


def due_messages(now=None):
    """Messages whose task was lost (broker down, worker killed) or whose retry is due."""
    now = now or timezone.now()
    waiting = Q(state=OutboxState.QUEUED, next_attempt_at__lte=now)
    abandoned = Q(state=OutboxState.SENDING, lease_until__lt=now)
    return OutboxMessage.objects.filter(waiting | abandoned)


def _catch_up(message_id: int) -> None:
    """Inline there is no beat: once a message went out (the mail server works again), the
    few that are due go with it, so a failed send is retried at the next one without
    anyone's help. `jumelage sweep_outbox` from cron sends the rest (see the README)."""
    if OutboxMessage.objects.filter(pk=message_id, state=OutboxState.SENT).exists():
        sweep(limit=CATCH_UP)


def sweep(limit: int = 500) -> int:
    """Dispatch the due messages again, oldest first; returns how many were handed over.

    Run periodically (Celery beat's "sweep-outbox", or `jumelage sweep_outbox` from cron
    with inline tasks); a message dispatched twice is still sent once, since sending
    claims it first.
    """
    due = due_messages().order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    handed = 0
    for pk in list(due[:limit]):
        if not dispatch(pk, catch_up=False):
            break  # the broker is still down: the next sweep tries again
        handed += 1
    return handed
