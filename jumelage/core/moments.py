"""The one way a date or a time is shown to a person.

Every moment is written in the reader's language (CLDR patterns, through Babel) and names
its timezone, so that nobody reads a bare UTC time or wonders whose afternoon "5 p.m." is.
A moment that belongs to a side (a call's deadline) is shown in the side's zone, followed
by the reader's own time when the reader lives elsewhere.
"""

import datetime as dt
import zoneinfo

from babel import Locale
from babel.dates import (
    format_interval,
    format_skeleton,
    get_timezone_name,
)
from django.utils import timezone, translation

# CLDR locales for the project's language codes: Traditional Chinese as written in Taiwan.
LOCALES = {"zh-hant": "zh_Hant_TW", "fr": "fr_FR", "en": "en_GB"}
DATE = "yMMMd"
DAY_OF_WEEK = "MMMEd"
# A 24-hour clock in every language: a programme's times read the same to both cities.
TIME = "Hm"


def reader_locale(language: str | None = None) -> Locale:
    code = (language or translation.get_language() or "en").lower()
    return Locale.parse(LOCALES.get(code, LOCALES.get(code.split("-")[0], "en_GB")))


def as_zone(zone) -> dt.tzinfo:
    """A zone given as a ZoneInfo, a name, or anything with a `tzinfo` (a side)."""
    if zone is None:
        return timezone.get_current_timezone()
    if isinstance(zone, str):
        return zoneinfo.ZoneInfo(zone)
    return getattr(zone, "tzinfo", zone)


def zone_name(moment: dt.datetime, zone=None, language: str | None = None) -> str:
    """The zone's long name in the reader's language, for the season of `moment`
    ("heure normale de Taipei", "中歐夏令時間")."""
    local = moment.astimezone(as_zone(zone))
    return get_timezone_name(local, width="long", locale=reader_locale(language))


def moment(value: dt.datetime | None, zone=None, language: str | None = None) -> str:
    """A date and time in `zone` (the reader's by default), its zone named."""
    if value is None:
        return ""
    shown, named = moment_and_zone(value, zone, language)
    return f"{shown} ({named})"


def moment_and_zone(value: dt.datetime, zone=None, language: str | None = None):
    """The date and time, and the zone's name, apart: for a message whose sentence places
    the zone itself ("before {deadline} ({timezone})")."""
    locale = reader_locale(language)
    local = value.astimezone(as_zone(zone))
    shown = locale.datetime_formats["medium"].format(
        format_skeleton(TIME, local, locale=locale), format_skeleton(DATE, local, locale=locale)
    )
    return shown, get_timezone_name(local, width="long", locale=locale)


def moment_for_reader(value: dt.datetime | None, zone, language: str | None = None) -> str:
    """A moment owned by a side: in the side's zone, then in the reader's if it differs."""
    if value is None:
        return ""
    owned = moment(value, zone, language)
    reader = timezone.get_current_timezone()
    if value.astimezone(as_zone(zone)).utcoffset() == value.astimezone(reader).utcoffset():
        return owned
    return f"{owned} · {moment(value, reader, language)}"


def day(value: dt.date | dt.datetime | None, language: str | None = None) -> str:
    """A calendar day ("17 janv. 2027"); a datetime is first read in the reader's zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return format_skeleton(DATE, value, locale=reader_locale(language))


def day_of_week(value: dt.date, language: str | None = None) -> str:
    """A day of a programme, its weekday named ("dim. 17 janv.")."""
    return format_skeleton(DAY_OF_WEEK, value, locale=reader_locale(language))


def day_of_month(value: dt.date, language: str | None = None) -> str:
    """A day without its year, for a chart's axis ("17 janv.", "1月17日")."""
    return format_skeleton("MMMd", value, locale=reader_locale(language))


def weekday_and_clock(value: dt.datetime, zone=None, language: str | None = None) -> str:
    """A slot of a programme grid whose zone is named once above it ("dim. 17 janv. 10:00")."""
    local = value.astimezone(as_zone(zone))
    return f"{day_of_week(local.date(), language)} {clock(local, local.tzinfo, language)}"


def month(value: dt.date, language: str | None = None) -> str:
    """A month alone, for a calendar's ticks ("janv.", "1月")."""
    return format_skeleton("MMM", value, locale=reader_locale(language))


def year(value: dt.date, language: str | None = None) -> str:
    return format_skeleton("y", value, locale=reader_locale(language))


def days(start: dt.date | None, end: dt.date | None, language: str | None = None) -> str:
    """A span of days ("20 mai – 2 juin 2027"), each end shown once."""
    if start is None or end is None:
        return day(start or end, language)
    return format_interval(start, end, DATE, locale=reader_locale(language))


def clock(value: dt.datetime | None, zone=None, language: str | None = None) -> str:
    """The time of day alone, for a row whose day is shown above it."""
    if value is None:
        return ""
    return format_skeleton(TIME, value.astimezone(as_zone(zone)), locale=reader_locale(language))


def file_stamp(value: dt.date) -> str:
    """A day in a file's name ("20270117"): the same in every language, sorting by date."""
    return value.strftime("%Y%m%d")
