"""Hosting's part of the cycle page: its buttons and its item of a side's to-do list."""

from django.utils.translation import gettext as _

from jumelage.hosting.models import HostingOffer
from jumelage.hosting.permissions import can_see_offers
from jumelage.partnerships.panels import CYCLE_ACTIONS, OPEN_TASK_CHECKS, Todo, cycle_url


def register() -> None:
    CYCLE_ACTIONS.add(
        "hosting", order=200, template="hosting/_cycle_actions.html", context=_actions
    )
    OPEN_TASK_CHECKS.register("hosting offers", 200, _offers_todo)


def _actions(actor, cycle) -> dict:
    return {"can_see_offers": can_see_offers(actor, cycle.partnership)}


def _offers_todo(cycle, side, today):
    if HostingOffer.objects.filter(cycle=cycle, organisation__side=side).exists():
        return None
    return Todo(
        _("List what this side's host organisations offer the partner's teams."),
        cycle_url("hosting:offers", cycle),
    )
