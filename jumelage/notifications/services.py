"""The outbox: every message is rendered in its recipient's language, stored, then sent."""

import smtplib

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import timezone, translation

from jumelage.notifications.models import MessageTemplate, OutboxMessage, OutboxState


def render_template(template: MessageTemplate, language: str, context: dict) -> tuple[str, str]:
    """Subject and body in `language`; the context holds plain strings only."""
    with translation.override(language):
        subject = Template(template.subject).render(Context(context, autoescape=False))
        body = Template(template.body).render(Context(context, autoescape=False))
    return " ".join(subject.split()), body.strip()


def queue_message(
    key: str, *, recipient, language: str, context: dict, side=None, dedupe_key=None
) -> OutboxMessage:
    """Render template `key` for `recipient` and queue it; sent after the transaction commits.

    With a `dedupe_key`, a second call for the same event returns the first message instead
    of queueing another one.
    """
    template = MessageTemplate.objects.get(key=key)
    subject, body = render_template(template, language, context)
    fields = {
        "template_key": key,
        "side": side,
        "recipient": recipient,
        "recipient_email": recipient.email,
        "language": language,
        "subject": subject,
        "body": body,
    }
    if dedupe_key:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(dedupe_key=dedupe_key, **fields)
        except IntegrityError:
            return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    else:
        message = OutboxMessage.objects.create(**fields)
    transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def _dispatch(message_id: int) -> None:
    from jumelage.notifications.tasks import send_outbox_message

    send_outbox_message.delay(message_id)


def send(message_id: int) -> None:
    """Send one queued message once; a failure stays on the message for the managers to see."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, state=OutboxState.QUEUED)
            .first()
        )
        if message is None:
            return
        message.attempts += 1
        try:
            EmailMessage(message.subject, message.body, to=[message.recipient_email]).send()
        except (OSError, smtplib.SMTPException) as error:
            message.state, message.error = OutboxState.FAILED, str(error)
        else:
            message.state, message.sent_at, message.error = OutboxState.SENT, timezone.now(), ""
        message.save(update_fields=["state", "sent_at", "error", "attempts"])
