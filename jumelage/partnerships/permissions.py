"""Who may see and do what in a partnership. Views ask here; built on accounts.permissions."""

from jumelage.accounts.permissions import is_manager
from jumelage.partnerships.enums import ThemeState
from jumelage.partnerships.models import Side, Theme


def managed_sides(user, partnership) -> list[Side]:
    """The sides of the partnership this user manages (all of them for a superuser)."""
    return [side for side in partnership.sides.all() if is_manager(user, side)]


def is_partnership_manager(user, partnership) -> bool:
    return bool(managed_sides(user, partnership))


# Themes under discussion, the timeline's dates and the to-do lists are the managers'
# working matter; the public sees the outcome (agreed themes, the published timeline).
can_see_theme_proposals = is_partnership_manager
can_edit_stages = is_partnership_manager
can_see_todo = is_partnership_manager
can_start_cycle = is_partnership_manager


def visible_themes(user, cycle):
    themes = Theme.objects.filter(cycle=cycle)
    if can_see_theme_proposals(user, cycle.partnership):
        return themes
    return themes.filter(state=ThemeState.AGREED)


def answering_sides(user, theme, sides) -> list[Side]:
    """Of the partnership's `sides`, those this user may answer `theme` for."""
    return [side for side in sides if side.pk != theme.proposed_by_id and is_manager(user, side)]


def can_withdraw(user, theme) -> bool:
    return theme.state == ThemeState.PROPOSED and is_manager(user, theme.proposed_by)


def can_see_budget(user, side) -> bool:
    """A side's budget is its own business: the partner side does not see it."""
    return is_manager(user, side)


def visible_calls(user, calls, partnership):
    """Calls still in preparation are shown to the partnership's managers only."""
    if is_partnership_manager(user, partnership):
        return calls
    return calls.filter(published=True)
