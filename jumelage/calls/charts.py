"""Geometry of the submissions-per-day chart, as plain data the template draws as SVG."""

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 200, 36, 24, 12


@dataclass(frozen=True)
class Bar:
    day: dt.date
    count: int
    x: float
    y: float
    width: float
    height: float


def daily_bars(counts: dict, first: dt.date, last: dt.date) -> dict:
    """Bars from `first` to `last` (the call's opening and deadline days) with a y-axis scale."""
    days = max((last - first).days + 1, 1)
    peak = max(counts.values(), default=0) or 1
    step = (WIDTH - LEFT) / days
    plot = HEIGHT - BOTTOM - TOP
    bars = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        count = counts.get(day, 0)
        height = plot * count / peak
        bars.append(
            Bar(day, count, LEFT + offset * step, TOP + plot - height, max(step - 1, 1), height)
        )
    return {
        "bars": bars,
        "peak": peak,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "base": HEIGHT - BOTTOM,
        "top": TOP,
        "total": sum(counts.values()),
    }
