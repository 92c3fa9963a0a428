"""Delegations and their itineraries: the list for the partnership's managers, a
delegation's programme for both cities' managers and its travellers (exchange.permissions)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.api.common import PageQuery, cycle_or_404, listing
from jumelage.api.paging import page
from jumelage.api.schemas import DelegationOut, ItineraryItemOut
from jumelage.exchange import permissions, queries
from jumelage.exchange.models import Delegation

router = Router(tags=["exchange"])


@router.get("/delegations", response=listing(DelegationOut))
def list_delegations(request, cycle: int, paging: Query[PageQuery], side: int | None = None):
    found = cycle_or_404(cycle)
    if not permissions.can_see_delegations(request.user, found):
        raise PermissionDenied
    delegations = queries.cycle_delegations(found)
    if side is not None:
        delegations = delegations.filter(side_id=side)
    return page(request, delegations, DelegationOut, paging)


@router.get("/delegations/{delegation_id}/itinerary", response=listing(ItineraryItemOut))
def list_itinerary(request, delegation_id: int, paging: Query[PageQuery]):
    """A delegation's programme, in id order (sort by day and time for a calendar)."""
    slug = get_object_or_404(Delegation.objects.values_list("slug", flat=True), pk=delegation_id)
    delegation = queries.delegation_or_404(slug)
    if not permissions.can_see(request.user, delegation):
        raise PermissionDenied
    items = queries.items_of(delegation)
    return page(request, items, ItineraryItemOut, paging)
