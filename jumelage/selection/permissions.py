"""Who may see and do what in the cross-selection, decided from memberships.

A side's managers nominate from their own applicants. The partner side's managers see a
nomination only once it is sent, and then only its nominated applicants: the personal data
of the other applicants never reaches them. A selected team answers for its own place."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from jumelage.accounts.permissions import is_manager
from jumelage.partnerships.permissions import is_partnership_manager
from jumelage.selection.enums import EntryKind, NominationState
from jumelage.selection.models import NominationEntry, Place


def side_of(cycle, side_slug):
    return get_object_or_404(cycle.partnership.sides.all(), slug=side_slug)


def partner_sides(cycle, side) -> list:
    return [other for other in cycle.partnership.sides.all() if other.pk != side.pk]


def can_see_overview(user, cycle) -> bool:
    return is_partnership_manager(user, cycle.partnership)


def can_nominate(user, side) -> bool:
    return is_manager(user, side)


def can_pick_from(user, cycle, side) -> bool:
    """Whether the user manages a partner of `side`: the side that picks from its list."""
    return any(is_manager(user, other) for other in partner_sides(cycle, side))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def get_nominated_entry(user, cycle, side, application_pk) -> NominationEntry:
    """A nominated applicant of a sent nomination, for the partner's (or the own side's)
    managers. Anything else, the waiting list included, does not exist for them."""
    if not (can_pick_from(user, cycle, side) or can_nominate(user, side)):
        raise PermissionDenied
    return get_object_or_404(
        NominationEntry.objects.select_related(
            "nomination", "application__theme", "application__call"
        ),
        nomination__cycle=cycle,
        nomination__side=side,
        nomination__state=NominationState.SENT,
        kind=EntryKind.NOMINATED,
        application_id=application_pk,
    )


def get_place_for_applicant(user, pk) -> Place:
    place = (
        Place.objects.select_related(
            "application__call__side", "pick__side", "pick__nomination__cycle__partnership"
        )
        .filter(pk=pk)
        .first()
    )
    if place is None or place.application.applicant_id != user.pk:
        raise Http404
    return place
