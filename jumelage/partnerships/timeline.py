"""The eleven-stage timeline of the first cycle (DOMAIN.md §1), as a template for new cycles.

A new cycle keeps the order and spacing of these dates, shifted to its own start.
"""

import datetime as dt

from jumelage.partnerships.enums import StageKind

FIRST_CYCLE_START = dt.date(2018, 7, 1)

TEMPLATE = [
    (StageKind.THEMES, dt.date(2018, 7, 1), dt.date(2018, 12, 31)),
    (StageKind.HOSTING, dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
    (StageKind.CALL_OPEN, dt.date(2019, 4, 1), dt.date(2019, 4, 30)),
    (StageKind.CALL_CLOSE, dt.date(2019, 5, 1), dt.date(2019, 5, 31)),
    (StageKind.NOMINATE, dt.date(2019, 6, 1), dt.date(2019, 6, 10)),
    (StageKind.PICK, dt.date(2019, 6, 11), dt.date(2019, 6, 20)),
    (StageKind.ANNOUNCE, dt.date(2019, 6, 21), dt.date(2019, 6, 30)),
    (StageKind.PLAN, dt.date(2019, 7, 1), dt.date(2019, 7, 31)),
    (StageKind.BRIEFING, dt.date(2019, 9, 1), dt.date(2019, 9, 30)),
    (StageKind.EXCHANGE, dt.date(2019, 10, 1), dt.date(2019, 10, 14)),
    (StageKind.OUTCOME, dt.date(2019, 11, 1), dt.date(2019, 11, 30)),
]


def shifted_template(start: dt.date) -> list[tuple[StageKind, dt.date, dt.date]]:
    """The template's stages moved so that the first begins on `start`."""
    delta = start - FIRST_CYCLE_START
    return [(kind, begin + delta, end + delta) for kind, begin, end in TEMPLATE]


def start_for_call_open_on(day: dt.date, days_into_call: int = 19) -> dt.date:
    """The cycle start that puts `day` `days_into_call` days after the call opens."""
    call_opens = {kind: begin for kind, begin, _end in TEMPLATE}[StageKind.CALL_OPEN]
    return FIRST_CYCLE_START + (day - call_opens) - dt.timedelta(days=days_into_call)
