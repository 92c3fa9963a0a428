"""Hosting offers, calls and applications, under the rules of their pages: offers for the
partnership's members, calls in preparation for its managers, applications for their
applicant and, once submitted, for the managers of the call's side only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.api.common import PageQuery, cycle_or_404, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import ApplicationOut, CallOut, HostingOfferOut
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call
from jumelage.calls.permissions import can_read_application, get_call_for_manager
from jumelage.calls.queries import applications_for_managers, applications_of
from jumelage.hosting.models import HostingOffer
from jumelage.hosting.permissions import can_see_offers
from jumelage.hosting.queries import cycle_offers
from jumelage.partnerships.permissions import visible_calls

router = Router(tags=["calls"])


@router.get("/hosting-offers", response=listing(HostingOfferOut))
def list_offers(request, cycle: int, paging: Query[PageQuery], side: int | None = None):
    """The offers of one cycle, for the managers and host staff of its partnership."""
    found = cycle_or_404(cycle)
    if not can_see_offers(request.user, found.partnership):
        raise PermissionDenied
    offers = cycle_offers(found)
    if side is not None:
        offers = offers.filter(organisation__side_id=side)
    return page(request, offers, HostingOfferOut, paging)


@router.get("/hosting-offers/{offer_id}", response=one(HostingOfferOut))
def get_offer(request, offer_id: int):
    offer = get_object_or_404(
        HostingOffer.objects.select_related("organisation", "cycle__partnership"), pk=offer_id
    )
    if not can_see_offers(request.user, offer.cycle.partnership):
        raise PermissionDenied
    return detail(request, offer, HostingOfferOut)


@router.get("/calls", response=listing(CallOut))
def list_calls(request, cycle: int, paging: Query[PageQuery], side: int | None = None):
    """The calls of one cycle: published ones, and those in preparation for its managers."""
    found = cycle_or_404(cycle)
    calls = visible_calls(request.user, Call.objects.filter(cycle=found), found.partnership)
    if side is not None:
        calls = calls.filter(side_id=side)
    return page(request, calls, CallOut, paging)


@router.get("/calls/{call_id}", response=one(CallOut))
def get_call(request, call_id: int):
    call = get_object_or_404(Call.objects.select_related("cycle__partnership"), pk=call_id)
    visible = visible_calls(request.user, Call.objects.filter(pk=call_id), call.cycle.partnership)
    return detail(request, get_object_or_404(visible), CallOut)


@router.get("/calls/{call_id}/applications", response=listing(ApplicationOut))
def list_call_applications(
    request, call_id: int, paging: Query[PageQuery], state: ApplicationState | None = None
):
    """A call's submitted and withdrawn applications, for the managers of its side."""
    call = get_call_for_manager(request.user, _slug_of(call_id))
    applications = applications_for_managers(call)
    if state is not None:
        applications = applications.filter(state=state)
    return page(request, applications, ApplicationOut, paging)


@router.get("/applications", response=listing(ApplicationOut))
def list_my_applications(request, paging: Query[PageQuery], state: ApplicationState | None = None):
    """The applications of the token's owner."""
    applications = applications_of(request.user)
    if state is not None:
        applications = applications.filter(state=state)
    return page(request, applications, ApplicationOut, paging)


@router.get("/applications/{application_id}", response=one(ApplicationOut))
def get_application(request, application_id: int):
    """One application, for its applicant or the managers of its call's side."""
    application = get_object_or_404(
        Application.objects.select_related("call__side"), pk=application_id
    )
    if not can_read_application(request.user, application):
        raise Http404
    return detail(request, application, ApplicationOut)


def _slug_of(call_id: int) -> str:
    return get_object_or_404(Call.objects.values_list("slug", flat=True), pk=call_id)
