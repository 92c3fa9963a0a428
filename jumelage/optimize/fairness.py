"""The fairest assignment: raise the worst-served application first, then the total.

Maximising the smallest per-application affinity sum over integral assignments is NP-hard
in general, so this is a heuristic with a certificate.

The heuristic asks, for a target T, that each application's j-th best reviewer be no more
than δ below its own j-th best possible one, δ being its margin (own best sum − T) shared
over its reviewers. Any assignment meeting those floors gives every application at least
T, and whether one exists is a flow question: the application's supply passes down a
chain of levels, the j-th level reaching the reviewers above the j-th floor, with at most
need − j units passing below it. Bisection finds the largest T the flow can meet, and the
min-cost flow at that T also maximises the total affinity among such assignments. A local
search then raises the worst application one move at a time while it can.

Then the panels (`panels.bisect`): bisection on the target with the configuration LP,
whose variables are whole panels (need(a) reviewers reaching the target) rather than
pairs. Each target is either proven out by reviewer prices, or served by the LP, and then
CP-SAT picks one of the LP's panels per application under the loads. CP-SAT on each
application's best few reviewers (`polish`) raises the worst only when that bisection did
not settle. Last, with the worst held, the total rises by a min-cost flow in which each
application may lose at most its margin above the worst (`_raise_total`).

The certificate, `maxmin_bound`, is the least of these upper bounds on the worst
application of any integral assignment: the weakest application's own best sum (every
reviewer to itself); for a few groups of the worst-served applications, the best average
sum the group could get if the other applications vanished (exact, by the flow solver);
the cover bound (`covers.cover_bound`: nested floors every panel reaching the target must
meet, one flow per target); and the panels' price certificate (`panels`, proven in its
docstring), the tightest on the benchmarks. Each is proven for every assignment, not only
for the candidates the solvers saw. The plain max–min LP is not among them: it shares a
scarce reviewer fractionally, and stands up to a third above every integral assignment.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from jumelage.optimize import panels
from jumelage.optimize.bounds import top_candidates
from jumelage.optimize.covers import cover_bound
from jumelage.optimize.exact import maximise, quantise_scale
from jumelage.optimize.instance import Instance
from jumelage.optimize.polish import polish

# Bisection stops when the target is known to this relative precision.
_PRECISION = 1e-3
# Candidates per application beyond its plain reviewers: more lets loose applications make
# room for tight ones, at the price of a larger flow.
_CANDIDATES = 40
# The worst-served shares of applications whose joint best average bounds the worst.
_GROUP_SHARES = (0.01, 0.05, 0.2, 0.5)
# Flows raising the total once the worst is found (a second one still gains a little).
_TOTAL_ROUNDS = 2
# Local search stops after this many moves per application (a safety net: each move
# strictly raises the worst sum or the number of applications at it falls).
_MOVES_PER_APPLICATION = 2


@dataclass(frozen=True)
class Fair:
    """`chosen` marks the assigned pairs (pinned ones aside); `maxmin_bound` is a proven
    upper bound on the worst application's affinity sum over every assignment."""

    chosen: np.ndarray
    maxmin_bound: float


@dataclass(frozen=True)
class _Levels:
    """The candidate pairs sorted by application then decreasing affinity, with each
    application's own best affinities (its j-th best allowed, for j < need)."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    own: np.ndarray  # applications × max need, −inf where need is smaller
    own_best: np.ndarray  # per application: pinned sum + its best possible reviewers


def fair_assignment(
    instance,
    plain: np.ndarray,
    deadline: float | None,
    report: Callable[[float, str], None],
) -> Fair:
    """From the maximum-total assignment `plain`, the fairest one found (largest worst
    application, then largest total) and the bound on the worst application."""
    levels = _levels(instance, plain)
    best, best_key = plain, _key(instance, plain)
    ceiling = float(levels.own_best.min()) if len(levels.own_best) else 0.0
    start, low, high = best_key[0], best_key[0], ceiling
    scale = quantise_scale(instance)
    while high - low > _PRECISION * max(abs(high), 1e-12) and not _past(deadline):
        target = (low + high) / 2
        report(0.5 + 0.3 * _progress(start, low, high), f"trying a worst of {target:.4g}")
        chosen = _floored_flow(instance, levels, target, scale)
        if chosen is None:
            high = target
            continue
        low = target
        if _key(instance, chosen) > best_key:
            best, best_key = chosen, _key(instance, chosen)
    report(0.8, "raising the worst applications one move at a time")
    fairest = _raise_worst(instance, best, deadline)
    report(0.85, "bounding the worst application")
    bound = min(ceiling, _group_bound(instance, plain, fairest))
    bound = cover_bound(instance, _key(instance, fairest)[0], bound)
    report(0.88, "choosing whole panels under the reviewers' loads")
    found = panels.bisect(instance, fairest, bound, deadline)
    bound = min(bound, found.bound)
    fairest = found.chosen
    if not found.settled:
        report(0.93, "raising the worst application with CP-SAT")
        fairest = polish(instance, fairest, deadline)
    report(0.97, "raising the total, the worst held")
    for _ in range(_TOTAL_ROUNDS):
        fairest = _raise_total(instance, plain, fairest, scale)
    return Fair(fairest, bound)


def _group_bound(instance, *assignments: np.ndarray) -> float:
    """The least, over a few groups G of applications, of the best average sum G could get
    if the other applications vanished (leaving every reviewer's full load to G): an upper
    bound on G's worst, hence on every assignment's worst and on the max–min LP, which is
    tight when G is the group competing for the same scarce reviewers. The groups: the
    worst-served shares of each assignment given."""
    bound = np.inf
    for chosen in assignments:
        sums = _sums(instance, chosen)
        for share in _GROUP_SHARES:
            group = np.flatnonzero(sums <= np.quantile(sums, share))
            if len(group):
                bound = min(
                    bound, maximise(_alone(instance, group), None, _silent).bound / len(group)
                )
    return float(bound)


def _alone(instance: Instance, group: np.ndarray) -> Instance:
    """The instance restricted to the applications of `group`, minimum loads dropped."""
    return Instance(
        affinity=instance.affinity[group],
        allowed=instance.allowed[group],
        pinned=instance.pinned[group],
        previous=np.zeros((len(group), instance.affinity.shape[1]), dtype=bool),
        need=instance.need[group],
        lower=np.zeros_like(instance.lower),
        upper=instance.upper,
        pinned_sums=instance.pinned_sums[group],
    )


def _levels(instance, plain: np.ndarray) -> _Levels:
    w = instance.affinity
    candidates = top_candidates(w, instance.allowed, _CANDIDATES) | plain
    rows, cols = np.nonzero(candidates)
    values = w[rows, cols]
    order = np.lexsort((-values, rows))
    most = int(instance.need.max(initial=0))
    own = np.full((len(instance.need), most), -np.inf)
    if most:
        best = -np.sort(-np.where(instance.allowed, w, -np.inf), axis=1)[:, :most]
        wanted = np.arange(most)[None, :] < instance.need[:, None]
        own = np.where(wanted, best, -np.inf)
    own_best = instance.pinned_sums + np.where(np.isfinite(own), own, 0).sum(axis=1)
    return _Levels(rows[order], cols[order], values[order], own, own_best)


def _floored_flow(instance, levels: _Levels, target: float, scale: float):
    """The assignment of maximum total affinity in which each application's j-th best
    reviewer is no more than its margin below its own j-th best, or None when none
    exists."""
    need = instance.need
    margin = np.where(need > 0, (levels.own_best - target) / np.maximum(need, 1), 0.0)
    return _flow_above(instance, levels, levels.own - margin[:, None], scale)


def _raise_total(instance, plain: np.ndarray, chosen: np.ndarray, scale: float) -> np.ndarray:
    """The assignment of maximum total affinity among those in which each application's
    j-th best reviewer is no more than its share of its margin below its j-th best in
    `chosen`, its margin being how far its sum stands above the worst: each application
    stays at or above `chosen`'s worst, and `chosen` itself is one of them."""
    levels = _levels(instance, plain | chosen)
    need = instance.need
    sums = _sums(instance, chosen)
    mine = -np.sort(-np.where(chosen, instance.affinity, -np.inf), axis=1)[:, : levels.own.shape[1]]
    # Just under each share, so that rounding cannot take an application below the worst.
    margin = np.where(
        need > 0, (sums - (sums.min() if len(sums) else 0.0)) / np.maximum(need, 1), 0.0
    )
    margin *= 1 - 1e-9
    floors = np.where(np.isfinite(levels.own), mine - margin[:, None], -np.inf)
    found = _flow_above(instance, levels, floors, scale)
    if found is None or _key(instance, found) < _key(instance, chosen):
        return chosen
    return found


def _flow_above(instance, levels: _Levels, floors: np.ndarray, scale: float):
    """The assignment of maximum total affinity on the candidates of `levels` in which
    each application has at least j + 1 reviewers at or above its floor j (applications ×
    levels, −inf past its need), or None when none exists."""
    n_apps, n_reviewers = instance.affinity.shape
    most = levels.own.shape[1]
    if most == 0:
        return np.zeros(instance.affinity.shape, dtype=bool)
    need = instance.need
    # A pair enters at the first level whose floor it reaches; level nodes are
    # application a's level j = a * most + j; reviewers and the sink follow.
    band = (levels.values[:, None] < floors[levels.rows]).sum(axis=1)
    usable = band < need[levels.rows]
    reviewer_node = n_apps * most + levels.cols[usable]
    level_node = levels.rows[usable] * most + band[usable]
    sink = n_apps * most + n_reviewers
    chain_tails = (np.arange(n_apps)[:, None] * most + np.arange(most - 1)[None, :]).ravel()
    passing = np.maximum(need[:, None] - 1 - np.arange(most - 1)[None, :], 0).ravel()
    network = min_cost_flow.SimpleMinCostFlow()
    pair_arcs = network.add_arcs_with_capacity_and_unit_cost(
        level_node,
        reviewer_node,
        np.ones(len(level_node), np.int64),
        -np.rint(levels.values[usable] * scale).astype(np.int64),
    )
    network.add_arcs_with_capacity_and_unit_cost(
        chain_tails, chain_tails + 1, passing.astype(np.int64), np.zeros(len(passing), np.int64)
    )
    network.add_arcs_with_capacity_and_unit_cost(
        n_apps * most + np.arange(n_reviewers),
        np.full(n_reviewers, sink),
        instance.upper - instance.lower,
        np.zeros(n_reviewers, np.int64),
    )
    supplies = np.zeros(sink + 1, np.int64)
    supplies[np.arange(n_apps) * most] = need
    supplies[n_apps * most : sink] = -instance.lower
    supplies[sink] = instance.lower.sum() - need.sum()
    network.set_nodes_supplies(np.arange(sink + 1), supplies)
    if network.solve() != network.OPTIMAL:
        return None
    used = network.flows(pair_arcs) > 0
    chosen = np.zeros(instance.affinity.shape, dtype=bool)
    chosen[levels.rows[usable][used], levels.cols[usable][used]] = True
    return chosen


@dataclass
class _State:
    """An assignment under local search: who reviews what, each application's sum and
    each reviewer's load."""

    chosen: np.ndarray
    sums: np.ndarray
    load: np.ndarray


def _raise_worst(instance, chosen: np.ndarray, deadline: float | None) -> np.ndarray:
    """Give the worst application a better reviewer, again and again: one it prefers to
    its weakest, taken from a reviewer with room, or from a full one whose place another
    application leaves for a reviewer with room (or for the one the worst just left),
    provided that application stays above the worst's old sum. Each move raises the worst
    sum, or leaves fewer applications at it."""
    state = _State(chosen.copy(), _sums(instance, chosen), chosen.sum(axis=0))
    for _ in range(_MOVES_PER_APPLICATION * len(state.sums)):
        if _past(deadline) or not _improve(instance, state, int(state.sums.argmin())):
            break
    return state.chosen


def _improve(instance, state: _State, a: int) -> bool:
    w, chosen = instance.affinity, state.chosen
    mine = np.flatnonzero(chosen[a])
    if not len(mine):
        return False
    weakest = mine[w[a, mine].argmin()]
    if state.load[weakest] <= instance.lower[weakest]:
        return False
    better = np.flatnonzero(instance.allowed[a] & ~chosen[a] & (w[a] > w[a, weakest]))
    for r in better[np.argsort(-w[a, better], kind="stable")]:
        if state.load[r] < instance.upper[r]:
            _move(instance, state, a, weakest, r)
            return True
        if _make_room(instance, state, r, weakest, floor=state.sums[a]):
            _move(instance, state, a, weakest, r)
            return True
    return False


def _make_room(instance, state: _State, full: int, freed: int, floor: float) -> bool:
    """Move one application off reviewer `full` to a reviewer with room or to `freed`,
    keeping its sum above `floor`; False when none can."""
    w, chosen = instance.affinity, state.chosen
    others = np.flatnonzero(chosen[:, full])
    room = state.load < instance.upper
    room[freed] = True  # the worst application is about to leave it
    room[full] = False
    open_ = instance.allowed[others] & ~chosen[others] & room[None, :]
    options = np.where(open_, w[others], -np.inf)
    target = options.argmax(axis=1)
    after = state.sums[others] - w[others, full] + options[np.arange(len(others)), target]
    if not len(others) or after.max() <= floor:
        return False
    pick = int(after.argmax())
    _move(instance, state, others[pick], full, int(target[pick]))
    return True


def _move(instance, state: _State, app: int, old: int, new: int) -> None:
    state.chosen[app, old], state.chosen[app, new] = False, True
    state.sums[app] += instance.affinity[app, new] - instance.affinity[app, old]
    state.load[old] -= 1
    state.load[new] += 1


def _key(instance, chosen: np.ndarray) -> tuple[float, float]:
    sums = _sums(instance, chosen)
    return (float(sums.min()) if len(sums) else 0.0, float(sums.sum()))


def _sums(instance, chosen: np.ndarray) -> np.ndarray:
    return np.where(chosen, instance.affinity, 0.0).sum(axis=1) + instance.pinned_sums


def _progress(worst: float, low: float, high: float) -> float:
    return 1.0 - (high - low) / max(high - worst, 1e-12)


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else max(deadline - time.monotonic(), 0.0)


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _silent(fraction: float, message: str) -> None:
    """The inner exact solve reports nothing: the bisection reports for it."""
