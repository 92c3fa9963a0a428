"""The eleven-stage timeline of the first cycle (DOMAIN.md §1), as a template for new cycles.

A new cycle keeps the order and spacing of these dates, shifted to its own start. A stage
whose dates a later record owns (the open call's, by the cycle's calls) shows that record's
dates, and an edit that contradicts them is refused.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jumelage.core import moments
from jumelage.core.registry import Registry
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


@dataclass(frozen=True)
class OwnedDates:
    """A stage's dates as the record that owns them sets them (a call, a step)."""

    starts_on: dt.date
    ends_on: dt.date
    owner: str  # names the record, for the message that refuses a contradicting edit


# Later apps register fn(cycle) -> {StageKind: OwnedDates} from their AppConfig.ready().
STAGE_OWNERS = Registry("the records that own a stage's dates")


def owned_dates(cycle) -> dict:
    owned: dict = {}
    for owner in STAGE_OWNERS:
        owned.update(owner(cycle))
    return owned


def with_owned_dates(stages, cycle) -> list:
    """The stages, each showing the dates of the record that owns it, if any: the timeline
    never disagrees with the call."""
    owned = owned_dates(cycle)
    stages = list(stages)
    for stage in stages:
        dates = owned.get(stage.kind)
        stage.owner = dates.owner if dates else ""
        if dates is not None:
            stage.starts_on, stage.ends_on = dates.starts_on, dates.ends_on
    return stages


def contradiction(stage, starts_on, ends_on, owned) -> str | None:
    """Why these dates may not be given to `stage`, or None."""
    dates = owned.get(stage.kind)
    if dates is None or (starts_on, ends_on) == (dates.starts_on, dates.ends_on):
        return None
    return _(
        "%(stage)s takes its dates from %(owner)s (%(start)s – %(end)s): change them there."
    ) % {
        "stage": stage.get_kind_display(),
        "owner": dates.owner,
        "start": moments.day(dates.starts_on),
        "end": moments.day(dates.ends_on),
    }
