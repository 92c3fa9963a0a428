"""Review's panel of the cycle page: each side's committee, as this person may reach it."""

from jumelage.accounts.pages import MY_SPACE
from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.review.models import Member
from jumelage.review.queries import committee_entries


def register() -> None:
    CYCLE_PANELS.add("review", order=400, template="review/_cycle_panel.html", context=_panel)
    MY_SPACE.add("seats", order=200, template="review/_my_space.html", context=_seats)


def _panel(actor, cycle) -> dict | None:
    committees = committee_entries(actor, cycle)
    return {"committees": committees} if committees else None


def _seats(user) -> dict | None:
    seats = list(
        Member.objects.filter(user=user).select_related(
            "committee__side", "committee__cycle__partnership"
        )
    )
    return {"seats": seats} if seats else None
