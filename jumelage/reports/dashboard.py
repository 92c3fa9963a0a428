"""The cycle dashboard: the funnel of each side and of the partnership, each behind a table
that is also its export."""

from django.utils.translation import gettext as _

from jumelage.reports.funnel import funnel


def funnel_rows(cycle) -> list[list]:
    """The funnel as a table: one row per step, a column per side and one for the whole."""
    sides = list(cycle.partnership.sides.all())
    columns = [funnel(cycle, side) for side in sides] + [funnel(cycle)]
    header = [_("Step"), *[str(side) for side in sides], _("Partnership")]
    rows = [
        [label] + [column[index][2] for column in columns]
        for index, (_k, label, _c) in enumerate(columns[0])
    ]
    return [header, *rows]
