"""Who may read and write a trip report. The sending city files it; both cities read it."""

from jumelage.accounts.permissions import is_manager
from jumelage.exchange import permissions as exchange
from jumelage.partnerships.permissions import is_partnership_manager


def can_read(user, delegation) -> bool:
    return exchange.can_plan(user, delegation)


def can_write(user, delegation) -> bool:
    return exchange.can_run(user, delegation)


def can_see_dashboard(user, cycle) -> bool:
    """The cycle's figures are the managers' working matter, both cities alike."""
    return is_partnership_manager(user, cycle.partnership)


def can_write_outcome_text(user, cycle, side) -> bool:
    """A city's text is its managers'; the joint one any manager of the partnership's."""
    if side is None:
        return is_partnership_manager(user, cycle.partnership)
    return is_manager(user, side)
