"""Who may see and change a delegation and its travellers' data. Views ask here.

The sending side's managers run the trip (people, travel, costs, briefing, personal data);
the host side's managers plan the programme with them (itinerary, residencies); a traveller
sees their delegation's itinerary and briefing, and their own details."""

from django.core.exceptions import PermissionDenied

from jumelage.accounts.permissions import is_manager
from jumelage.partnerships.permissions import is_partnership_manager


def is_traveller(user, delegation) -> bool:
    if not user.is_authenticated:
        return False
    return any(traveller.user_id == user.pk for traveller in delegation.travellers.all())


def can_run(user, delegation) -> bool:
    """People, travel, costs, briefing pack: the sending side's business."""
    return is_manager(user, delegation.side)


def can_plan(user, delegation) -> bool:
    """The programme is planned by both cities' managers."""
    return can_run(user, delegation) or is_manager(user, delegation.host_side)


def can_see(user, delegation) -> bool:
    return can_plan(user, delegation) or is_traveller(user, delegation)


def can_see_details(user, traveller) -> bool:
    """Passport, diet, emergency contact: the sending side's managers and the person."""
    own = user.is_authenticated and traveller.user_id == user.pk
    return own or can_run(user, traveller.delegation)


def can_edit_details(user, traveller) -> bool:
    return can_see_details(user, traveller)


def can_see_delegations(user, cycle) -> bool:
    return is_partnership_manager(user, cycle.partnership)


def can_assign_residencies(user, cycle) -> bool:
    """Hosts place the partner's teams: the managers of the offering side, or either."""
    return is_partnership_manager(user, cycle.partnership)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
