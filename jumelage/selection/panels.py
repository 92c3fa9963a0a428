"""Selection's panel of the cycle page: the cross-selection for managers, the results once
both sides have confirmed their picks."""

from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.selection.permissions import can_see_overview
from jumelage.selection.queries import both_final


def register() -> None:
    CYCLE_PANELS.add("selection", order=500, template="selection/_cycle_panel.html", context=_panel)


def _panel(actor, cycle) -> dict | None:
    panel = {
        "can_see_overview": can_see_overview(actor, cycle),
        "results_published": both_final(cycle),
    }
    return panel if any(panel.values()) else None
