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


def dispatch(message_id: int, countdown: int | None = None) -> bool:
    """Have message `message_id` sent now (inline) or by a worker, after `countdown` seconds.

    Returns False when the broker could not take it: the sweep will.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # Inline: the same call as the task, without Celery's eager tracing around it; a
        # retry waits for the sweep.
        sending.send(message_id)
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


def sweep(limit: int = 500) -> int:
    """Dispatch the due messages again, oldest first; returns how many were handed over.

    Run periodically (Celery beat's "sweep-outbox"); a message dispatched twice is still
    sent once, since sending claims it first.
    """
    due = due_messages().order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    handed = 0
    for pk in list(due[:limit]):
        if not dispatch(pk):
            break  # the broker is still down: the next sweep tries again
        handed += 1
    return handed
