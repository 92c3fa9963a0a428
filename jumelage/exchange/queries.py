"""Named queries about delegations, reused by the exchange pages, calendars and reports."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.exchange.models import Delegation, ItineraryItem, Stay, TravelLeg, Traveller
from jumelage.selection.enums import PlaceState


def delegation_or_404(slug) -> Delegation:
    return get_object_or_404(
        Delegation.objects.select_related(
            "side__partnership", "host_side", "cycle__partnership"
        ).prefetch_related("travellers"),
        slug=slug,
    )


def travellers_of(delegation):
    return Traveller.objects.filter(delegation=delegation).select_related("application")


def legs_of(delegation):
    return TravelLeg.objects.filter(delegation=delegation).prefetch_related("travellers")


def stays_of(delegation):
    return Stay.objects.filter(delegation=delegation).prefetch_related("travellers")


def items_of(delegation):
    return (
        ItineraryItem.objects.filter(delegation=delegation)
        .select_related("organisation")
        .prefetch_related("attendees")
        .order_by("day", "starts_at", "period", "id")
    )


def cycle_delegations(cycle):
    return (
        Delegation.objects.filter(cycle=cycle)
        .select_related("side", "host_side")
        .prefetch_related(Prefetch("travellers", queryset=Traveller.objects.order_by("order")))
    )


def official_visits(partnership):
    return (
        Delegation.objects.filter(side__partnership=partnership, cycle__isnull=True)
        .select_related("side", "host_side")
        .prefetch_related(Prefetch("travellers", queryset=Traveller.objects.order_by("order")))
    )


def selected_teams(cycle):
    """The cycle's teams picked by the partner city and still holding their place."""
    return Application.objects.filter(
        call__cycle=cycle,
        state=ApplicationState.SUBMITTED,
        place__state__in=PlaceState.holding(),
    )


def teams_to_place(cycle):
    """Selected teams not placed with a host yet."""
    return (
        selected_teams(cycle)
        .exclude(residencies__offer__cycle=cycle)
        .select_related("call__side", "theme")
        .order_by("call__side_id", "team_name")
    )
