"""Who may see the partnerships URLs (see tests/roles.py)."""

from tests.roles import (
    MANAGERS_OF_EITHER_SIDE,
    POST_ONLY,
    PUBLIC,
    TAICHUNG_MANAGERS,
    P,
    cycle_kwargs,
)

ROWS = {
    "partnerships:detail": (lambda c: P, PUBLIC),
    "partnerships:cycle": (cycle_kwargs, PUBLIC),
    "partnerships:themes": (cycle_kwargs, PUBLIC),
    "partnerships:theme_propose": (cycle_kwargs, POST_ONLY),
    "partnerships:theme_decide": (lambda c: cycle_kwargs(c, theme_id=c.theme.pk), POST_ONLY),
    "partnerships:theme_withdraw": (lambda c: cycle_kwargs(c, theme_id=c.theme.pk), POST_ONLY),
    "partnerships:stages": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "partnerships:next_cycle": (cycle_kwargs, MANAGERS_OF_EITHER_SIDE),
    "partnerships:budget": (lambda c: cycle_kwargs(c, side_slug="taichung"), TAICHUNG_MANAGERS),
    "partnerships:budget_line_edit": (
        lambda c: cycle_kwargs(c, side_slug="taichung", line_id=c.budget_line.pk),
        TAICHUNG_MANAGERS,
    ),
    "partnerships:budget_line_delete": (
        lambda c: cycle_kwargs(c, side_slug="taichung", line_id=c.budget_line.pk),
        TAICHUNG_MANAGERS,
    ),
}
