"""The large-instance path of the schedule solver: PDLP's certified bound and the
ejection-chain local search, tested on instances small enough to check exactly."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.optimize import schedule
from jumelage.optimize.schedule import Instance, Meeting, Place, solve, violations
from jumelage.optimize.schedule_search import Search
from tests.optimize.test_schedule import hourly, random_instance


def search_for(instance, protected=frozenset()):
    model = schedule._Model(instance)
    matrix, rhs = model.matrix()
    meeting_of = [m for m, _s, _g in model.candidates]
    search = Search(
        matrix,
        rhs,
        np.array(meeting_of),
        [round(mt.weight * 1000) for mt in instance.meetings],
        [mt.parties for mt in instance.meetings],
        instance.priority_parties,
        set(protected),
    )
    return model, search


def greedy_trap():
    # The heavy meeting of 0 and 1 takes slot 0, the only one 2 has, if placed first.
    return Instance(
        slots=hourly(2),
        places=(Place(venue=None, seats=2, open_slots=frozenset({0, 1}), concurrent=5),),
        available=(frozenset({0, 1}), frozenset({0, 1}), frozenset({0})),
        meetings=(Meeting((0, 1), 3), Meeting((0, 2), 2), Meeting((1, 2), 2)),
    )


def test_an_ejection_chain_moves_a_meeting_to_make_room_for_another():
    instance = greedy_trap()
    model, search = search_for(instance)
    heavy_in_slot_0 = model.candidates.index((0, 0, -1))
    search.start([heavy_in_slot_0])
    assert search.score() == (0, 3000)
    search.improve(float("inf"), [[1, 2]], ceiling=10**9)
    placed = {m: model.candidates[c][1] for m, c in search.placed.items()}
    assert placed == {0: 1, 1: 0}
    assert search.score() == (0, 5000)


def test_a_protected_placement_is_never_ejected():
    instance = greedy_trap()
    model, _ = search_for(instance)
    heavy_in_slot_0 = model.candidates.index((0, 0, -1))
    model, search = search_for(instance, protected={heavy_in_slot_0})
    search.start([heavy_in_slot_0])
    search.improve(float("inf"), [[1, 2]], ceiling=10**9)
    assert search.placed == {0: heavy_in_slot_0}


def test_the_search_undoes_a_move_that_does_not_pay():
    # Inserting meeting 1 (weight 1) would eject meeting 0 (weight 3) with nowhere to go.
    instance = Instance(
        slots=hourly(1),
        places=(Place(None, 2, frozenset({0}), concurrent=2),),
        available=(frozenset({0}),) * 3,
        meetings=(Meeting((0, 1), 3), Meeting((1, 2), 1)),
    )
    _model, search = search_for(instance)
    search.start([0])
    search.improve(float("inf"), [[1]], ceiling=10**9)
    assert search.placed == {0: 0}
    assert search.score() == (0, 3000)
    assert search.journal == []


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_pdlp_certifies_a_bound_never_below_the_exact_lp_and_the_search_stays_feasible(
    seed, travel
):
    instance = random_instance(seed, participants=14, meetings=30, slots=4, travel=travel)
    exact = schedule._Model(instance).lp(5)[1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schedule, "_SIMPLEX_AT_MOST", 0)
        patch.setattr(schedule, "_SEARCH_AT_MOST", 0)  # no CP-SAT: the search alone
        result = solve(instance, time_limit=5)
    assert violations(instance, result.placement) == []
    assert result.upper_bound >= exact - 1e-7
    assert result.upper_bound <= exact * (1 + 1e-3) + 1e-3
    assert result.upper_bound >= result.weight


def test_a_visiting_team_met_by_a_fixed_meeting_gets_no_priority_over_weight():
    # Team 0 already meets 1 in slot 0 (fixed by the organiser): in slot 1, whose one
    # table fits one meeting, the heavier meeting of 3 and 4 goes first.
    instance = Instance(
        slots=hourly(2),
        places=(Place(None, 2, frozenset({0, 1}), concurrent=1),),
        available=(frozenset({0, 1}),) * 5,
        meetings=(
            Meeting((0, 1), 1, fixed=(0, 0)),
            Meeting((0, 2), 1),
            Meeting((3, 4), 3),
        ),
        priority_parties=frozenset({0}),
    )
    result = solve(instance)
    assert result.placement == {0: (0, 0), 2: (1, 0)}
    assert result.priority_without_meeting == 0


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_the_search_alone_keeps_every_previous_placement_that_still_fits(seed):
    instance = random_instance(seed, participants=14, meetings=30, slots=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schedule, "_SIMPLEX_AT_MOST", 0)
        patch.setattr(schedule, "_SEARCH_AT_MOST", 0)
        first = solve(instance, time_limit=5)
        # A third of the schedule is confirmed; the rest is free to change.
        previous = {m: where for m, where in first.placement.items() if m % 3 == 0}
        again = solve(instance, previous=previous, time_limit=5)
    assert violations(instance, again.placement) == []
    assert again.moved == 0
    assert all(again.placement[m] == where for m, where in previous.items())
