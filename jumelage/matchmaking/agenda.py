"""A participant's agenda as a calendar feed, and the organiser's grids (participants ×
slots, places × slots) from meetings already fetched, so a grid costs a fixed number of
queries whatever its size."""

import icalendar
from django.utils import timezone

from jumelage.matchmaking.enums import MeetingState

PRODID = "-//jumelage//matchmaking agenda//EN"


def _event(meeting, me, stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@jumelage")
    event.add("dtstamp", stamp)
    others = [party.name for party in meeting.parties.all() if party.pk != me.pk]
    event.add("summary", " · ".join(others))
    event.add("dtstart", meeting.slot.starts_at)
    event.add("dtend", meeting.slot.ends_at)
    where = [meeting.place.name] if meeting.place else []
    # A virtual room is nowhere, even in a slot of a venue's day.
    if meeting.slot.venue and not (meeting.place and meeting.place.is_virtual):
        where.append(meeting.slot.venue.name)
    if where:
        event.add("location", ", ".join(where))
    if meeting.place and meeting.place.link:
        event.add("url", meeting.place.link)
    return event


def calendar(me, meetings) -> bytes:
    """The feed of `me`'s scheduled meetings (`meetings` from queries.meetings_of)."""
    feed = icalendar.Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"{me.session.title} · {me.name}")
    stamp = timezone.now()
    for meeting in meetings:
        if meeting.slot_id is not None and meeting.state != MeetingState.CANCELLED:
            feed.add_component(_event(meeting, me, stamp))
    return feed.to_ical()


def grid_rows(participants, slots, meetings) -> list[tuple]:
    """(participant, [meeting or None per slot]) for each participant."""
    cell = {}
    for meeting in meetings:
        if meeting.slot_id is None or meeting.state == MeetingState.CANCELLED:
            continue
        for party in meeting.parties.all():
            cell[party.pk, meeting.slot_id] = meeting
    return [(p, [cell.get((p.pk, s.pk)) for s in slots]) for p in participants]


def place_rows(places, slots, meetings) -> list[tuple]:
    """(place, [meetings per slot]) for each place; a virtual room holds several."""
    cells = {}
    for meeting in meetings:
        if meeting.place_id is not None and meeting.state != MeetingState.CANCELLED:
            cells.setdefault((meeting.place_id, meeting.slot_id), []).append(meeting)
    return [(p, [cells.get((p.pk, s.pk), []) for s in slots]) for p in places]
