"""The geometry of a cycle's timeline as a Gantt chart: plain data the template draws as SVG.

Units are SVG user units in a fixed view box; the browser scales the picture to the page.
"""

import datetime as dt
from dataclasses import dataclass

WIDTH = 960
LABEL_WIDTH = 300  # room for the longest stage name, in French, at 12px
PLOT_RIGHT_MARGIN = 28  # room for the last month's label
HEADER = 40  # two lines of tick labels: month, then year
ROW = 28
BAR = 18


@dataclass(frozen=True)
class Bar:
    label: str
    starts_on: dt.date
    ends_on: dt.date
    status: str  # "done", "current" or "" (upcoming): the CSS class of the rectangle
    x: float
    y: float
    width: float
    height: float
    label_y: float


@dataclass(frozen=True)
class Tick:
    day: dt.date
    x: float
    show_year: bool


@dataclass(frozen=True)
class Gantt:
    width: int
    height: int
    label_width: int
    bars: list[Bar]
    ticks: list[Tick]
    today: dt.date
    today_x: float | None  # None when today falls outside the timeline


def stage_status(stage, today: dt.date) -> str:
    if stage.ends_on < today:
        return "done"
    if stage.starts_on <= today:
        return "current"
    return ""


def gantt(stages, today: dt.date) -> Gantt | None:
    """One row per stage, a tick at each month's first day, and a line at `today`."""
    stages = list(stages)
    if not stages:
        return None
    first = min(stage.starts_on for stage in stages)
    last = max(stage.ends_on for stage in stages) + dt.timedelta(days=1)
    scale = _Scale(first, last)
    bars = [_bar(stage, row, scale, today) for row, stage in enumerate(stages)]
    return Gantt(
        width=WIDTH,
        height=HEADER + ROW * len(stages) + 8,
        label_width=LABEL_WIDTH,
        bars=bars,
        ticks=_ticks(first, last, scale),
        today=today,
        today_x=scale.x(today) if first <= today < last else None,
    )


class _Scale:
    """Maps dates to x positions across the plotting area right of the labels."""

    def __init__(self, first: dt.date, last: dt.date):
        self.first = first
        self.days = max((last - first).days, 1)
        self.span = WIDTH - LABEL_WIDTH - PLOT_RIGHT_MARGIN

    def x(self, day: dt.date) -> float:
        return round(LABEL_WIDTH + (day - self.first).days * self.span / self.days, 1)


def _bar(stage, row: int, scale: _Scale, today: dt.date) -> Bar:
    top = HEADER + row * ROW
    x = scale.x(stage.starts_on)
    end = scale.x(stage.ends_on + dt.timedelta(days=1))
    return Bar(
        label=str(stage),
        starts_on=stage.starts_on,
        ends_on=stage.ends_on,
        status=stage_status(stage, today),
        x=x,
        y=top + (ROW - BAR) / 2,
        width=max(round(end - x, 1), 2.0),  # a one-day stage stays visible
        height=BAR,
        label_y=top + ROW / 2 + 4,
    )


def _ticks(first: dt.date, last: dt.date, scale: _Scale) -> list[Tick]:
    ticks = []
    day = first.replace(day=1)
    if day < first:
        day = _next_month(day)
    while day < last:
        ticks.append(Tick(day=day, x=scale.x(day), show_year=not ticks or day.month == 1))
        day = _next_month(day)
    return ticks


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
