"""Matchmaking's panel on the cycle page: the cycle's sessions with their figures for the
organisers, and a participant's own session link. The cycle page gathers it through its
registry."""

from django.db.models import Q

from jumelage.matchmaking import queries
from jumelage.matchmaking.models import Session
from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.partnerships.permissions import is_partnership_manager

TEMPLATE = "matchmaking/_panel.html"


def register() -> None:
    CYCLE_PANELS.add("matchmaking", order=700, template=TEMPLATE, context=context)


def context(actor, cycle) -> dict | None:
    """The sessions the actor organises or takes part in; None for someone with none."""
    if not actor.is_authenticated:
        return None
    sessions = Session.objects.filter(cycle=cycle).select_related("cycle__partnership")
    organiser = is_partnership_manager(actor, cycle.partnership)
    if not organiser:
        sessions = sessions.filter(Q(participants__user=actor)).distinct()
    rows = [(s, queries.figures(s) if organiser else None) for s in sessions]
    if not rows and not organiser:
        return None
    # Organisers always see the panel: it is where a cycle's first session is created.
    return {"sessions": rows, "cycle": cycle, "organiser": organiser}
