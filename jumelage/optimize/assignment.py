"""Assign reviewers to applications, exactly, with OR-Tools' min-cost flow.

Two entry points, plain data in and out, nothing here imports Django:

- `assign`: ids in, ids out; k distinct reviewers each, load caps, conflicts, theme
  interests, existing pairs kept, balanced loads (a min-cost maximum flow).
- `assign_reviewers`: NumPy arrays in, index pairs out; maximum total affinity with
  pinned pairs, minimum loads and a previous assignment to stay close to, or the
  fairest assignment (`fairness=True`), each with an upper bound that proves how close
  to optimal it is.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from jumelage.optimize.exact import maximise
from jumelage.optimize.fairness import fair_assignment
from jumelage.optimize.instance import InfeasibleAssignment, Instance, build

__all__ = ["Assignment", "InfeasibleAssignment", "ReviewerAssignment", "assign", "assign_reviewers"]

Pair = tuple[Hashable, Hashable]  # (reviewer id, application id)

INTEREST_WEIGHT = 2


@dataclass(frozen=True)
class Assignment:
    """The full assignment: `pairs` holds the existing pairs and the `added` ones, ordered
    by application then reviewer (in the order given); `short` maps each application that
    could not reach k reviewers to how many it still lacks."""

    pairs: list[Pair]
    short: dict[Hashable, int]
    added: list[Pair]


@dataclass(frozen=True)
class _Problem:
    apps: list[Hashable]
    reviewers: list[Hashable]
    existing: list[tuple[int, int]]  # (application index, reviewer index)
    need: list[int]  # per application: k minus its existing pairs, never below 0
    room: list[int]  # per reviewer: cap minus existing load, never below 0
    load: list[int]  # per reviewer: existing load
    candidates: list[tuple[int, int]]  # allowed new (app, reviewer) pairs, app-major


def assign(
    applications: Sequence[Hashable] | Mapping[Hashable, Hashable | None],
    reviewers: Sequence[Hashable],
    k: int,
    load_cap: int | Mapping[Hashable, int],
    conflicts: Collection[Pair] = (),
    interests: Mapping[Hashable, Collection[Hashable]] | None = None,
    existing: Iterable[Pair] = (),
    *,
    interest_weight: int = INTEREST_WEIGHT,
) -> Assignment:
    """Give each application k distinct reviewers, as many as the constraints allow.

    Inputs: `applications` is a sequence of ids, or a mapping id → theme (None for none);
    `reviewers` a sequence of ids; `load_cap` one cap for all or a cap per reviewer id;
    `conflicts` and `existing` hold (reviewer id, application id) pairs; `interests` maps a
    reviewer id to the themes they declared. Existing pairs are kept, count towards their
    application's k and their reviewer's cap, and must not be conflicted (ValueError).

    Hard constraints, always: no conflicted pair, no reviewer twice on one application, no
    new pair for a reviewer at or above their cap.

    What it optimises, lexicographically:
    1. the number of pairs (a maximum flow), so an application is short only when no
       assignment at all could serve it: k is reached whenever the caps and conflicts
       allow it, which a greedy pass cannot promise;
    2. then the cost Σ_reviewers load·(load − 1)/2 + interest_weight × (new pairs whose
       application's theme the reviewer did not declare). The load term is convex, so
       loads are spread evenly (with no conflicts, interests or existing pairs and one cap,
       loads differ by at most 1); a declared interest is worth `interest_weight` units of
       load: a reviewer who declared the application's theme is preferred while they
       carry fewer than `interest_weight` more applications than an undeclared one.

    Method: OR-Tools' min-cost maximum flow (exact, integer costs) on the network
    source → application (capacity = need) → reviewer (capacity 1, cost 0 if interested
    else interest_weight) → sink (one unit arc per free slot, the j-th costing j). OR-Tools
    is deterministic, so the same input gives the same output.
    """
    if k < 0 or interest_weight < 0:
        raise ValueError("k and interest_weight must not be negative")
    themes = _themes(applications)
    problem = _problem(themes, list(reviewers), k, load_cap, set(conflicts), existing)
    costs = _costs(problem, themes, interests or {}, interest_weight)
    added = _solve(problem, costs)
    return _result(problem, added, k)


def _themes(
    applications: Sequence[Hashable] | Mapping[Hashable, Hashable | None],
) -> dict[Hashable, Hashable | None]:
    if isinstance(applications, Mapping):
        themes = dict(applications)
    else:
        _require_unique(applications, "application")
        themes = dict.fromkeys(applications)
    return themes


def _problem(
    themes: Mapping[Hashable, Hashable | None],
    reviewers: list[Hashable],
    k: int,
    load_cap: int | Mapping[Hashable, int],
    conflicts: set[Pair],
    existing: Iterable[Pair],
) -> _Problem:
    apps = list(themes)
    _require_unique(reviewers, "reviewer")
    pairs = _existing_pairs(existing, apps, reviewers, conflicts)
    served, load = [0] * len(apps), [0] * len(reviewers)
    for a, r in pairs:
        served[a] += 1
        load[r] += 1
    taken = set(pairs)
    candidates = [
        (a, r)
        for a, app in enumerate(apps)
        for r, reviewer in enumerate(reviewers)
        if (reviewer, app) not in conflicts and (a, r) not in taken
    ]
    caps = _caps(load_cap, reviewers)
    return _Problem(
        apps=apps,
        reviewers=reviewers,
        existing=pairs,
        need=[max(0, k - count) for count in served],
        room=[max(0, cap - held) for cap, held in zip(caps, load, strict=True)],
        load=load,
        candidates=candidates,
    )


def _existing_pairs(
    existing: Iterable[Pair],
    apps: list[Hashable],
    reviewers: list[Hashable],
    conflicts: set[Pair],
) -> list[tuple[int, int]]:
    app_index = {app: a for a, app in enumerate(apps)}
    reviewer_index = {reviewer: r for r, reviewer in enumerate(reviewers)}
    pairs: dict[tuple[int, int], None] = {}  # a dict keeps the first-seen order, deduplicated
    for reviewer, app in existing:
        if app not in app_index or reviewer not in reviewer_index:
            raise ValueError(f"existing pair {(reviewer, app)!r} names an unknown id")
        # Keeping it would break the one rule that is never relaxed; the caller must
        # withdraw the assignment when a conflict is declared after it.
        if (reviewer, app) in conflicts:
            raise ValueError(f"existing pair {(reviewer, app)!r} is declared conflicted")
        pairs[app_index[app], reviewer_index[reviewer]] = None
    return list(pairs)


def _caps(load_cap: int | Mapping[Hashable, int], reviewers: list[Hashable]) -> list[int]:
    if not isinstance(load_cap, Mapping):
        return [load_cap] * len(reviewers)
    missing = [reviewer for reviewer in reviewers if reviewer not in load_cap]
    if missing:
        raise ValueError(f"no load cap for reviewers {missing!r}")
    return [load_cap[reviewer] for reviewer in reviewers]


def _costs(
    problem: _Problem,
    themes: Mapping[Hashable, Hashable | None],
    interests: Mapping[Hashable, Collection[Hashable]],
    interest_weight: int,
) -> list[int]:
    """Per candidate pair: 0 when the reviewer declared the application's theme."""
    costs = []
    for a, r in problem.candidates:
        theme = themes[problem.apps[a]]
        declared = interests.get(problem.reviewers[r], ())
        costs.append(0 if theme is not None and theme in declared else interest_weight)
    return costs


def _solve(problem: _Problem, costs: list[int]) -> list[tuple[int, int]]:
    """The new (application index, reviewer index) pairs of a min-cost max-flow."""
    n_apps = len(problem.apps)
    source, sink = 0, n_apps + len(problem.reviewers) + 1
    tails, heads, capacities, unit_costs = [], [], [], []

    def arc(tail: int, head: int, capacity: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        capacities.append(capacity)
        unit_costs.append(cost)

    for a, need in enumerate(problem.need):
        arc(source, 1 + a, need, 0)
    first_pair = len(tails)
    for (a, r), cost in zip(problem.candidates, costs, strict=True):
        arc(1 + a, 1 + n_apps + r, 1, cost)
    offered = Counter(r for _, r in problem.candidates)
    for r in range(len(problem.reviewers)):
        # One unit arc per free slot, the slot that takes the load from j to j + 1 costing
        # j: increasing marginal costs make the total load cost convex, hence balanced
        # loads. A reviewer never needs more slots than applications they could take.
        held = problem.load[r]
        for j in range(held, held + min(problem.room[r], offered[r])):
            arc(1 + n_apps + r, sink, 1, j)
    network = min_cost_flow.SimpleMinCostFlow()
    arcs = network.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, np.int64),
        np.array(heads, np.int64),
        np.array(capacities, np.int64),
        np.array(unit_costs, np.int64),
    )
    network.set_node_supply(source, sum(problem.need))
    network.set_node_supply(sink, -sum(problem.need))
    network.solve_max_flow_with_min_cost()
    used = network.flows(arcs[first_pair : first_pair + len(problem.candidates)])
    return [pair for pair, flow in zip(problem.candidates, used, strict=True) if flow]


def _result(problem: _Problem, added: list[tuple[int, int]], k: int) -> Assignment:
    def as_pairs(indices: Iterable[tuple[int, int]]) -> list[Pair]:
        return [(problem.reviewers[r], problem.apps[a]) for a, r in sorted(indices)]

    served = [0] * len(problem.apps)
    for a, _ in [*problem.existing, *added]:
        served[a] += 1
    short = {app: k - count for app, count in zip(problem.apps, served, strict=True) if count < k}
    return Assignment(
        pairs=as_pairs([*problem.existing, *added]), short=short, added=as_pairs(added)
    )


def _require_unique(ids: Iterable[Hashable], what: str) -> None:
    seen: set[Hashable] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} {item!r} is listed twice")
        seen.add(item)


# --- assign_reviewers: arrays in, index pairs out, with a proof of optimality ---------------

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ReviewerAssignment:
    """The result of `assign_reviewers`.

    `pairs` is an (n, 2) int array of (application index, reviewer index), sorted, pinned
    pairs included. `objective` is their total affinity; `upper_bound` a proven upper bound
    on the best total affinity under the same constraints (so `ratio` = objective /
    upper_bound ≤ 1 says how close to optimal it is; 1.0 up to rounding means optimal);
    `worst_application` the smallest per-application affinity sum; `maxmin_bound` (with
    `fairness=True` only) a proven upper bound on that smallest sum over every integral
    assignment (see `fairness`; it can stand below the max–min LP's value); `kept` how
    many pairs of `previous`, pinned ones aside, are in `pairs`."""

    pairs: np.ndarray
    objective: float
    upper_bound: float
    worst_application: float
    maxmin_bound: float | None
    kept: int

    @property
    def ratio(self) -> float:
        return self.objective / self.upper_bound if self.upper_bound else 1.0


def assign_reviewers(
    affinity,
    reviews_per_application: int,
    max_load,
    min_load=0,
    conflicts=None,
    fairness: bool = False,
    time_limit: float | None = None,
    *,
    pinned=None,
    previous=None,
    progress: Progress | None = None,
) -> ReviewerAssignment:
    """Give each application `reviews_per_application` distinct reviewers.

    Inputs: `affinity` an (applications × reviewers) array, higher is better; `max_load`
    and `min_load` an int for all reviewers or one per reviewer; `conflicts`, `pinned` and
    `previous` boolean arrays of the affinity's shape (conflicts: never; pinned: always,
    and counted in loads; previous: the last assignment, whose pairs are kept whenever
    that costs no affinity at all). `progress(fraction, message)` hears how far it is.

    Without fairness the total affinity is maximised exactly: a min-cost flow (OR-Tools)
    on each application's best candidates, then reviewer prices from the flow's node
    potentials give an LP dual bound over *all* pairs (`bounds.certify`); pairs that
    beat their application's threshold are added and the flow solved again until none
    does, so sparsifying never loses the optimum. Ties are broken towards previous pairs,
    lexicographically: total affinity first (to 2^-30 of the largest affinity).

    With `fairness=True` the smallest per-application sum is raised first, then the total
    (see `fairness.fair_assignment`); `time_limit` (seconds) bounds that search and the
    candidate rounds, returning the best found with its bounds.

    Raises InfeasibleAssignment (a ValueError) saying which constraint fails and where,
    e.g. "application 17 has only 2 reviewers without conflicts; 3 are needed".
    """
    report = progress or _silent
    deadline = None if time_limit is None else time.monotonic() + time_limit
    instance = build(
        affinity, reviews_per_application, max_load, min_load, conflicts, pinned, previous
    )
    report(0.0, "finding the candidates")
    solution = maximise(instance, deadline, report)
    if not fairness:
        report(1.0, "done")
        return _reviewer_result(instance, solution.chosen, solution.bound, None)
    fair = fair_assignment(instance, solution.chosen, deadline, report)
    report(1.0, "done")
    return _reviewer_result(instance, fair.chosen, solution.bound, fair.maxmin_bound)


def _reviewer_result(
    instance: Instance, chosen: np.ndarray, bound: float, maxmin_bound: float | None
) -> ReviewerAssignment:
    pairs = np.argwhere(chosen | instance.pinned)
    affinity = instance.affinity[pairs[:, 0], pairs[:, 1]]
    sums = np.bincount(pairs[:, 0], weights=affinity, minlength=len(instance.need))
    return ReviewerAssignment(
        pairs=pairs,
        objective=float(sums.sum()),
        upper_bound=float(bound),
        worst_application=float(sums.min()) if len(sums) else 0.0,
        maxmin_bound=maxmin_bound,
        kept=int((chosen & instance.previous).sum()),
    )


def _silent(fraction: float, message: str) -> None:
    """The progress callback when the caller gives none."""
