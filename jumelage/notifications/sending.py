"""Sending one outbox message: claim it, hand it to the mail server, record the outcome.

The three steps are separate so that no database lock is held while the mail server is
talked to: a slow or refusing server delays only its own message. The claim is a lease
(state "sending" until `lease_until`): a worker killed after handing the mail over but
before recording it leaves the lease to run out, and the message is sent once more with
the same Message-ID, so it is never lost and at most doubled as one message.
"""

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jumelage.notifications import currency
from jumelage.notifications.models import OutboxMessage, OutboxState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    """What a worker took from the outbox to send, as of its attempt."""

    pk: int
    attempt: int
    message_id: str
    recipient_email: str
    subject: str
    body: str


def send(message_id: int) -> int | None:
    """Send message `message_id` if it is due and nobody else is sending it.

    Returns the seconds until its next attempt when the mail server failed and the message
    will be tried again, None otherwise (sent, failed for good, cancelled, or not ours).
    """
    claim = claim_message(message_id)
    if claim is None:
        return None
    try:
        _deliver(claim)
    except (OSError, smtplib.SMTPException) as error:
        return record_failure(claim, error)
    record_sent(claim)
    return None


def _claimable(now):
    first_or_due = Q(attempts=0) | Q(next_attempt_at__lte=now)
    abandoned = Q(state=OutboxState.SENDING, lease_until__lt=now)
    return Q(state=OutboxState.QUEUED) & first_or_due | abandoned


@transaction.atomic
def claim_message(message_id: int) -> Claim | None:
    """Take the message for one attempt, or cancel it when its news no longer holds."""
    now = timezone.now()
    message = OutboxMessage.objects.select_for_update().filter(_claimable(now), pk=message_id)
    message = message.first()
    if message is None:
        return None
    reason = currency.reason_to_cancel(message)
    if reason:
        message.state, message.error, message.lease_until = OutboxState.CANCELLED, reason, None
        message.save(update_fields=["state", "error", "lease_until"])
        return None
    message.message_id = message.message_id or make_msgid(domain=_mail_domain())
    message.attempts += 1
    message.state = OutboxState.SENDING
    message.lease_until = now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    message.save(update_fields=["message_id", "attempts", "state", "lease_until"])
    return Claim(
        message.pk,
        message.attempts,
        message.message_id,
        message.recipient_email,
        message.subject,
        message.body,
    )


def _mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _deliver(claim: Claim) -> None:
    mail = EmailMessage(
        claim.subject,
        claim.body,
        to=[claim.recipient_email],
        headers={"Message-ID": claim.message_id},
    )
    mail.send()


def _ours(claim: Claim):
    """The message as long as it is still this attempt's: a lease that ran out may have
    passed it to another worker, whose outcome is then the one recorded."""
    return OutboxMessage.objects.filter(
        pk=claim.pk, state=OutboxState.SENDING, attempts=claim.attempt
    )


def record_sent(claim: Claim) -> None:
    _ours(claim).update(state=OutboxState.SENT, sent_at=timezone.now(), error="", lease_until=None)


def record_failure(claim: Claim, error: Exception) -> int | None:
    """Queue the message again after a growing delay, or mark it failed for the managers
    once the server refused it for good or the attempts are spent."""
    reason = f"{type(error).__name__}: {error}"
    log.warning("Outbox message %s, attempt %s: %s", claim.pk, claim.attempt, reason)
    if is_permanent(error) or claim.attempt >= settings.OUTBOX_MAX_ATTEMPTS:
        _ours(claim).update(state=OutboxState.FAILED, error=reason, lease_until=None)
        return None
    delay = retry_delay(claim.attempt)
    _ours(claim).update(
        state=OutboxState.QUEUED,
        error=reason,
        lease_until=None,
        next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
    )
    return delay


def retry_delay(attempt: int) -> int:
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): doubling from the
    first delay up to the longest, so a relay back after an outage of any length is used
    again within the longest delay."""
    first, longest = settings.OUTBOX_RETRY_FIRST_SECONDS, settings.OUTBOX_RETRY_MAX_SECONDS
    return min(first * 2 ** (attempt - 1), longest)


def is_permanent(error: Exception) -> bool:
    """A 5xx answer says retrying cannot help (an unknown mailbox, say); 4xx and network
    errors are the passing kind."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
