"""The itinerary as a table grouped by day, as the seed report prints it (date | time |
activity | place), in the local time of each place. Shared by the pages and the report."""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.utils.translation import gettext as _

from jumelage.core import moments
from jumelage.exchange.enums import DayPeriod


@dataclass(frozen=True)
class Row:
    item: object
    time: str
    activity: str
    place: str
    address: str


@dataclass(frozen=True)
class Day:
    date: dt.date
    label: str
    rows: list


def day_label(day: dt.date) -> str:
    """ "Sun 15 Jul": the seed's short date with the weekday, in the reader's language."""
    return moments.day_of_week(day)


def _zone_note(item, home_zone, zone_names) -> str:
    """Times are local to the place; say whose clock when it is not the host city's."""
    if item.timezone == home_zone:
        return ""
    if item.timezone in zone_names:
        return " (%s)" % (_("%(city)s time") % {"city": zone_names[item.timezone]})
    # Any other zone by its own name in the reader's language ("香港標準時間").
    return f" ({moments.zone_name(item.start(), item.tzinfo)})"


def time_label(item, home_zone="", zone_names=None) -> str:
    if item.starts_at is None:
        text = str(DayPeriod(item.period).label)
    else:
        text = moments.clock(item.start(), item.tzinfo)
        if item.ends_at:
            text += "–" + moments.clock(item.end(), item.tzinfo)
    return text + _zone_note(item, home_zone, zone_names or {})


def _sort_key(item):
    # Within a day: exact times in order, a part of the day at its window's start.
    return item.day, item.start().timetz().replace(tzinfo=None), item.pk


def days(delegation, items) -> list[Day]:
    """The items grouped by day; `delegation.side` and `host_side` name the clocks."""
    sides = (delegation.host_side, delegation.side)
    zone_names = {side.timezone: side.city for side in reversed(sides)}
    home = delegation.host_side.timezone
    ordered = sorted(items, key=_sort_key)
    return [
        Day(
            day,
            day_label(day),
            [
                Row(
                    item,
                    time_label(item, home, zone_names),
                    item.activity,
                    item.place,
                    item.address,
                )
                for item in group
            ],
        )
        for day, group in groupby(ordered, key=lambda item: item.day)
    ]
