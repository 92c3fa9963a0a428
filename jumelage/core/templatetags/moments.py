"""Template filters for dates and times: every one a person reads goes through
`jumelage.core.moments` (the reader's language, the zone named)."""

from django import template

from jumelage.core import moments

register = template.Library()


@register.filter
def moment(value, zone=None):
    """`{{ event.created|moment }}` in the reader's zone; `|moment:side` in a side's."""
    return moments.moment(value, zone)


@register.filter
def deadline(value, zone):
    """A moment owned by a side, then in the reader's zone where it differs."""
    return moments.moment_for_reader(value, zone)


@register.filter
def day(value):
    return moments.day(value)


@register.filter
def day_of_week(value):
    return moments.day_of_week(value)


@register.filter
def weekday_and_clock(value, zone=None):
    return moments.weekday_and_clock(value, zone)


@register.filter
def month(value):
    return moments.month(value)


@register.filter
def year(value):
    return moments.year(value)


@register.simple_tag
def days(start, end):
    return moments.days(start, end)


@register.filter
def clock(value, zone=None):
    return moments.clock(value, zone)


@register.filter
def zone_name(value, zone=None):
    """The name of the zone a clock time is in, for a row that shows `|clock` alone."""
    return moments.zone_name(value, zone) if value else ""
