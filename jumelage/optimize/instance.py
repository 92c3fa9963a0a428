"""One reviewer-assignment instance as checked arrays, and the reasons it may have no
solution. Shared by the exact solver, its optimality bound and the fairness pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import max_flow

# A message names at most this many applications or reviewers, then "and N more".
_NAMED = 8


class InfeasibleAssignment(ValueError):
    """No assignment meets every constraint; the message says which one fails and where."""


@dataclass(frozen=True)
class Instance:
    """The arrays the solvers work on. Pinned pairs are taken out up front: `need`,
    `lower` and `upper` are what remains once they are counted, and `allowed` marks the
    pairs still open (neither conflicted nor pinned)."""

    affinity: np.ndarray  # float64, applications × reviewers
    allowed: np.ndarray  # bool, same shape
    pinned: np.ndarray  # bool, same shape
    previous: np.ndarray  # bool, same shape
    need: np.ndarray  # int64 per application
    lower: np.ndarray  # int64 per reviewer
    upper: np.ndarray  # int64 per reviewer
    pinned_sums: np.ndarray  # per application, the affinity its pinned reviewers bring


def build(affinity, k, max_load, min_load, conflicts, pinned, previous) -> Instance:
    """Check the inputs and return the instance; raise InfeasibleAssignment when a reason
    visible without solving (counts, totals, pins) rules every assignment out."""
    w = np.asarray(affinity, dtype=np.float64)
    if w.ndim != 2 or not np.isfinite(w).all():
        raise ValueError("affinity must be a 2-D array of finite numbers")
    if k < 0:
        raise ValueError("reviews_per_application must not be negative")
    conflicts, pinned, previous = (
        _mask(m, w.shape, name)
        for m, name in ((conflicts, "conflicts"), (pinned, "pinned"), (previous, "previous"))
    )
    n_reviewers = w.shape[1]
    upper, lower = (
        _loads(max_load, n_reviewers, "max_load"),
        _loads(min_load, n_reviewers, "min_load"),
    )
    _check_pins(pinned, conflicts, k, upper)
    held = pinned.sum(axis=0)
    instance = Instance(
        affinity=w,
        allowed=~conflicts & ~pinned,
        pinned=pinned,
        previous=previous & ~conflicts & ~pinned,
        need=k - pinned.sum(axis=1),
        lower=np.maximum(lower - held, 0),
        upper=upper - held,
        pinned_sums=_pinned_sums(w, pinned),
    )
    _check_counts(instance, conflicts, k, lower, upper)
    return instance


def explain(instance: Instance) -> str:
    """Why the instance has no solution, found by a maximum flow and its minimum cut: a
    group of applications whose reviewers cannot give them enough reviews, or a group of
    reviewers who cannot reach their minimum load."""
    short = short_group(instance.allowed, instance.need, instance.upper)
    if short:
        return (
            f"applications {_names(short.rows)} need {short.wanted} more reviews in all, but "
            f"the reviewers they have no conflict with can take only {short.offered} of them"
        )
    short = short_group(instance.allowed.T, instance.lower, instance.need)
    if short:
        return (
            f"reviewers {_names(short.rows)} must take {short.wanted} more reviews in all to "
            f"reach their minimum loads, but only {short.offered} are open to them"
        )
    return "no assignment meets every load and conflict at once"


def _pinned_sums(w: np.ndarray, pinned: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(pinned)
    return np.bincount(rows, weights=w[rows, cols], minlength=w.shape[0])


def _mask(mask, shape, name) -> np.ndarray:
    if mask is None:
        return np.zeros(shape, dtype=bool)
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != shape:
        raise ValueError(f"{name} has shape {mask.shape}; the affinity has {shape}")
    return mask


def _loads(load, n_reviewers, name) -> np.ndarray:
    loads = np.broadcast_to(np.asarray(load, dtype=np.int64), (n_reviewers,)).copy()
    if (loads < 0).any():
        raise ValueError(f"{name} must not be negative")
    return loads


def _check_pins(pinned, conflicts, k, upper) -> None:
    both = np.argwhere(pinned & conflicts)
    if len(both):
        a, r = both[0]
        raise InfeasibleAssignment(f"application {a} and reviewer {r} are pinned but conflicted")
    per_app, per_reviewer = pinned.sum(axis=1), pinned.sum(axis=0)
    for a in np.flatnonzero(per_app > k)[:1]:
        raise InfeasibleAssignment(
            f"application {a} has {per_app[a]} pinned reviewers; only {k} are needed"
        )
    for r in np.flatnonzero(per_reviewer > upper)[:1]:
        raise InfeasibleAssignment(
            f"reviewer {r} has {per_reviewer[r]} pinned applications, "
            f"over their maximum load of {upper[r]}"
        )


def _check_counts(instance, conflicts, k, lower, upper) -> None:
    n_apps = len(instance.need)
    for r in np.flatnonzero(lower > upper)[:1]:
        raise InfeasibleAssignment(
            f"reviewer {r} has a minimum load of {lower[r]}, over their maximum of {upper[r]}"
        )
    open_to_app = (~conflicts).sum(axis=1)
    for a in np.flatnonzero(open_to_app < k)[:1]:
        raise InfeasibleAssignment(
            f"application {a} has only {open_to_app[a]} reviewers without conflicts; {k} are needed"
        )
    wanted = n_apps * k
    if upper.sum() < wanted:
        raise InfeasibleAssignment(
            f"the reviewers can take at most {upper.sum()} reviews in all; {wanted} are "
            f"needed ({n_apps} applications × {k})"
        )
    if lower.sum() > wanted:
        raise InfeasibleAssignment(
            f"the minimum loads add up to {lower.sum()} reviews; only {wanted} are to be given"
        )
    open_to_reviewer = (~conflicts).sum(axis=0)
    for r in np.flatnonzero(open_to_reviewer < lower)[:1]:
        raise InfeasibleAssignment(
            f"reviewer {r} must review at least {lower[r]} applications, but is free of "
            f"conflicts with {open_to_reviewer[r]} only"
        )


@dataclass(frozen=True)
class Shortage:
    """A group of rows (`rows`) that want more than their allowed columns can give: the
    columns they reach are full (`full`, a mask over columns)."""

    rows: np.ndarray
    full: np.ndarray
    wanted: int
    offered: int


def short_group(allowed, demand, capacity) -> Shortage | None:
    """Rows each need `demand` distinct allowed columns, columns each take `capacity`
    rows: a group of rows whose demand exceeds what their allowed columns can supply (from
    the source side of a minimum cut: Hall's condition), with that demand and that supply;
    None when every demand can be met."""
    n_rows, n_cols = allowed.shape
    source, sink = n_rows + n_cols, n_rows + n_cols + 1
    rows, cols = np.nonzero(allowed)
    network = max_flow.SimpleMaxFlow()
    network.add_arcs_with_capacity(
        np.concatenate([np.full(n_rows, source), rows, n_rows + np.arange(n_cols)]),
        np.concatenate([np.arange(n_rows), n_rows + cols, np.full(n_cols, sink)]),
        np.concatenate([demand, np.ones(len(rows), np.int64), capacity]),
    )
    network.solve(source, sink)
    if network.optimal_flow() >= demand.sum():
        return None
    side = np.zeros(n_rows + n_cols + 2, dtype=bool)
    side[network.get_source_side_min_cut()] = True
    group = np.flatnonzero(side[:n_rows] & (demand > 0))
    # Everything the group can get: cut columns' capacity plus arcs leaving to uncut ones.
    inside = side[n_rows + cols] & np.isin(rows, group)
    crossing = (~side[n_rows + cols]) & np.isin(rows, group)
    offered = capacity[np.unique(cols[inside])].sum() + crossing.sum()
    return Shortage(group, side[n_rows : n_rows + n_cols], int(demand[group].sum()), int(offered))


def _names(indices: np.ndarray) -> str:
    shown = ", ".join(str(i) for i in indices[:_NAMED])
    more = len(indices) - _NAMED
    return f"{shown} and {more} more" if more > 0 else shown
