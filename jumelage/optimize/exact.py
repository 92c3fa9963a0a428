"""Maximum total affinity, exactly, with a proof: min-cost flows on candidate pairs, grown
until the LP dual bound over every pair meets the flow's objective."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from jumelage.optimize import flow
from jumelage.optimize.bounds import beating, dual_bound, top_candidates
from jumelage.optimize.instance import InfeasibleAssignment, Instance, explain

# Affinities are quantised to integers for the flow solver: the largest |affinity| maps to
# at most 2^30 levels, and (with a previous assignment) each level is multiplied by the
# number of previous pairs + 1 so that keeping them is a strict tie-break; arc costs stay
# under 2^46, far inside OR-Tools' int64 arithmetic.
_LEVELS = 1 << 30
_MAX_COST = 1 << 46
# Candidates per application before any are added: measured on the benchmark instances,
# enough for the dual bound to prove the first solve optimal (see `_first_candidates`).
_CANDIDATES_PER_REVIEW = 5
_CANDIDATES_EXTRA = 10


@dataclass(frozen=True)
class Solution:
    """`chosen` marks the pairs the flow assigned (pinned pairs are not among them);
    `bound` is a proven upper bound on the best total affinity, pinned pairs included."""

    chosen: np.ndarray
    bound: float


def maximise(
    instance: Instance, deadline: float | None, report: Callable[[float, str], None]
) -> Solution:
    """The assignment of maximum total affinity and an upper bound on that maximum over
    all pairs (equal to its objective up to quantisation unless `deadline` cut it short).

    A min-cost flow (OR-Tools) runs on each application's best candidates; reviewer prices
    from the flow's node potentials give the LP dual bound over *all* pairs
    (`bounds.dual_bound`); pairs that beat their application's threshold join the
    candidates and the flow runs again until none does, so sparsifying never loses the
    optimum. Previous pairs win every tie: costs are affinity levels × (previous pairs + 1)
    plus 1 for a pair not previous, a lexicographic order in integers."""
    candidates = _first_candidates(instance)
    scale = _scale(instance)
    tolerance = 1 / scale
    for round_ in itertools.count():
        report(0.1, f"solving the flow on {int(candidates.sum()):,} candidate pairs")
        transport, chosen = _solve_candidates(instance, candidates, scale)
        if chosen is None:
            candidates = _more_candidates(instance, candidates)
            continue
        affinity_costs = -_quantised(instance, transport, scale)
        prices = flow.reviewer_prices(transport, affinity_costs, chosen) / scale
        bound, _ = dual_bound(instance, prices)
        report(0.5, f"round {round_ + 1}: checking optimality against every pair")
        missing = beating(instance, prices, candidates, tolerance)
        if not missing.any() or _past(deadline):
            return Solution(_as_matrix(instance, transport, chosen), bound)
        candidates |= missing


def _first_candidates(instance: Instance) -> np.ndarray:
    # Each application's best few reviewers, its previous ones (so they can be kept), and
    # for a reviewer with a minimum load their best applications (so they can reach it).
    w, allowed = instance.affinity, instance.allowed
    k = int(instance.need.max(initial=0))
    candidates = top_candidates(w, allowed, _CANDIDATES_PER_REVIEW * k + _CANDIDATES_EXTRA)
    candidates |= instance.previous
    if instance.lower.any():
        per_reviewer = 2 * int(instance.lower.max()) + _CANDIDATES_EXTRA
        candidates |= top_candidates(w.T, allowed.T, per_reviewer).T
    return candidates


def _more_candidates(instance: Instance, candidates: np.ndarray) -> np.ndarray:
    """Twice as many candidates per application, after the candidates alone could not
    meet every need; when all pairs were in already, the instance itself is infeasible."""
    if (candidates == instance.allowed).all():
        raise InfeasibleAssignment(explain(instance))
    per_application = 2 * int(candidates.sum(axis=1).max())
    return candidates | top_candidates(instance.affinity, instance.allowed, per_application)


def _solve_candidates(instance: Instance, candidates: np.ndarray, scale: float):
    rows, cols = np.nonzero(candidates)
    transport = flow.Transport(rows, cols, instance.need, instance.lower, instance.upper)
    quantised = _quantised(instance, transport, scale)
    kept = instance.previous[rows, cols].astype(np.int64)
    tie_break = int(kept.sum()) + 1
    costs = -(quantised * tie_break + kept)
    return transport, flow.solve(transport, costs)


def _scale(instance: Instance) -> float:
    largest = np.abs(np.where(instance.allowed, instance.affinity, 0)).max(initial=0)
    tie_break = int(instance.previous.sum()) + 1
    levels = min(_LEVELS, _MAX_COST // tie_break)
    return levels / largest if largest > 0 else 1.0


def _quantised(instance: Instance, transport: flow.Transport, scale: float) -> np.ndarray:
    values = instance.affinity[transport.rows, transport.cols]
    return np.rint(values * scale).astype(np.int64)


def _as_matrix(instance: Instance, transport: flow.Transport, chosen: np.ndarray) -> np.ndarray:
    matrix = np.zeros(instance.affinity.shape, dtype=bool)
    matrix[transport.rows[chosen], transport.cols[chosen]] = True
    return matrix


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline
