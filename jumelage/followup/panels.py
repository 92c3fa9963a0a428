"""The follow-up's panel on the cycle page: the selected teams the actor follows, with the
last stage each has reached. The cycle page gathers it through its registry."""

from django.db.models import Prefetch

from jumelage.exchange.queries import selected_teams
from jumelage.followup import permissions
from jumelage.followup.models import Milestone
from jumelage.followup.queries import path_of
from jumelage.partnerships.panels import CYCLE_PANELS
from jumelage.partnerships.permissions import is_partnership_manager

TEMPLATE = "followup/_panel.html"


def register() -> None:
    CYCLE_PANELS.add("followup", order=800, template=TEMPLATE, context=context)


def context(actor, cycle) -> dict | None:
    """The panel's context, or None when the actor follows none of the cycle's teams."""
    teams = (
        selected_teams(cycle)
        .select_related("call__cycle__partnership")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("reached_on")))
    )
    followed = [team for team in teams.order_by("team_name") if permissions.can_follow(actor, team)]
    if not followed:
        return None
    return {
        "teams": [(team, _last_reached(team)) for team in followed],
        "manages": is_partnership_manager(actor, cycle.partnership),
        "cycle": cycle,
    }


def _last_reached(team):
    reached = [stage for stage, milestone in path_of(team) if milestone]
    return reached[-1] if reached else None
