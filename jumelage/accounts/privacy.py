"""A person's rights over their data (GDPR in the EU, the PDPA in Taiwan): a copy of
everything the platform holds about them, and erasure.

Accounts and messages are the foundations' own; every stage that holds something of a
person registers its part from its `AppConfig.ready()` with `register_personal_data`
(its export and its erasure), so this module imports no stage. Erasure removes what
identifies the person and keeps what the programme must still count: an application
becomes an anonymous row whose committee scores still weigh in the ranking it was part
of; comments, answers, files and messages about it go."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.core.registry import Registry
from jumelage.notifications.models import OutboxMessage

ERASED = "—"


@dataclass(frozen=True)
class PersonalData:
    """One stage's part of a person's data: `export(user)` returns it JSON-ready,
    `erase(user)` removes or anonymises it."""

    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


PERSONAL_DATA = Registry("what each stage holds of a person")


def register_personal_data(name: str, order: int, *, export, erase) -> None:
    """`name` is the part's key in the export; stages are erased latest first."""
    PERSONAL_DATA.register(name, order, PersonalData(export, erase))


def iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_personal_data(user) -> dict:
    """Everything held about `user`, as plain JSON-ready data."""
    parts = zip(PERSONAL_DATA.names(), PERSONAL_DATA, strict=True)
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "email_verified": user.email_verified,
            "joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
        },
        **{name: part.export(user) for name, part in parts},
        "messages": [_message(m) for m in OutboxMessage.objects.filter(recipient_email=user.email)],
    }


def _message(message) -> dict:
    return {
        "subject": message.subject,
        "body": message.body,
        "state": message.state,
        "created": iso(message.created),
    }


@transaction.atomic
def erase(user) -> None:
    """Erase `user`'s personal data now; their account can no longer sign in."""
    for part in reversed(list(PERSONAL_DATA)):
        part.erase(user)
    OutboxMessage.objects.filter(recipient_email=user.email).update(
        recipient=None, recipient_email=erased_address(user), subject=ERASED, body=ERASED
    )
    _erase_account(user)


def erased_address(user) -> str:
    return f"erased-{user.pk}@invalid"


def _erase_account(user) -> None:
    User = get_user_model()
    User.objects.filter(pk=user.pk).update(
        email=erased_address(user),
        full_name=_("Erased account"),
        is_active=False,
        email_verified=False,
        password="!",
    )
