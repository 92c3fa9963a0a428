"""Handing webhook deliveries to Celery's workers, or posting them in this process, as
notifications.dispatch hands the outbox: a delivery is saved before it is dispatched, so a
broker that is down loses nothing and the sweep hands it over later."""

import logging

from celery import current_app
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import KombuError

from jumelage.api import delivering
from jumelage.api.models import DeliveryState, WebhookDelivery
from jumelage.notifications.dispatch import sweep_grace

log = logging.getLogger(__name__)

DELIVER_TASK = "jumelage.api.tasks.deliver_webhook"


def dispatch(delivery_id: int, countdown: int | None = None) -> bool:
    """Have delivery `delivery_id` tried now (inline) or by a worker after `countdown`
    seconds. Inline, a failed try waits for the sweep (`jumelage sweep_webhooks`)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        delivering.deliver(delivery_id)
        return True
    try:
        current_app.send_task(DELIVER_TASK, args=[delivery_id], countdown=countdown)
    except (KombuError, OSError) as error:
        log.warning("Webhook delivery %s waits for the sweep: %s", delivery_id, error)
        return False
    return True


def due_deliveries(now=None):
    """Deliveries whose retry is due, whose task was lost, or whose worker died."""
    now = now or timezone.now()
    retry = Q(state=DeliveryState.QUEUED, attempts__gt=0, next_attempt_at__lte=now)
    lost = Q(state=DeliveryState.QUEUED, attempts=0, created__lte=now - sweep_grace())
    abandoned = Q(state=DeliveryState.SENDING, lease_until__lt=now)
    return WebhookDelivery.objects.filter(retry | lost | abandoned)


def sweep(limit: int = 200) -> int:
    """Dispatch the due deliveries again, oldest first; returns how many were handed over."""
    due = due_deliveries().order_by("next_attempt_at", "pk").values_list("pk", flat=True)
    handed = 0
    for pk in list(due[:limit]):
        if not dispatch(pk):
            break
        handed += 1
    return handed
