"""The transportation problem under reviewer assignment, solved by OR-Tools' min-cost flow,
and the node potentials that prove a solution optimal.

Network: each application supplies the reviews it needs; each candidate pair is an arc
application → reviewer of capacity 1; each reviewer must absorb at least `lower` units and
passes on at most `upper − lower` more to one sink. Costs are integers (OR-Tools' cost
scaling is exact on integers), so callers quantise their float affinities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow


@dataclass(frozen=True)
class Transport:
    """One instance: candidate pairs as parallel arrays (application, reviewer), the
    reviews each application needs, and each reviewer's lower and upper load."""

    rows: np.ndarray  # application index per candidate pair
    cols: np.ndarray  # reviewer index per candidate pair
    need: np.ndarray
    lower: np.ndarray
    upper: np.ndarray

    @property
    def sink(self) -> int:
        return len(self.need) + len(self.upper)


def solve(transport: Transport, costs: np.ndarray) -> np.ndarray | None:
    """The flow on each candidate pair (a boolean array) of a minimum-cost assignment, or
    None when the candidates cannot meet every need and lower load."""
    n_apps, n_reviewers = len(transport.need), len(transport.upper)
    network = min_cost_flow.SimpleMinCostFlow()
    reviewer_nodes = n_apps + np.arange(n_reviewers)
    tails = np.concatenate([transport.rows, reviewer_nodes])
    heads = np.concatenate([n_apps + transport.cols, np.full(n_reviewers, transport.sink)])
    capacities = np.concatenate(
        [np.ones(len(transport.rows), np.int64), transport.upper - transport.lower]
    )
    unit_costs = np.concatenate([costs, np.zeros(n_reviewers, np.int64)])
    arcs = network.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, unit_costs)
    surplus = transport.need.sum() - transport.lower.sum()
    supplies = np.concatenate([transport.need, -transport.lower, [-surplus]])
    network.set_nodes_supplies(np.arange(transport.sink + 1), supplies)
    if network.solve() != network.OPTIMAL:
        return None
    return network.flows(arcs[: len(transport.rows)]) > 0


def reviewer_prices(transport: Transport, costs: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Dual prices per reviewer, in cost units, that certify `chosen` optimal for `costs`.

    Shortest distances d from a virtual source (0 to every node) in the residual network
    exist because an optimal flow has no negative cycle; they satisfy every reduced-cost
    condition. The price of reviewer r is d(sink) − d(r): positive only when r is full,
    negative only when r is at its lower load. Bellman–Ford runs vectorised, one NumPy pass
    over all residual arcs per round, stopping as soon as nothing changes."""
    tails, heads, weights = _residual_arcs(transport, costs, chosen)
    distance = np.zeros(transport.sink + 1, dtype=np.int64)
    # Without a negative cycle, Bellman–Ford settles within one round per node.
    for _ in range(len(distance) + 1):
        relaxed = distance.copy()
        np.minimum.at(relaxed, heads, distance[tails] + weights)
        if np.array_equal(relaxed, distance):
            n_apps = len(transport.need)
            return distance[transport.sink] - distance[n_apps : transport.sink]
        distance = relaxed
    raise ArithmeticError("the flow is not optimal: its residual network has a negative cycle")


def _residual_arcs(
    transport: Transport, costs: np.ndarray, chosen: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_apps = len(transport.need)
    reviewer_nodes = n_apps + transport.cols
    load = np.bincount(transport.cols[chosen], minlength=len(transport.upper))
    reviewers = np.arange(len(transport.upper))
    can_take = reviewers[load < transport.upper]  # reviewer → sink has room left
    can_drop = reviewers[load > transport.lower]  # sink → reviewer: undo a unit
    tails = [transport.rows[~chosen], reviewer_nodes[chosen], n_apps + can_take]
    heads = [
        reviewer_nodes[~chosen],
        transport.rows[chosen],
        np.full(len(can_take), transport.sink),
    ]
    weights = [costs[~chosen], -costs[chosen], np.zeros(len(can_take), np.int64)]
    tails.append(np.full(len(can_drop), transport.sink))
    heads.append(n_apps + can_drop)
    weights.append(np.zeros(len(can_drop), np.int64))
    return np.concatenate(tails), np.concatenate(heads), np.concatenate(weights)
