"""The outbox link of the top bar, for those who run the programme's messages."""

from jumelage.core.pages import NAVIGATION
from jumelage.notifications.permissions import can_use_outbox


def register() -> None:
    NAVIGATION.add("outbox", order=100, template="notifications/_nav.html", context=_link)


def _link(user) -> dict | None:
    return {} if can_use_outbox(user) else None
