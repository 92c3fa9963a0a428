"""A meeting schedule for business matchmaking: accepted meetings into slots and places.

Plain data in and out. A meeting is placed in one (slot, place); the rules are those of
`violations`. The model is time-indexed over (meeting, slot, venue group): the places of
one venue (or all virtual rooms) form a group, and inside a group the places differ only
by seats, so a group's meetings of a slot fit its places exactly when, for every seat
count k, the meetings of k parties or more are no more than the places of k seats or
more can hold (Hall's condition on nested sets). The places themselves are then given
largest meeting first.

Objective, lexicographic (tiers that cannot trade against each other):

1. with `previous`, keep as many of its placements as can still be kept (nobody's
   confirmed meeting moves to make room for a better one);
2. fairness: the number of priority parties (visiting teams) with at least one meeting;
3. the total weight.

So a visiting team's only possible meeting is scheduled even when two heavier meetings
of others would fit in its place; weight decides among schedules equally fair. The
upper bound is the LP relaxation of the same time-indexed model for weight alone, which
no schedule's weight exceeds, fair or not; it is certified from the LP's duals, so it
stays a bound when the LP solver stops short.

The search: the LP's rounding, improved by ejection chains (`schedule_search`), then on
a model small enough CP-SAT over what the LP and the search leave open, with the tiers
as one weighted objective.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.pdlp import solvers_pb2
from ortools.pdlp.python import pdlp
from ortools.sat.python import cp_model
from scipy.optimize import linprog
from scipy.sparse import csc_matrix, csr_matrix

from jumelage.optimize.schedule_search import Search

# Weights are real numbers; CP-SAT wants integers: this many units per weight point.
_WEIGHT_SCALE = 1000
_VIRTUAL = -1
# More free candidates than this (the LP stopped short of its optimum, so little of it is
# integral) take longer to build in CP-SAT than a run has: the greedy rounding stands.
_SEARCH_AT_MOST = 40_000
# Up to this many candidates the LP goes to HiGHS's simplex (exact), beyond to PDLP.
_SIMPLEX_AT_MOST = 3_000
# PDLP's relative optimality tolerance; the duals are certified whatever it stops at.
_PDLP_TOLERANCE = 1e-4
# The local search inserts first the meetings whose best reduced cost is above minus this.
_PRICED_IN = 0.05


@dataclass(frozen=True)
class Slot:
    start: int  # minutes from a fixed origin (e.g. the session's first day at 00:00)
    end: int


@dataclass(frozen=True)
class Place:
    venue: int | None  # index of the venue (travel_minutes rows); None: a virtual room
    seats: int  # the most parties one meeting there may have
    open_slots: frozenset[int]  # slot indices in which it can be used
    concurrent: int = 1  # meetings it holds at once (a table: 1; a virtual room: many)


@dataclass(frozen=True)
class Meeting:
    parties: tuple[int, ...]  # participant indices, two or more
    weight: float  # > 0: its priority (must meet > would like)
    fixed: tuple[int, int] | None = None  # (slot, place) pinned by an organiser


@dataclass(frozen=True)
class Instance:
    slots: tuple[Slot, ...]
    places: tuple[Place, ...]
    available: tuple[frozenset[int], ...]  # per participant: the slots they can meet in
    meetings: tuple[Meeting, ...]
    travel_minutes: tuple[tuple[int, ...], ...] = ()  # venue × venue; (): no travel rule
    priority_parties: frozenset[int] = frozenset()  # the visiting teams


@dataclass
class Schedule:
    placement: dict[int, tuple[int, int]]  # meeting -> (slot, place); unscheduled absent
    weight: float
    upper_bound: float  # LP relaxation bound, never below weight
    optimal: bool
    moved: int  # meetings of `previous` now elsewhere or unscheduled
    min_meetings_priority: int  # fewest meetings of a priority party with a feasible one
    priority_without_meeting: int  # priority parties with a feasible meeting but none
    seconds: float
    moved_meetings: tuple[int, ...] = ()  # the meetings of `previous` counted in `moved`


def _group(place: Place) -> int:
    return _VIRTUAL if place.venue is None else place.venue


def _needs_travel(instance: Instance, s: int, v: int, t: int, w: int) -> bool:
    """Whether being at venue group v in slot s and w in slot t breaks the travel rule."""
    if not instance.travel_minutes or v == w or _VIRTUAL in (v, w) or s == t:
        return False
    if s > t:
        s, t, v, w = t, s, w, v
    gap = instance.slots[t].start - instance.slots[s].end
    return gap < instance.travel_minutes[v][w]


def violations(instance: Instance, placement: dict[int, tuple[int, int]]) -> list[str]:
    """Every broken rule of a placement (double booking, a slot outside a party's
    availability, a closed or full place, too few seats, travel between venues); [] if
    feasible."""
    problems: list[str] = []
    used: dict[tuple[int, int], int] = defaultdict(int)
    visits: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for m, (s, p) in sorted(placement.items()):
        if not 0 <= m < len(instance.meetings):
            problems.append(f"meeting {m} does not exist")
            continue
        if not 0 <= s < len(instance.slots) or not 0 <= p < len(instance.places):
            problems.append(f"meeting {m}: slot {s} or place {p} does not exist")
            continue
        meeting, place = instance.meetings[m], instance.places[p]
        if s not in place.open_slots:
            problems.append(f"meeting {m}: place {p} is closed in slot {s}")
        if len(meeting.parties) > place.seats:
            problems.append(
                f"meeting {m}: {len(meeting.parties)} parties, place {p} seats {place.seats}"
            )
        used[s, p] += 1
        for party in meeting.parties:
            if s not in instance.available[party]:
                problems.append(f"meeting {m}: participant {party} is not available in slot {s}")
            visits[party].append((s, _group(place), m))
    for (s, p), count in sorted(used.items()):
        if count > instance.places[p].concurrent:
            problems.append(f"place {p} holds {count} meetings in slot {s}")
    for party, seen in sorted(visits.items()):
        problems.extend(_party_conflicts(instance, party, sorted(seen)))
    return problems


def _party_conflicts(instance: Instance, party: int, seen: list[tuple[int, int, int]]):
    for i, (s, v, m) in enumerate(seen):
        for t, w, n in seen[i + 1 :]:
            if s == t:
                yield f"participant {party} is in meetings {m} and {n} in slot {s}"
            elif _needs_travel(instance, s, v, t, w):
                yield f"participant {party} cannot travel between meetings {m} and {n}"


def _validate(instance: Instance, previous: dict[int, tuple[int, int]] | None) -> None:
    n = len(instance.available)
    for m, meeting in enumerate(instance.meetings):
        if len(set(meeting.parties)) < 2 or len(set(meeting.parties)) != len(meeting.parties):
            raise ValueError(f"meeting {m} needs two or more distinct parties")
        if not all(0 <= party < n for party in meeting.parties):
            raise ValueError(f"meeting {m} names a participant out of range (0..{n - 1})")
        if not meeting.weight > 0:
            raise ValueError(f"meeting {m} has weight {meeting.weight}; it must be > 0")
    for party in instance.priority_parties:
        if not 0 <= party < n:
            raise ValueError(f"priority party {party} is out of range (0..{n - 1})")
    venues = {p.venue for p in instance.places if p.venue is not None}
    if instance.travel_minutes and any(v >= len(instance.travel_minutes) for v in venues):
        raise ValueError("a place's venue has no row in travel_minutes")
    for i, slot in enumerate(instance.slots):
        if slot.end < slot.start:
            raise ValueError(f"slot {i} ends before it starts")
    _validate_slots_and_places(instance)
    fixed = {m: mt.fixed for m, mt in enumerate(instance.meetings) if mt.fixed is not None}
    broken = violations(instance, fixed)
    if broken:
        raise ValueError("fixed placements break a rule: " + "; ".join(broken))
    for m, (s, p) in (previous or {}).items():
        if not 0 <= m < len(instance.meetings):
            raise ValueError(f"previous placement of meeting {m}: no such meeting")
        if not (0 <= s < len(instance.slots) and 0 <= p < len(instance.places)):
            raise ValueError(f"previous placement of meeting {m}: no slot {s} or place {p}")


def _validate_slots_and_places(instance: Instance) -> None:
    slots = range(len(instance.slots))
    for q, free in enumerate(instance.available):
        if not free <= frozenset(slots):
            raise ValueError(f"participant {q} is available in a slot that does not exist")
    for p, place in enumerate(instance.places):
        if not place.open_slots <= frozenset(slots):
            raise ValueError(f"place {p} opens in a slot that does not exist")
        if place.seats < 2 or place.concurrent < 1:
            raise ValueError(f"place {p} must seat two or more and hold one meeting or more")
        if place.venue is not None and place.venue < 0:
            raise ValueError(f"place {p} has a negative venue")


class _Model:
    """Candidates (meeting, slot, group), residual capacities and the constraint rows
    shared by the LP bound and CP-SAT."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.residual = [
            [p.concurrent if s in p.open_slots else 0 for p in instance.places]
            for s in range(len(instance.slots))
        ]
        for meeting in instance.meetings:
            if meeting.fixed is not None:
                s, p = meeting.fixed
                self.residual[s][p] -= 1
        self.candidates: list[tuple[int, int, int]] = []
        seats = self._seats_by_slot_group()
        for m, meeting in enumerate(instance.meetings):
            if meeting.fixed is not None:
                continue
            slots = frozenset.intersection(*(instance.available[q] for q in meeting.parties))
            size = len(meeting.parties)
            for s in sorted(slots):
                for g, largest in seats[s].items():
                    if largest >= size:
                        self.candidates.append((m, s, g))
        self.rows: list[tuple[list[int], int]] = []  # (candidate indices, right-hand side)
        self._matrix = None
        self._weights = None
        self._party_rows()
        self._capacity_rows()

    def _seats_by_slot_group(self) -> list[dict[int, int]]:
        seats: list[dict[int, int]] = [{} for _ in self.instance.slots]
        for s, row in enumerate(self.residual):
            for p, left in enumerate(row):
                if left > 0:
                    g = _group(self.instance.places[p])
                    seats[s][g] = max(seats[s].get(g, 0), self.instance.places[p].seats)
        return seats

    def _party_rows(self) -> None:
        """One meeting per party and slot; a meeting placed once; travel between groups;
        fixed meetings count as already there."""
        instance = self.instance
        by_meeting: dict[int, list[int]] = defaultdict(list)
        by_party: dict[int, dict[tuple[int, int], list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for c, (m, s, g) in enumerate(self.candidates):
            by_meeting[m].append(c)
            for q in instance.meetings[m].parties:
                by_party[q][s, g].append(c)
        self.rows.extend((cs, 1) for cs in by_meeting.values())
        self.meeting_rows = len(by_meeting)
        pinned: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for meeting in instance.meetings:
            if meeting.fixed is not None:
                s, p = meeting.fixed
                for q in meeting.parties:
                    pinned[q].append((s, _group(instance.places[p])))
        # Per (slot, group), the later (slot, group) pairs too far apart to travel between.
        keys = sorted({(s, g) for _m, s, g in self.candidates})
        clashes = {
            (s, v): [(t, w) for t, w in keys[i + 1 :] if _needs_travel(instance, s, v, t, w)]
            for i, (s, v) in enumerate(keys)
        }
        for q, cells in by_party.items():
            blocked = set()
            for fs, fg in pinned[q]:
                blocked.update(
                    c
                    for (s, g), cs in cells.items()
                    for c in cs
                    if s == fs or _needs_travel(instance, fs, fg, s, g)
                )
            self.rows.extend(([c], 0) for c in sorted(blocked))
            per_slot: dict[int, list[int]] = defaultdict(list)
            for (s, _g), cs in cells.items():
                per_slot[s].extend(cs)
            self.rows.extend((cs, 1) for cs in per_slot.values() if len(cs) > 1)
            for key in sorted(cells):
                for other in clashes[key]:
                    if other in cells:
                        self.rows.append((cells[key] + cells[other], 1))

    def _capacity_rows(self) -> None:
        instance = self.instance
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for c, (_m, s, g) in enumerate(self.candidates):
            cells[s, g].append(c)
        size = [len(mt.parties) for mt in instance.meetings]
        for (s, g), cs in cells.items():
            places = [
                p
                for p, left in enumerate(self.residual[s])
                if left > 0 and _group(instance.places[p]) == g
            ]
            of = [size[self.candidates[c][0]] for c in cs]
            for k in sorted(set(of)):
                room = sum(self.residual[s][p] for p in places if instance.places[p].seats >= k)
                members = [c for c, n in zip(cs, of, strict=True) if n >= k]
                if len(members) > room:
                    self.rows.append((members, room))

    def weights(self) -> np.ndarray:
        if self._weights is None:
            weight = [mt.weight for mt in self.instance.meetings]
            self._weights = np.array([weight[m] for m, _s, _g in self.candidates], dtype=float)
        return self._weights

    def matrix(self):
        """The rows as a sparse matrix and their right-hand sides (built once)."""
        if self._matrix is None:
            self._matrix = self._build_matrix()
        return self._matrix

    def _build_matrix(self):
        lengths = np.array([len(cs) for cs, _bound in self.rows], dtype=np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)))
        cols = np.fromiter(
            (c for cs, _bound in self.rows for c in cs), dtype=np.int64, count=int(starts[-1])
        )
        shape = (len(self.rows), len(self.candidates))
        matrix = csr_matrix((np.ones(len(cols)), cols, starts), shape=shape)
        return matrix, np.array([bound for _cs, bound in self.rows], dtype=float)

    def fixed_weight(self) -> float:
        return sum(mt.weight for mt in self.instance.meetings if mt.fixed is not None)

    def lp(self, seconds: float) -> tuple[np.ndarray, float]:
        """The time-indexed LP relaxation for weight alone: its solution and a bound
        certified from its duals. HiGHS's dual simplex solves a small model exactly;
        a large one goes to PDLP (first-order, sparse, in C++), to _PDLP_TOLERANCE.
        Any duals y >= 0 of the rows other than "a meeting placed once" bound every
        schedule by b.y plus, per meeting, the best positive reduced cost w - A'y of its
        candidates (a meeting is placed at most once), so the figure is a bound even
        if the solver stops short or rounds."""
        weights = self.weights()
        self.best = np.zeros(len(self.instance.meetings))
        if not self.candidates:
            return weights, self.fixed_weight()
        matrix, rhs = self.matrix()
        if len(self.candidates) <= _SIMPLEX_AT_MOST:
            values, duals = _highs(matrix, rhs, weights, seconds)
        else:
            values, duals = _pdlp(matrix, rhs, weights, seconds)
        duals = np.maximum(np.nan_to_num(duals), 0.0)
        duals[: self.meeting_rows] = 0.0
        reduced = weights - matrix.T @ duals
        meeting_of = np.array([m for m, _s, _g in self.candidates])
        best = np.zeros(len(self.instance.meetings))
        np.maximum.at(best, meeting_of, reduced)
        bound = float(rhs @ duals + best.sum())
        # Stopped short, the duals may bound worse than scheduling every meeting would.
        every = sum(self.instance.meetings[m].weight for m in set(meeting_of.tolist()))
        self.best = best
        return values, self.fixed_weight() + min(bound * (1 + 1e-9), every)


def _highs(matrix, rhs, weights, seconds) -> tuple[np.ndarray, np.ndarray]:
    result = linprog(
        -weights,
        A_ub=matrix,
        b_ub=rhs,
        bounds=(0.0, 1.0),
        method="highs-ds",
        options={"time_limit": max(seconds, 0.5)},
    )
    if result.x is None:
        return np.zeros(len(weights)), np.full(len(rhs), np.max(weights))
    return result.x, -result.ineqlin.marginals


def _pdlp(matrix, rhs, weights, seconds) -> tuple[np.ndarray, np.ndarray]:
    program = pdlp.QuadraticProgram()
    program.resize_and_initialize(matrix.shape[1], matrix.shape[0])
    program.objective_vector = -weights
    program.constraint_matrix = csc_matrix(matrix)
    program.constraint_lower_bounds = np.full(matrix.shape[0], -np.inf)
    program.constraint_upper_bounds = rhs
    program.variable_lower_bounds = np.zeros(matrix.shape[1])
    program.variable_upper_bounds = np.ones(matrix.shape[1])
    params = solvers_pb2.PrimalDualHybridGradientParams()
    criteria = params.termination_criteria
    criteria.simple_optimality_criteria.eps_optimal_relative = _PDLP_TOLERANCE
    criteria.simple_optimality_criteria.eps_optimal_absolute = _PDLP_TOLERANCE
    criteria.time_sec_limit = max(seconds, 0.5)
    params.num_threads = 2  # fixed: the same instance gives the same figures
    params.verbosity_level = 0
    result = pdlp.primal_dual_hybrid_gradient(program, params)
    return np.clip(np.nan_to_num(result.primal_solution), 0.0, 1.0), -result.dual_solution


def _assign_places(
    instance: Instance, model: _Model, chosen: list[int], previous: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """Places for the chosen candidates: those still in their previous slot to their
    previous place, then the others largest first, each to the smallest free place that
    seats it; when that fails, largest first throughout (previous place preferred), and
    as a last resort without previous places (Hall's condition makes that one fit)."""
    placement = {m: mt.fixed for m, mt in enumerate(instance.meetings) if mt.fixed is not None}
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for c in chosen:
        m, s, g = model.candidates[c]
        cells[s, g].append(m)
    for (s, g), meetings in cells.items():
        places = [
            p
            for p, left in enumerate(model.residual[s])
            if left > 0 and _group(instance.places[p]) == g
        ]
        residual = model.residual[s]
        result = (
            _fill(instance, s, places, meetings, residual, previous, kept_first=True)
            or _fill(instance, s, places, meetings, residual, previous)
            or _fill(instance, s, places, meetings, residual, {})
        )
        placement.update(result)
    return placement


def _fill(instance, s, places, meetings, residual, previous, kept_first=False):
    left = {p: residual[p] for p in places}
    by_seats = sorted(places, key=lambda p: instance.places[p].seats)
    placed = {}

    def stays(m):
        wanted = previous.get(m)
        return wanted is not None and wanted[0] == s and wanted[1] in left

    def key(m):
        return (kept_first and not stays(m), -len(instance.meetings[m].parties), m)

    for m in sorted(meetings, key=key):
        size = len(instance.meetings[m].parties)
        wanted = previous.get(m)
        if stays(m) and left[wanted[1]] > 0 and instance.places[wanted[1]].seats >= size:
            p = wanted[1]
        else:
            p = next(
                (p for p in by_seats if left[p] > 0 and instance.places[p].seats >= size), None
            )
            if p is None:
                return None
        left[p] -= 1
        placed[m] = (s, p)
    return placed


def _greedy(model: _Model, order: list[int]) -> list[int]:
    """A feasible choice of candidates: each in `order` taken when no row forbids it."""
    load = [0] * len(model.rows)
    rows_of: list[list[int]] = [[] for _ in model.candidates]
    for r, (cs, _bound) in enumerate(model.rows):
        for c in cs:
            rows_of[c].append(r)
    chosen = []
    for c in order:
        if all(load[r] < model.rows[r][1] for r in rows_of[c]):
            for r in rows_of[c]:
                load[r] += 1
            chosen.append(c)
    return chosen


def greedy(instance: Instance) -> dict[int, tuple[int, int]]:
    """The baseline: meetings by weight, heaviest first, each in its first free slot."""
    _validate(instance, None)
    model = _Model(instance)
    weights = model.weights()
    order = sorted(range(len(model.candidates)), key=lambda c: -weights[c])
    return _assign_places(instance, model, _greedy(model, order), {})


def solve(
    instance: Instance,
    *,
    previous: dict[int, tuple[int, int]] | None = None,
    time_limit: float = 30.0,
    progress: Callable[[float, str], None] | None = None,
) -> Schedule:
    """The fairest, then heaviest schedule (see the module's docstring), keeping first
    what `previous` can still keep; raises ValueError on malformed input or fixed
    placements that break a rule.

    The LP relaxation gives the bound and a guide: HiGHS's simplex on a tiny model,
    PDLP (a first-order method over the sparse matrix) beyond, the bound certified from
    the duals either way. The LP's rounding (kept placements first, then meetings by
    their LP share) is improved by ejection chains, the priority parties left without a
    meeting first, then the meetings the duals price in. Up to _SEARCH_AT_MOST
    candidates, CP-SAT then searches what the LP and the search leave open (both fix
    the candidates they agree on), from the search's schedule; on 2,000 participants the
    whole model is too big for CP-SAT to improve on that in 30 s. Everything stops
    early when every tier is at its ceiling, which is what `optimal` means there: all
    kept placements kept, every priority party met, the weight at the bound (its whole
    part when every weight is whole); with nothing fixed, CP-SAT's own proof counts
    too.
    """
    started = time.monotonic()
    report = progress or (lambda fraction, message: None)
    previous = dict(previous or {})
    _validate(instance, previous)
    report(0.0, "building the model")
    model = _Model(instance)
    values, bound = model.lp(time_limit / 3)
    report(0.3, "LP bound computed")
    kept = _kept(instance, model, previous)
    best = _best_possible(instance, bound)
    search = _local_search(instance, model, values, kept, best, started + 0.85 * time_limit)
    report(0.6, "local search done")
    chosen = search.chosen()
    optimal = _at_ceiling(instance, model, chosen, kept, best)
    if not optimal and len(model.candidates) <= _SEARCH_AT_MOST:
        pinned = _free_unmet(instance, model, [c for c in chosen if c in kept or values[c] > 0.99])
        deadline = started + 0.9 * time_limit
        chosen, optimal = _cp_sat(
            instance, model, kept, chosen, pinned, best, deadline, search.rows_of
        )
    report(0.9, "assigning places")
    placement = _assign_places(instance, model, chosen, previous)
    weight = float(sum(instance.meetings[m].weight for m in placement))
    counts = _priority_counts(instance, model, placement)
    moved = tuple(sorted(m for m, where in previous.items() if placement.get(m) != where))
    report(1.0, "done")
    return Schedule(
        placement=placement,
        weight=weight,
        upper_bound=max(bound, weight),
        optimal=bool(optimal),
        moved=len(moved),
        min_meetings_priority=min(counts.values(), default=0),
        priority_without_meeting=sum(1 for c in counts.values() if c == 0),
        seconds=time.monotonic() - started,
        moved_meetings=moved,
    )


def _fixed_parties(instance: Instance) -> set[int]:
    return {q for mt in instance.meetings if mt.fixed is not None for q in mt.parties}


def _best_possible(instance: Instance, bound: float) -> float:
    """The most a schedule can weigh by the bound: with whole weights, its whole part."""
    if all(float(mt.weight).is_integer() for mt in instance.meetings):
        return float(math.floor(bound))
    return bound


def _local_search(instance, model, values, kept, bound, deadline) -> Search:
    """The LP's rounding (kept placements first, then meetings by their LP share, each
    in its likeliest slot), improved by ejection chains: first for the priority parties
    it leaves without a meeting, then for the meetings the LP's duals price in (best
    reduced cost above -_PRICED_IN), then for every meeting, heaviest first."""
    meetings = instance.meetings
    n = len(meetings)
    meeting_of = np.array([m for m, _s, _g in model.candidates], dtype=np.int64)
    matrix, rhs = model.matrix()
    search = Search(
        matrix,
        rhs,
        meeting_of,
        [round(mt.weight * _WEIGHT_SCALE) for mt in meetings],
        [mt.parties for mt in meetings],
        instance.priority_parties,
        kept,
        already_met=sorted(_fixed_parties(instance)),
    )
    if not model.candidates:
        return search
    share = np.round(np.bincount(meeting_of, weights=values, minlength=n), 2)
    is_kept = np.zeros(len(model.candidates), dtype=bool)
    is_kept[list(kept)] = True
    search.start(np.lexsort((-values, -share[meeting_of], ~is_kept)).tolist())
    heaviest = sorted(range(n), key=lambda m: (-meetings[m].weight, m))

    unmet = [
        m
        for m in heaviest
        if any(
            q in instance.priority_parties and not search.count.get(q) for q in meetings[m].parties
        )
    ]
    priced = sorted(
        (m for m in range(n) if model.best[m] > -_PRICED_IN),
        key=lambda m: (-share[m], -meetings[m].weight, m),
    )
    ceiling = round(_WEIGHT_SCALE * (bound - model.fixed_weight()) * (1 - 1e-9))
    search.improve(deadline, [unmet, priced, heaviest], ceiling)
    return search


def _at_ceiling(instance, model, chosen, kept, bound) -> bool:
    """Whether every tier is at its ceiling: every keepable placement kept, every
    priority party with a candidate met, the weight at the bound."""
    meetings = {model.candidates[c][0] for c in chosen}
    weight = model.fixed_weight() + sum(instance.meetings[m].weight for m in meetings)
    keepable = {model.candidates[c][0] for c in kept}
    if len(set(chosen) & kept) < len(keepable):
        return False
    possible = {q for m, _s, _g in model.candidates for q in instance.meetings[m].parties}
    met = {q for m in meetings for q in instance.meetings[m].parties}
    fixed = _fixed_parties(instance)
    if any(q in possible and q not in met | fixed for q in instance.priority_parties):
        return False
    return weight >= bound - 1e-6 * max(1.0, bound)


def _free_unmet(instance: Instance, model: _Model, pinned: list[int]) -> list[int]:
    """The LP's integral part weighs weight only: unpin what shares a row with the
    candidates of a priority party it leaves without a meeting, so that CP-SAT can seat
    that party first."""
    met = _fixed_parties(instance) | {
        q for c in pinned for q in instance.meetings[model.candidates[c][0]].parties
    }
    unmet = {
        c
        for c, (m, _s, _g) in enumerate(model.candidates)
        if any(
            q in instance.priority_parties and q not in met for q in instance.meetings[m].parties
        )
    }
    if not unmet:
        return pinned
    freed = {c for cs, _rhs in model.rows if not unmet.isdisjoint(cs) for c in cs}
    return [c for c in pinned if c not in freed]


def _kept(instance: Instance, model: _Model, previous) -> set[int]:
    """The candidates that would keep a previous placement's slot and venue."""
    return {
        c
        for c, (m, s, g) in enumerate(model.candidates)
        if m in previous and previous[m][0] == s and _group(instance.places[previous[m][1]]) == g
    }


def _priority_counts(instance: Instance, model: _Model, placement) -> dict[int, int]:
    """Meetings of each priority party that has at least one feasible meeting."""
    possible = {q for m, _s, _g in model.candidates for q in instance.meetings[m].parties}
    possible.update(q for m in placement for q in instance.meetings[m].parties)
    counts = {q: 0 for q in instance.priority_parties if q in possible}
    for m in placement:
        for q in instance.meetings[m].parties:
            if q in counts:
                counts[q] += 1
    return counts


def _cp_sat(
    instance: Instance, model: _Model, kept, start, pinned, bound: float, deadline: float, rows_of
) -> tuple[list[int], bool]:
    """CP-SAT over the candidates that `pinned` leaves room for, from the first solution
    `start`; it stops as soon as every tier reaches its ceiling (`bound` for the weight),
    the only case called optimal with pinned candidates (CP-SAT's proof is then one for
    the rest only)."""
    hint = set(start)
    free, rows = _residual(model, pinned, rows_of)
    if len(free) > _SEARCH_AT_MOST:
        return sorted(hint), False
    if not free:
        weight = model.fixed_weight() + sum(model.weights()[c] for c in hint)
        return sorted(hint), weight >= bound - 1e-6 * max(1.0, bound)
    cp = cp_model.CpModel()
    x = {c: cp.new_bool_var("") for c in free}
    for cs, rhs in rows:
        if rhs == 1:
            cp.add_at_most_one([x[c] for c in cs])
        else:
            cp.add(cp_model.LinearExpr.sum([x[c] for c in cs]) <= rhs)
    scaled = [round(w * _WEIGHT_SCALE) or 1 for w in model.weights()]
    weight_tier = sum(scaled) + 1
    met_by_pin = _fixed_parties(instance) | {
        q for c in pinned for q in instance.meetings[model.candidates[c][0]].parties
    }
    by_party: dict[int, list[int]] = defaultdict(list)
    for c in free:
        for q in instance.meetings[model.candidates[c][0]].parties:
            if q in instance.priority_parties and q not in met_by_pin:
                by_party[q].append(c)
    for c, var in x.items():
        cp.add_hint(var, c in hint)
    fair_terms = []
    for cs in by_party.values():
        met = cp.new_bool_var("")
        cp.add(cp_model.LinearExpr.sum([x[c] for c in cs]) >= met)
        cp.add_hint(met, any(c in hint for c in cs))
        fair_terms.append(met)
    fair_tier = weight_tier * (len(fair_terms) + 1)
    keep_terms = [x[c] for c in kept if c in x]
    cp.maximize(
        cp_model.LinearExpr.weighted_sum(
            [*x.values(), *fair_terms, *keep_terms],
            [scaled[c] for c in x]
            + [weight_tier] * len(fair_terms)
            + [fair_tier] * len(keep_terms),
        )
    )
    keepable = len({model.candidates[c][0] for c in kept if c in x})
    pinned_weight = model.fixed_weight() + sum(scaled[c] for c in pinned) / _WEIGHT_SCALE
    ceiling = (
        fair_tier * keepable
        + weight_tier * len(fair_terms)
        + _WEIGHT_SCALE * (bound - pinned_weight)
    )
    stop = _StopAtCeiling(ceiling - _WEIGHT_SCALE * 1e-6 * max(1.0, bound))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.2)
    solver.parameters.num_workers = 2
    status = solver.solve(cp, stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return sorted(hint), False
    chosen = list(pinned) + [c for c, var in x.items() if solver.boolean_value(var)]
    score = _score(scaled, instance, model, kept)
    if score(chosen) < score(hint):
        return sorted(hint), False
    return chosen, stop.reached or (status == cp_model.OPTIMAL and not pinned)


def _residual(model: _Model, pinned, rows_of) -> tuple[list[int], list[tuple[list[int], int]]]:
    """The candidates still possible beside `pinned` and the rows over them, with what
    the pinned candidates leave of each right-hand side."""
    left = [rhs for _cs, rhs in model.rows]
    taken = set(pinned)
    for c in taken:
        for r in rows_of[c]:
            left[r] -= 1
    free = [
        c
        for c in range(len(model.candidates))
        if c not in taken and all(left[r] > 0 for r in rows_of[c])
    ]
    members: dict[int, list[int]] = defaultdict(list)
    for c in free:
        for r in rows_of[c]:
            members[r].append(c)
    rows = [(cs, left[r]) for r, cs in members.items() if len(cs) > left[r]]
    return free, rows


class _StopAtCeiling(cp_model.CpSolverSolutionCallback):
    """Stops the search at a solution whose objective reaches `ceiling`, which no
    solution exceeds."""

    def __init__(self, ceiling: float):
        super().__init__()
        self.ceiling = ceiling
        self.reached = False

    def on_solution_callback(self) -> None:
        if self.objective_value >= self.ceiling:
            self.reached = True
            self.stop_search()


def _score(scaled, instance: Instance, model: _Model, kept):
    """The lexicographic objective of a choice of candidates, as a comparable tuple."""

    def score(chosen):
        chosen = set(chosen)
        met = {
            q
            for c in chosen
            for q in instance.meetings[model.candidates[c][0]].parties
            if q in instance.priority_parties
        }
        return len(chosen & kept), len(met), sum(scaled[c] for c in chosen)

    return score
