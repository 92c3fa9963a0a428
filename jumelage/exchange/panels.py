"""The exchange's panel of the cycle page: delegations and residencies, for its managers."""

from jumelage.exchange.permissions import can_see_delegations
from jumelage.partnerships.panels import CYCLE_PANELS


def register() -> None:
    CYCLE_PANELS.add("exchange", order=600, template="exchange/_cycle_panel.html", context=_panel)


def _panel(actor, cycle) -> dict | None:
    return {} if can_see_delegations(actor, cycle) else None
