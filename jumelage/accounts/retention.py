"""Personal data kept no longer than each stage needs it, on the cycle's schedule.

Each stage that holds people's data registers its rules from its `AppConfig.ready()` with
`register_retention`: which records are due on a day, how to name one in the audit (a
reference, never its content), and how to purge or anonymise them. `plan(today)` is the
dry run; `apply(today)` does it and writes one `RetentionRecord` per rule that acted.
Anonymising keeps what the programme must still count (scores stay in the rankings)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from jumelage.accounts.models import RetentionRecord
from jumelage.accounts.privacy import ERASED
from jumelage.core.registry import Registry
from jumelage.notifications.models import OutboxMessage, OutboxState


@dataclass(frozen=True)
class Rule:
    label: Any  # what the rule purges, as a manager reads it (lazy translation)
    due: Callable[[dt.date], list]  # the records due on that day
    reference: Callable[[Any], str]  # one record as the audit names it
    apply: Callable[[list], None]  # purge or anonymise them


RETENTION = Registry("how long each stage keeps people's data")


def register_retention(name: str, order: int, *, label, due, reference, apply) -> None:
    RETENTION.register(name, order, Rule(label, due, reference, apply))


def months_before(today: dt.date, setting: str) -> dt.date:
    """The day whose records are now due under `settings.RETENTION[setting]` months."""
    return today - relativedelta(months=settings.RETENTION[setting])


@dataclass(frozen=True)
class Due:
    name: str
    rule: Rule
    records: list

    @property
    def references(self) -> list[str]:
        return [self.rule.reference(record) for record in self.records]


def plan(today: dt.date | None = None) -> list[Due]:
    """The dry run: every rule with the records it would purge or anonymise today."""
    today = today or timezone.localdate()
    names = RETENTION.names()
    return [
        Due(name, rule, list(rule.due(today))) for name, rule in zip(names, RETENTION, strict=True)
    ]


@transaction.atomic
def apply(today: dt.date | None = None) -> list[RetentionRecord]:
    """Purge or anonymise what is due today; one audit row per rule that acted."""
    today = today or timezone.localdate()
    records = []
    for due in plan(today):
        if not due.records:
            continue
        references = due.references
        due.rule.apply(due.records)
        records.append(
            RetentionRecord.objects.create(
                rule=due.name,
                label=str(due.rule.label),
                count=len(references),
                references=references,
                run_for=today,
            )
        )
    return records


def register() -> None:
    """The foundations' own rule: a message's words go once it is long sent."""
    register_retention(
        "old-messages",
        900,
        label=gettext_lazy("The words of messages sent long ago"),
        due=old_messages,
        reference=lambda message: f"message {message.pk}",
        apply=erase_messages,
    )


def old_messages(today):
    sent_before = months_before(today, "messages")
    return OutboxMessage.objects.filter(
        state__in=[OutboxState.SENT, OutboxState.FAILED, OutboxState.CANCELLED],
        created__date__lt=sent_before,
    ).exclude(body=ERASED)


def erase_messages(messages) -> None:
    OutboxMessage.objects.filter(pk__in=[m.pk for m in messages]).update(
        subject=ERASED, body=ERASED
    )
