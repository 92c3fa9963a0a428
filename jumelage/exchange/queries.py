"""Named queries about delegations, reused by the exchange pages, calendars and reports."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from jumelage.exchange.models import Delegation, ItineraryItem, Stay, TravelLeg, Traveller


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
