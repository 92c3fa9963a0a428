import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.optimize.schedule import (
    Instance,
    Meeting,
    Place,
    Slot,
    greedy,
    solve,
    violations,
)


def hourly(n):
    return tuple(Slot(start=60 * i, end=60 * i + 50) for i in range(n))


def random_instance(seed, participants=12, meetings=20, slots=4, travel=True):
    rng = random.Random(seed)
    every = frozenset(range(slots))
    places = tuple(
        Place(
            venue=rng.choice([0, 1, None]),
            seats=rng.choice([2, 3, 4]),
            open_slots=frozenset(s for s in range(slots) if rng.random() < 0.8),
            concurrent=rng.choice([1, 1, 2]),
        )
        for _ in range(4)
    )
    available = tuple(
        frozenset(s for s in every if rng.random() < 0.75) for _ in range(participants)
    )
    wanted = [
        Meeting(
            parties=tuple(rng.sample(range(participants), rng.choice([2, 2, 3]))),
            weight=rng.choice([1, 2, 3]),
        )
        for _ in range(meetings)
    ]
    return Instance(
        slots=hourly(slots),
        places=places,
        available=available,
        meetings=tuple(wanted),
        travel_minutes=((0, 30), (30, 0)) if travel else (),
        priority_parties=frozenset(range(participants // 3)),
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_a_random_instance_gets_a_feasible_schedule_never_heavier_than_its_bound(seed, travel):
    instance = random_instance(seed, travel=travel)
    result = solve(instance, time_limit=5)
    assert violations(instance, result.placement) == []
    assert result.weight == pytest.approx(
        sum(instance.meetings[m].weight for m in result.placement)
    )
    assert result.upper_bound >= result.weight


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_the_bound_is_above_any_schedule_the_greedy_pass_included(seed):
    instance = random_instance(seed, participants=10, meetings=25, slots=3)
    baseline = greedy(instance)
    assert violations(instance, baseline) == []
    bound = solve(instance, time_limit=5).upper_bound
    assert bound >= sum(instance.meetings[m].weight for m in baseline) - 1e-9


def test_the_bound_is_the_lp_value_even_above_a_proven_optimum():
    # Three parties, one slot: the LP takes each meeting half (1.5), the best schedule one.
    instance = Instance(
        slots=hourly(1),
        places=(Place(None, 2, frozenset({0}), concurrent=3),),
        available=(frozenset({0}),) * 3,
        meetings=(Meeting((0, 1), 1), Meeting((1, 2), 1), Meeting((0, 2), 1)),
    )
    result = solve(instance)
    assert result.weight == 1
    assert result.upper_bound == pytest.approx(1.5, rel=1e-6)
    assert result.optimal  # proved by the search, not by the bound


def test_the_solver_finds_the_optimum_a_greedy_pass_misses():
    # The heavy meeting of 0 and 1 takes the only slot both share with 2 if taken first.
    instance = Instance(
        slots=hourly(2),
        places=(Place(venue=None, seats=2, open_slots=frozenset({0, 1}), concurrent=5),),
        available=(frozenset({0, 1}), frozenset({0, 1}), frozenset({0})),
        meetings=(Meeting((0, 1), 3), Meeting((0, 2), 2), Meeting((1, 2), 2)),
    )
    result = solve(instance)
    assert result.weight == 5
    assert result.optimal
    assert result.upper_bound == pytest.approx(5, abs=1e-3) or result.upper_bound >= 5


def test_travel_between_venues_needs_the_time_between_slots():
    instance = Instance(
        slots=(Slot(0, 50), Slot(60, 110)),
        places=(Place(0, 2, frozenset({0, 1})), Place(1, 2, frozenset({0, 1}))),
        available=(frozenset({0, 1}),) * 3,
        meetings=(Meeting((0, 1), 1, fixed=(0, 0)), Meeting((0, 2), 1)),
        travel_minutes=((0, 30), (30, 0)),
    )
    assert violations(instance, {0: (0, 0), 1: (1, 1)}) == [
        "participant 0 cannot travel between meetings 0 and 1"
    ]
    result = solve(instance)
    assert result.placement == {0: (0, 0), 1: (1, 0)}


def test_a_place_holds_no_more_meetings_than_it_seats_at_once():
    instance = Instance(
        slots=hourly(1),
        places=(Place(None, 2, frozenset({0}), concurrent=1),),
        available=(frozenset({0}),) * 4,
        meetings=(Meeting((0, 1), 1), Meeting((2, 3), 2)),
    )
    result = solve(instance)
    assert result.placement == {1: (0, 0)}
    assert violations(instance, {0: (0, 0), 1: (0, 0)}) == ["place 0 holds 2 meetings in slot 0"]


def test_a_visiting_team_gets_its_only_meeting_before_heavier_ones_of_others():
    instance = Instance(
        slots=hourly(1),
        places=(Place(None, 2, frozenset({0}), concurrent=1),),
        available=(frozenset({0}),) * 3,
        meetings=(Meeting((0, 1), 3), Meeting((2, 1), 1)),
        priority_parties=frozenset({2}),
    )
    result = solve(instance)
    assert result.placement == {1: (0, 0)}
    assert result.priority_without_meeting == 0
    assert result.min_meetings_priority == 1
    assert result.upper_bound >= 3


def test_a_cancellation_moves_no_other_meeting():
    instance = random_instance(7, participants=16, meetings=30, slots=5)
    first = solve(instance, time_limit=5)
    cancelled = min(first.placement)
    remaining = tuple(
        m if i != cancelled else Meeting(m.parties, m.weight)
        for i, m in enumerate(instance.meetings)
    )
    # The cancelled meeting stays in the list with its slots removed from one party.
    party = remaining[cancelled].parties[0]
    available = list(instance.available)
    available[party] = frozenset()
    changed = Instance(
        instance.slots,
        instance.places,
        tuple(available),
        remaining,
        instance.travel_minutes,
        instance.priority_parties,
    )
    previous = {
        m: where
        for m, where in first.placement.items()
        if party not in instance.meetings[m].parties
    }
    again = solve(changed, previous=previous, time_limit=5)
    assert violations(changed, again.placement) == []
    assert again.moved == 0
    assert again.moved_meetings == ()
    assert all(again.placement[m] == where for m, where in previous.items())


def cancellation_instance(meetings):
    return Instance(
        slots=hourly(3),
        places=(Place(None, 2, frozenset({0, 1, 2}), concurrent=1),),
        available=(frozenset({0, 1, 2}),) * 6,
        meetings=meetings,
    )


def test_a_cancellation_leaves_every_other_meeting_where_it_was_though_a_heavier_fits():
    # Meeting 1 is cancelled (participant 2 leaves) and a heavier meeting 2 arrives: it
    # fits in a free slot, so meeting 0 stays where it was.
    first = cancellation_instance((Meeting((0, 1), 1), Meeting((2, 3), 1)))
    previous = solve(first).placement
    after = cancellation_instance((Meeting((0, 1), 1), Meeting((2, 3), 1), Meeting((4, 5), 3)))
    available = list(after.available)
    available[2] = frozenset()
    after = Instance(after.slots, after.places, tuple(available), after.meetings)
    kept = {0: previous[0]}
    again = solve(after, previous=kept)
    assert again.placement[0] == previous[0]
    assert 2 in again.placement
    assert again.moved == 0
    assert again.moved_meetings == ()


def test_a_late_request_that_needs_a_confirmed_meeting_moved_waits():
    # Participant 2 can meet only in slot 0, where 0 and 1 already meet: keeping confirmed
    # meetings comes first, so the late request stays unscheduled.
    slots = hourly(2)
    place = (Place(None, 2, frozenset({0, 1}), concurrent=2),)
    available = (frozenset({0, 1}), frozenset({0, 1}), frozenset({0}), *[frozenset({0, 1})] * 2)
    before = (Meeting((0, 1), 1), Meeting((3, 4), 1))
    previous = {0: (0, 0), 1: (1, 0)}
    late = Instance(slots, place, available, (*before, Meeting((0, 2), 3)))
    again = solve(late, previous=previous)
    assert again.placement == previous
    assert again.moved_meetings == ()


def test_a_meeting_that_can_no_longer_stay_moves_alone_and_is_named():
    # Participant 0's itinerary now keeps them away in slot 0: meeting 0 moves to slot 1,
    # meeting 1 stays.
    slots = hourly(2)
    place = (Place(None, 2, frozenset({0, 1}), concurrent=2),)
    available = (frozenset({1}), *[frozenset({0, 1})] * 4)
    meetings = (Meeting((0, 1), 1), Meeting((3, 4), 1))
    previous = {0: (0, 0), 1: (1, 0)}
    again = solve(Instance(slots, place, available, meetings), previous=previous)
    assert again.placement == {0: (1, 0), 1: (1, 0)}
    assert again.moved == 1
    assert again.moved_meetings == (0,)


@pytest.mark.parametrize(
    ("meeting", "message"),
    [
        (Meeting((0,), 1), "two or more distinct parties"),
        (Meeting((0, 9), 1), "out of range"),
        (Meeting((0, 1), 0), "must be > 0"),
        (Meeting((0, 1), 1, fixed=(1, 0)), "closed in slot 1"),
    ],
)
def test_bad_input_raises_a_value_error_saying_what_is_wrong(meeting, message):
    instance = Instance(
        slots=hourly(2),
        places=(Place(None, 2, frozenset({0})),),
        available=(frozenset({0, 1}),) * 2,
        meetings=(meeting,),
    )
    with pytest.raises(ValueError, match=message):
        solve(instance)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"available": (frozenset({0, 5}), frozenset({0}))}, "available in a slot that does not"),
        ({"places": (Place(None, 1, frozenset({0})),)}, "seat two or more"),
        ({"places": (Place(None, 2, frozenset({7})),)}, "opens in a slot that does not exist"),
    ],
)
def test_bad_slots_or_places_raise_a_value_error_saying_what_is_wrong(change, message):
    fields = {
        "slots": hourly(2),
        "places": (Place(None, 2, frozenset({0})),),
        "available": (frozenset({0, 1}),) * 2,
        "meetings": (Meeting((0, 1), 1),),
    }
    with pytest.raises(ValueError, match=message):
        solve(Instance(**{**fields, **change}))


def test_a_previous_placement_in_a_place_that_does_not_exist_is_refused():
    instance = Instance(
        slots=hourly(1),
        places=(Place(None, 2, frozenset({0})),),
        available=(frozenset({0}),) * 2,
        meetings=(Meeting((0, 1), 1),),
    )
    with pytest.raises(ValueError, match="no slot 0 or place 3"):
        solve(instance, previous={0: (0, 3)})


def test_progress_is_reported_up_to_completion():
    seen = []
    solve(random_instance(1), progress=lambda fraction, message: seen.append(fraction))
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
