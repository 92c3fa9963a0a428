"""Who may see and change host organisations and their offers. Views ask here."""

from jumelage.accounts.permissions import (
    is_manager,
    is_partnership_member,
    staffed_organisation_ids,
)
from jumelage.hosting.models import HostOrganisation
from jumelage.partnerships.permissions import managed_sides


def can_see_offers(user, partnership) -> bool:
    """Offers (desks, dates, notes) are working data shared by both sides' managers and hosts,
    not a public promise."""
    return is_partnership_member(user, partnership)


def can_edit_organisation(user, organisation) -> bool:
    """A side's managers edit all its organisations; host staff only their own."""
    return is_manager(user, organisation.side) or organisation.pk in staffed_organisation_ids(user)


def can_add_organisation(user, partnership) -> bool:
    return bool(managed_sides(user, partnership))


def editable_organisations(user, partnership):
    organisations = HostOrganisation.objects.filter(side__partnership=partnership)
    if user.is_superuser:
        return organisations
    sides = [side.pk for side in managed_sides(user, partnership)]
    own = staffed_organisation_ids(user)
    return organisations.filter(side__in=sides) | organisations.filter(pk__in=own)
