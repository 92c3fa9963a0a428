"""Who may read and write a trip report. The sending city files it; both cities read it."""

from jumelage.exchange import permissions as exchange
from jumelage.partnerships.permissions import is_partnership_manager


def can_read(user, delegation) -> bool:
    return exchange.can_plan(user, delegation)


def can_write(user, delegation) -> bool:
    return exchange.can_run(user, delegation)


def can_see_dashboard(user, cycle) -> bool:
    """The cycle's figures are the managers' working matter, both cities alike."""
    return is_partnership_manager(user, cycle.partnership)
