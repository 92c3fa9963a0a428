"""Which session slots a participant can meet in, and which meetings a change breaks.

Plain data, no Django: times are minutes from the session's origin, as in the schedule
solver's `Slot`. A visiting team is busy while its delegation's itinerary has it elsewhere;
a slot that overlaps any busy interval even by one minute is not available, since a meeting
cannot start late or end early for a delegation still on its bus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Interval = tuple[int, int]


def available_slots(slots: Sequence[Interval], busy: Sequence[Interval]) -> frozenset[int]:
    """The indices of `slots` that overlap none of the `busy` intervals (half-open)."""
    return frozenset(
        index
        for index, slot in enumerate(slots)
        if not any(_overlap(slot, interval) for interval in busy)
    )


def broken_meetings(
    placement: Mapping[int, int],
    parties: Sequence[Sequence[int]],
    available: Sequence[frozenset[int]],
) -> list[int]:
    """The meetings of `placement` (meeting -> slot) that a party can no longer attend,
    in meeting order: the ones to flag, and to tell their parties about, after a change."""
    return sorted(
        meeting
        for meeting, slot in placement.items()
        if any(slot not in available[party] for party in parties[meeting])
    )


def _overlap(first: Interval, second: Interval) -> bool:
    return first[0] < second[1] and second[0] < first[1]
