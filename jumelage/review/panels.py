"""Review's panel of the cycle page: each side's committee, as this person may reach it."""

from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.review.queries import committee_entries


def register() -> None:
    CYCLE_PANELS.add("review", order=400, template="review/_cycle_panel.html", context=_panel)


def _panel(actor, cycle) -> dict | None:
    committees = committee_entries(actor, cycle)
    return {"committees": committees} if committees else None
