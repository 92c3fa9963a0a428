"""iCalendar feeds of an itinerary: one per delegation, one per traveller."""

import datetime as dt

import icalendar
from django.utils import timezone

PRODID = "-//jumelage//exchange itinerary//EN"


def _event(item, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"item-{item.pk}@jumelage")
    event.add("dtstamp", stamp)
    event.add("summary", item.activity)
    # Times keep their own zone: a calendar shows them right wherever the reader is.
    event.add("dtstart", item.start())
    event.add("dtend", item.end())
    location = ", ".join(part for part in (item.place, item.address) if part)
    if location:
        event.add("location", location)
    if item.notes:
        event.add("description", item.notes)
    return event


def itinerary_calendar(delegation, items, name: str) -> bytes:
    """`items` already filtered to the reader (the delegation, or one traveller)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for item in items:
        calendar.add_component(_event(item, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def items_for(traveller, items) -> list:
    """The items a traveller attends: those naming them, and those naming nobody."""
    return [item for item in items if not item.attendees.all() or traveller in item.attendees.all()]
