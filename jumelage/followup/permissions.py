"""Who follows a selected team after its exchange. Views ask here.

The managers of both cities follow every team of their partnership; a host's staff follow
only the teams it hosts (a residency with one of its offers)."""

from django.core.exceptions import PermissionDenied

from jumelage.accounts.permissions import staffed_organisation_ids
from jumelage.exchange.models import Residency
from jumelage.partnerships.permissions import is_partnership_manager


def hosting_organisation_ids(application) -> set[int]:
    return set(
        Residency.objects.filter(application=application).values_list(
            "offer__organisation_id", flat=True
        )
    )


def can_follow(user, application) -> bool:
    """See and record the team's milestones and outcomes."""
    if not user.is_authenticated:
        return False
    if is_partnership_manager(user, application.call.cycle.partnership):
        return True
    return bool(staffed_organisation_ids(user) & hosting_organisation_ids(application))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
