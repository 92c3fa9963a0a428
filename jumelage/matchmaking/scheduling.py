"""From the database to the schedule solver and back: each participant's available slots
(their own answers, and for a visiting team its delegation's itinerary), the solver's
instance, and the saving of its placement with confirmed meetings kept where they can be."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.core import events, moments
from jumelage.exchange.models import ItineraryItem
from jumelage.matchmaking.availability import available_slots
from jumelage.matchmaking.enums import MeetingState, RunState
from jumelage.matchmaking.models import Meeting, Participant, ScheduleRun
from jumelage.notifications.services import queue_message
from jumelage.optimize import schedule as solver

LEASE = dt.timedelta(minutes=5)


def _minutes(moment: dt.datetime, origin: dt.datetime) -> int:
    return int((moment - origin).total_seconds() // 60)


def _busy(participant, origin) -> list[tuple[int, int]]:
    if participant.delegation_id is None:
        return []
    items = ItineraryItem.objects.filter(delegation_id=participant.delegation_id)
    return [(_minutes(i.start(), origin), _minutes(i.end(), origin)) for i in items]


def available_slot_ids(participant) -> frozenset[int]:
    """The ids of the session's slots this participant can meet in."""
    slots = list(participant.session.slots.all())
    return _available(participant, slots, _blocked(participant))


def _blocked(participant) -> set[int]:
    answers = participant.availabilities.filter(available=False)
    return set(answers.values_list("slot_id", flat=True))


def _available(participant, slots, blocked) -> frozenset[int]:
    if not slots:
        return frozenset()
    origin = slots[0].starts_at
    intervals = [(_minutes(s.starts_at, origin), _minutes(s.ends_at, origin)) for s in slots]
    free = available_slots(intervals, _busy(participant, origin))
    return frozenset(slots[i].pk for i in free if slots[i].pk not in blocked)


class Build:
    """The solver's instance for a session, with the rows behind its indices."""

    def __init__(self, session):
        self.session = session
        self.slots = list(session.slots.order_by("starts_at", "venue_id"))
        self.places = list(session.places.all())
        self.participants = list(
            Participant.objects.filter(session=session).prefetch_related("availabilities")
        )
        self.meetings = list(
            session.meetings.filter(state__in=(MeetingState.TO_SCHEDULE, MeetingState.SCHEDULED))
            .prefetch_related("parties")
            .order_by("id")
        )
        self.instance = self._instance()
        self.previous = {
            m: (self._slot_index[meeting.slot_id], self._place_index[meeting.place_id])
            for m, meeting in enumerate(self.meetings)
            if meeting.state == MeetingState.SCHEDULED and not meeting.pinned
        }

    def _instance(self) -> solver.Instance:
        self._slot_index = {slot.pk: i for i, slot in enumerate(self.slots)}
        self._place_index = {place.pk: i for i, place in enumerate(self.places)}
        party_index = {p.pk: i for i, p in enumerate(self.participants)}
        venues = sorted({s.venue_id for s in self.slots if s.venue_id is not None})
        venue_index = {v: i for i, v in enumerate(venues)}
        return solver.Instance(
            slots=tuple(self._solver_slot(s) for s in self.slots),
            places=tuple(self._solver_place(p, venue_index) for p in self.places),
            available=tuple(self._solver_available(p) for p in self.participants),
            meetings=tuple(self._solver_meeting(m, party_index) for m in self.meetings),
            travel_minutes=tuple(
                tuple(0 if a == b else self.session.travel_minutes for b in venues) for a in venues
            ),
            priority_parties=frozenset(i for i, p in enumerate(self.participants) if p.is_team),
        )

    def _solver_slot(self, slot):
        origin = self.slots[0].starts_at
        return solver.Slot(_minutes(slot.starts_at, origin), _minutes(slot.ends_at, origin))

    def _solver_place(self, place, venue_index):
        open_slots = frozenset(
            i for i, s in enumerate(self.slots) if place.venue_id in (None, s.venue_id)
        )
        if place.venue_id is None:
            return solver.Place(None, place.seats, open_slots, concurrent=len(self.participants))
        return solver.Place(venue_index[place.venue_id], place.seats, open_slots)

    def _solver_available(self, participant):
        blocked = {a.slot_id for a in participant.availabilities.all() if not a.available}
        ids = _available(participant, self.slots, blocked)
        return frozenset(self._slot_index[pk] for pk in ids)

    def _solver_meeting(self, meeting, party_index):
        parties = tuple(sorted(party_index[p.pk] for p in meeting.parties.all()))
        fixed = None
        if meeting.pinned and meeting.slot_id is not None:
            fixed = (self._slot_index[meeting.slot_id], self._place_index[meeting.place_id])
        return solver.Meeting(parties, float(meeting.priority), fixed)


def run(run_id: int, *, time_limit: float = 20.0) -> ScheduleRun:
    """Solve the session of run `run_id` and save the placement; the run's row carries the
    progress, the figures and, on a refusal by the solver, its message."""
    schedule_run = ScheduleRun.objects.select_related("session").get(pk=run_id)
    build = Build(schedule_run.session)

    def report(fraction, message):
        now = timezone.now()
        ScheduleRun.objects.filter(pk=run_id, state=RunState.RUNNING).update(
            progress=fraction, message=message[:200], heartbeat=now, lease_until=now + LEASE
        )

    try:
        result = solver.solve(
            build.instance, previous=build.previous, time_limit=time_limit, progress=report
        )
    except ValueError as error:
        _finish(run_id, RunState.FAILED, message=str(error)[:200])
        raise
    moved = save(build, result.placement)
    tell_moved(build.session, moved)
    _finish(
        run_id,
        RunState.DONE,
        meetings=len(build.meetings),
        scheduled=len(result.placement),
        moved=len(moved),
        weight=result.weight,
        upper_bound=result.upper_bound,
        optimal=result.optimal,
        seconds=result.seconds,
        progress=1.0,
    )
    schedule_run.refresh_from_db()
    schedule_run.moved_meetings = moved
    return schedule_run


def _finish(run_id, state, **figures):
    ScheduleRun.objects.filter(pk=run_id).update(state=state, finished=timezone.now(), **figures)


def save(build: Build, placement) -> list[Meeting]:
    """Write the placement; returns the confirmed meetings that moved or were unscheduled,
    whose parties must be told."""
    moved = []
    with transaction.atomic():
        for m, meeting in enumerate(build.meetings):
            where = placement.get(m)
            slot = build.slots[where[0]] if where else None
            place = build.places[where[1]] if where else None
            if meeting.slot_id == getattr(slot, "pk", None) and meeting.place_id == getattr(
                place, "pk", None
            ):
                continue
            if meeting.state == MeetingState.SCHEDULED:
                moved.append(meeting)
            meeting.slot, meeting.place = slot, place
            meeting.state = MeetingState.SCHEDULED if where else MeetingState.TO_SCHEDULE
            # The solver read the itinerary afresh: a meeting it moved clashes no more.
            meeting.conflict = ""
            meeting.save(update_fields=["slot", "place", "state", "conflict"])
            if where:
                events.announce(
                    events.MEETING_SCHEDULED, [build.session.host_side_id], meeting_id=meeting.pk
                )
    return moved


def tell_moved(session, moved: list[Meeting]) -> int:
    """One message per participant whose confirmed meetings a run moved or unscheduled,
    listing each meeting's new time; returns how many were queued."""
    by_party: dict[int, tuple] = {}
    for meeting in moved:
        for party in meeting.parties.all():
            by_party.setdefault(party.pk, (party, []))[1].append(meeting)
    for party, meetings in by_party.values():
        _tell(session, party, meetings)
    return len(by_party)


def _tell(session, party, meetings):
    recipient = party.user or User(email=party.email, full_name=party.name)
    if not recipient.email:
        return
    language = party.user.language if party.user else session.host_side.languages[0]
    with translation.override(language):
        changes = "\n".join(f"- {_line(session, party, m)}" for m in meetings)
    queue_message(
        "matchmaking-agenda-changed",
        recipient=recipient,
        language=language,
        side=session.host_side,
        context={
            "name": party.name,
            "session": session.title,
            "changes": changes,
            "link": settings.SITE_URL + reverse("matchmaking:agenda", args=[session.pk]),
        },
    )


def _line(session, party, meeting) -> str:
    others = ", ".join(p.name for p in meeting.parties.all() if p.pk != party.pk)
    if meeting.slot is None:
        return _("%(others)s: not scheduled any more") % {"others": others}
    return _("%(others)s: now %(when)s, %(place)s") % {
        "others": others,
        "when": moments.moment(meeting.slot.starts_at, session.timezone),
        "place": meeting.place.name,
    }
