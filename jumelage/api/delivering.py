"""Posting one webhook delivery: claim it, post it, log the try, as the outbox sends a mail
(notifications.sending): no lock is held while the receiver is talked to, the claim is a
lease, and a failure waits the outbox's growing delay (`retry_delay`) before the next try."""

import datetime as dt
import http.client
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jumelage.api import webhooks
from jumelage.api.models import DeliveryState, WebhookAttempt, WebhookDelivery
from jumelage.notifications.sending import retry_delay

TIMEOUT_SECONDS = 10
LEASE_SECONDS = 3 * TIMEOUT_SECONDS


def max_attempts() -> int:
    return settings.WEBHOOK_MAX_ATTEMPTS


@dataclass(frozen=True)
class Claim:
    pk: int
    attempt: int
    url: str
    secret: str
    event: str
    body: bytes


def _claimable(now):
    first_or_due = Q(attempts=0) | Q(next_attempt_at__lte=now)
    abandoned = Q(state=DeliveryState.SENDING, lease_until__lt=now)
    return Q(state=DeliveryState.QUEUED) & first_or_due | abandoned


@transaction.atomic
def claim(delivery_id: int) -> Claim | None:
    now = timezone.now()
    rows = WebhookDelivery.objects.select_for_update().select_related("webhook")
    delivery = rows.filter(_claimable(now), pk=delivery_id).first()
    if delivery is None:
        return None
    delivery.attempts += 1
    delivery.state = DeliveryState.SENDING
    delivery.lease_until = now + dt.timedelta(seconds=LEASE_SECONDS)
    delivery.save(update_fields=["attempts", "state", "lease_until"])
    hook = delivery.webhook
    return Claim(
        delivery.pk,
        delivery.attempts,
        hook.url,
        hook.secret,
        delivery.event,
        webhooks.body_of(delivery),
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead past the address check: it counts as the receiver's answer.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(claim: Claim) -> tuple[int | None, str]:
    """The receiver's status code (None when there was no answer) and what went wrong."""
    try:
        webhooks.check_url(claim.url)
    except ValidationError as error:
        return None, " ".join(error.messages)
    stamp = int(time.time())
    request = urllib.request.Request(
        claim.url,
        data=claim.body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "jumelage-webhooks/1",
            "X-Jumelage-Event": claim.event,
            "X-Jumelage-Delivery": str(claim.pk),
            webhooks.SIGNATURE_HEADER: webhooks.sign(claim.secret, stamp, claim.body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (OSError, ValueError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:500]


def deliver(delivery_id: int) -> int | None:
    """Try delivery `delivery_id` once if it is due and nobody else is trying it.

    Returns the seconds until its next try when the receiver failed and it will be tried
    again, None otherwise (delivered, failed for good, or not ours)."""
    found = claim(delivery_id)
    if found is None:
        return None
    started, clock = timezone.now(), time.monotonic()
    code, error = post(found)
    duration = round((time.monotonic() - clock) * 1000)
    ok = code is not None and 200 <= code < 300
    return record(found, started, duration, code, "" if ok else error or f"HTTP {code}")


def _ours(claim: Claim):
    return WebhookDelivery.objects.filter(
        pk=claim.pk, state=DeliveryState.SENDING, attempts=claim.attempt
    )


def record(claim: Claim, started, duration_ms: int, code: int | None, error: str) -> int | None:
    """Log the try; a failure is queued again after a growing delay until the tries run out."""
    now = timezone.now()
    delay = None
    if not error:
        _ours(claim).update(state=DeliveryState.DELIVERED, delivered_at=now, lease_until=None)
    elif claim.attempt >= max_attempts():
        _ours(claim).update(state=DeliveryState.FAILED, lease_until=None)
    else:
        delay = retry_delay(claim.attempt)
        _ours(claim).update(
            state=DeliveryState.QUEUED,
            lease_until=None,
            next_attempt_at=now + dt.timedelta(seconds=delay),
        )
    WebhookAttempt.objects.create(
        delivery_id=claim.pk,
        number=claim.attempt,
        started_at=started,
        succeeded=not error,
        response_code=code,
        duration_ms=duration_ms,
        error=error[:500],
        retry_at=now + dt.timedelta(seconds=delay) if delay is not None else None,
    )
    return delay
