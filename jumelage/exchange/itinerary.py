"""The itinerary as a table grouped by day, as the seed report prints it (date | time |
activity | place), in the local time of each place. Shared by the pages and the report."""

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.utils import formats
from django.utils.translation import gettext as _

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
    """ "7/15 (Sun)": the seed's short date with the weekday."""
    return _("%(date)s (%(weekday)s)") % {
        "date": formats.date_format(day, "MONTH_DAY_FORMAT"),
        "weekday": formats.date_format(day, "D"),
    }


def _zone_note(item, home_zone, zone_names) -> str:
    """Times are local to the place; say whose clock when it is not the host city's."""
    if item.timezone == home_zone:
        return ""
    # A partner city's name when it is theirs, else the zone's own city ("Hong Kong").
    city = zone_names.get(item.timezone) or item.timezone.rsplit("/", 1)[-1].replace("_", " ")
    return " (%s)" % (_("%(city)s time") % {"city": city})


def time_label(item, home_zone="", zone_names=None) -> str:
    if item.starts_at is None:
        text = str(DayPeriod(item.period).label)
    else:
        text = formats.time_format(item.starts_at, "H:i")
        if item.ends_at:
            text += "–" + formats.time_format(item.ends_at, "H:i")
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
