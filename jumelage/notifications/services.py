"""The outbox: every message is rendered in its recipient's language, stored, then sent."""

import functools

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.permissions import is_manager
from jumelage.notifications.dispatch import dispatch, sweep_grace
from jumelage.notifications.models import MessageTemplate, OutboxMessage, OutboxState


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    """Keyed by the text itself, so an edited template is compiled anew."""
    return Template(source)


def render_template(template: MessageTemplate, language: str, context: dict) -> tuple[str, str]:
    """Subject and body in `language`; the context holds plain strings only."""
    with translation.override(language):
        subject = _compiled(template.subject).render(Context(context, autoescape=False))
        body = _compiled(template.body).render(Context(context, autoescape=False))
    return " ".join(subject.split()), body.strip()


def queue_message(
    key: str, *, recipient, language: str, context: dict, side=None, dedupe_key=None
) -> OutboxMessage:
    """Render template `key` for `recipient` and queue it; sent after the transaction commits.

    With a `dedupe_key`, a second call for the same event returns the first message instead
    of queueing another one.
    """
    fields = {**_rendered(key, recipient, language, context, side), **_queued()}
    if dedupe_key:
        try:
            with transaction.atomic():
                message = OutboxMessage.objects.create(dedupe_key=dedupe_key, **fields)
        except IntegrityError:
            return OutboxMessage.objects.get(dedupe_key=dedupe_key)
    else:
        message = OutboxMessage.objects.create(**fields)
    _dispatch_on_commit(message.pk)
    return message


def _queued() -> dict:
    """A queued message's fields: its task sends it, or else the sweep after a grace."""
    return {"state": OutboxState.QUEUED, "next_attempt_at": timezone.now() + sweep_grace()}


def _dispatch_on_commit(message_id: int) -> None:
    # Robust: whatever goes wrong handing the message over, the data is committed and the
    # request answers normally; the message waits for the sweep.
    transaction.on_commit(lambda: dispatch(message_id), robust=True)


def template_for(key: str, side=None) -> MessageTemplate:
    """The side's own copy of template `key` if it has one, else the shared default."""
    candidates = MessageTemplate.objects.filter(key=key)
    own = candidates.filter(side=side).first() if side is not None else None
    return own or candidates.get(side__isnull=True)


def side_copy(key: str, side) -> MessageTemplate:
    """The side's own copy of template `key`, or an unsaved one made from the shared default
    (saving it gives the side its copy)."""
    shared = MessageTemplate.objects.get(key=key, side__isnull=True)
    own = MessageTemplate.objects.filter(key=key, side=side).first()
    if own is not None:
        return own
    copy = MessageTemplate(key=key, side=side)
    for field in MessageTemplate._meta.concrete_fields:
        if field.name not in ("id", "key", "side"):
            setattr(copy, field.attname, getattr(shared, field.attname))
    return copy


def _rendered(key, recipient, language, context, side) -> dict:
    template = template_for(key, side)
    subject, body = render_template(template, language, context)
    return {
        "template_key": key,
        "side": side,
        # An invitee without an account yet is an unsaved User: the address is enough.
        "recipient": recipient if recipient.pk else None,
        "recipient_email": recipient.email,
        "language": language,
        "subject": subject,
        "body": body,
    }


@transaction.atomic
def draft_message(key: str, *, recipient, language: str, context: dict, side, slot: str):
    """Render template `key` as a draft that waits for a manager to release it.

    The draft replaces the slot's message that is not sent yet (draft or queued): drafting
    again after a change of mind leaves one message per slot, never two. Callers that may
    race on a slot serialise on their own rows first; the database refuses a second unsent
    message per slot anyway.
    """
    discard_unsent(slot)
    fields = _rendered(key, recipient, language, context, side)
    return OutboxMessage.objects.create(slot=slot, state=OutboxState.DRAFT, **fields)


def discard_unsent(slot: str) -> int:
    """Drop the slot's message that is not sent yet: its news no longer holds."""
    deleted, _by_model = OutboxMessage.objects.filter(
        slot=slot, state__in=OutboxState.unsent()
    ).delete()
    return deleted


def last_sent(slot: str) -> OutboxMessage | None:
    """The slot's latest message that went out (or tried to), if any."""
    return (
        OutboxMessage.objects.filter(slot=slot)
        .exclude(state__in=OutboxState.unsent())
        .order_by("-created", "-id")
        .first()
    )


def can_release(user, message) -> bool:
    return message.side is not None and is_manager(user, message.side)


@transaction.atomic
def release_message(actor, message_id: int) -> OutboxMessage:
    """Queue a reviewed draft for sending. Releasing twice (a double click) sends it once."""
    message = (
        OutboxMessage.objects.select_for_update(of=("self",))
        .select_related("side")
        .get(pk=message_id)
    )
    if not can_release(actor, message):
        raise PermissionDenied(_("Only the managers of the message's side can release it."))
    if message.state != OutboxState.DRAFT:
        return message
    for field, value in _queued().items():
        setattr(message, field, value)
    message.save(update_fields=["state", "next_attempt_at"])
    _dispatch_on_commit(message.pk)
    return message


@transaction.atomic
def release_drafts(actor, side) -> int:
    """Queue every draft of `side` for sending; returns how many were released."""
    if not is_manager(actor, side):
        raise PermissionDenied(_("Only the side's managers can release its messages."))
    drafts = OutboxMessage.objects.select_for_update().filter(side=side, state=OutboxState.DRAFT)
    ids = list(drafts.values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=ids).update(**_queued())
    for pk in ids:
        _dispatch_on_commit(pk)
    return len(ids)
