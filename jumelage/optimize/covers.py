"""An upper bound on the fairest assignment's worst application that the max–min LP misses:
cover inequalities, one flow per target.

The max–min LP lets an application take half of a scarce on-topic reviewer; no integral
assignment can, and on juries of generalists the LP's value stands up to a quarter above
every integral assignment's worst. An integral panel that reaches a target T must
include, for each j ≤ need, at least j reviewers at or above a floor h_j: the largest
affinity h such that j − 1 of the application's best reviewers plus its best ones
strictly below h still fall short of T. Those floors are nested, so whether an
assignment meets all of them under the loads is a flow question (a chain of levels per
application, as in `fairness`), whose answer is integral: when the flow cannot meet a
target, no assignment reaches it. Bisection on T gives the bound.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from jumelage.optimize.instance import Instance

# Bisection steps on the target: the bound is known to 2^-12 of the search interval (the
# panels' bisection, which starts from it, needs no finer).
_STEPS = 12


def cover_bound(instance: Instance, low: float, high: float) -> float:
    """A proven upper bound on the worst application of every assignment, given one
    assignment whose worst is `low` and a proven upper bound `high`."""
    own = _own_sorted(instance)
    if not _meets(instance, floors(instance, own, high)):
        for _ in range(_STEPS):
            target = (low + high) / 2
            if _meets(instance, floors(instance, own, target)):
                low = target
            else:
                high = target
    return float(high)


def floors(instance: Instance, own: np.ndarray, target: float) -> np.ndarray:
    """Per application and level j (0-based), the affinity at least j + 1 of its new
    reviewers must reach for its sum to reach `target`; −inf where nothing is required
    (and past its need). `own` holds each application's allowed affinities, decreasing,
    −inf for the others."""
    n_apps, n_reviewers = own.shape
    most = int(instance.need.max(initial=0))
    result = np.full((n_apps, most), -np.inf)
    values = own[np.isfinite(own)]
    # A finite stand-in for −inf, so low that any panel holding it falls short.
    short = target - instance.pinned_sums
    big = np.abs(short).max(initial=0.0) + most * np.abs(values).max(initial=0.0) + 1.0
    finite = np.where(np.isfinite(own), own, -big)
    running = np.concatenate([np.zeros((n_apps, 1)), np.cumsum(finite, axis=1)], axis=1)
    for need in np.unique(instance.need[instance.need > 0]):
        apps = np.flatnonzero(instance.need == need)
        for j in range(int(need)):
            rest = int(need) - j  # reviewers strictly below the floor, at most
            # Floor candidates: own[:, i] for i ≥ j; the best panel with only j reviewers
            # at or above it takes the j best and the `rest` best after position i.
            i = np.arange(j, n_reviewers - rest)
            if not len(i):
                continue
            top = running[apps, j]
            below = running[apps][:, i + 1 + rest] - running[apps][:, i + 1]
            falls_short = top[:, None] + below < short[apps, None]
            first = falls_short.argmax(axis=1)
            found = falls_short.any(axis=1)
            result[apps, j] = np.where(found, own[apps, i[first]], -np.inf)
    # Needing j + 2 reviewers at or above h implies needing j + 1 there: nest the floors.
    return np.maximum.accumulate(result[:, ::-1], axis=1)[:, ::-1]


def _own_sorted(instance: Instance) -> np.ndarray:
    return -np.sort(-np.where(instance.allowed, instance.affinity, -np.inf), axis=1)


def _meets(instance: Instance, floors_: np.ndarray) -> bool:
    """Whether some assignment over every allowed pair gives each application at least
    j + 1 reviewers at or above its floor j, for every j below its need."""
    n_apps, n_reviewers = instance.affinity.shape
    most = floors_.shape[1]
    if most == 0:
        return True
    need = instance.need
    rows, cols = np.nonzero(instance.allowed)
    values = instance.affinity[rows, cols]
    # A pair enters at the first level whose floor it reaches; past the last, it is unusable.
    band = (values[:, None] < floors_[rows]).sum(axis=1)
    usable = band < need[rows]
    sink = n_apps * most + n_reviewers
    chain_tails = (np.arange(n_apps)[:, None] * most + np.arange(most - 1)[None, :]).ravel()
    passing = np.maximum(need[:, None] - 1 - np.arange(most - 1)[None, :], 0).ravel()
    network = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate(
        [rows[usable] * most + band[usable], chain_tails, n_apps * most + np.arange(n_reviewers)]
    )
    heads = np.concatenate(
        [n_apps * most + cols[usable], chain_tails + 1, np.full(n_reviewers, sink)]
    )
    capacities = np.concatenate(
        [np.ones(int(usable.sum()), np.int64), passing, instance.upper - instance.lower]
    ).astype(np.int64)
    network.add_arcs_with_capacity_and_unit_cost(
        tails, heads, capacities, np.zeros(len(tails), np.int64)
    )
    supplies = np.zeros(sink + 1, np.int64)
    supplies[np.arange(n_apps) * most] = need
    supplies[n_apps * most : sink] = -instance.lower
    supplies[sink] = instance.lower.sum() - need.sum()
    network.set_nodes_supplies(np.arange(sink + 1), supplies)
    return network.solve() == network.OPTIMAL
