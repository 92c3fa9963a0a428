"""Maximum total affinity, exactly, with a proof: min-cost flows on candidate pairs, grown
until the LP dual bound over every pair meets the flow's objective."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from jumelage.optimize import flow
from jumelage.optimize.bounds import certify, clamped, thresholds, top_candidates
from jumelage.optimize.instance import InfeasibleAssignment, Instance, explain, short_group

# Affinities are quantised to integers for the flow solver: the largest |affinity| maps to
# at most 2^30 levels, and (with a previous assignment) each level is multiplied by the
# number of previous pairs + 1 so that keeping them is a strict tie-break; arc costs stay
# under 2^46, far inside OR-Tools' int64 arithmetic.
_LEVELS = 1 << 30
_MAX_COST = 1 << 46
# Candidates per application to start with (5 × need + 10 of its best reviewers), and the
# most it may gain in one round: enough on the benchmarks to prove optimality in 2–4
# rounds while the flow stays near 40 arcs per application.
_CANDIDATES_PER_REVIEW = 5
_CANDIDATES_EXTRA = 10
# Pairs this close (as a share of the affinity range) to beating their application's
# threshold join the candidates with those that beat it: on the benchmarks this saves a
# round.
_LOOKAHEAD = 0.02


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
    (`bounds.certify`); pairs that beat their application's threshold join the
    candidates and the flow runs again until none does, so sparsifying never loses the
    optimum. Previous pairs win every tie: a pair is worth its affinity level × (previous
    pairs + 1), plus 1 if it is previous: a lexicographic order in integers."""
    candidates = _first_candidates(instance)
    scale = quantise_scale(instance)
    # A quantised affinity is off by at most half a level, so two reduced affinities
    # compare wrongly by at most one level: only pairs beating by more can pay.
    tolerance = 2 / scale
    lookahead = _LOOKAHEAD * np.ptp(instance.affinity) if instance.affinity.size else 0.0
    for round_ in itertools.count(1):
        # Rounds are few but their number is unknown: each takes half the remaining way to 0.5.
        done = 0.5 * (1 - 0.5**round_)
        report(done, f"round {round_}: the flow on {int(candidates.sum()):,} candidate pairs")
        transport, chosen = _solve_candidates(instance, candidates, scale)
        if chosen is None:
            candidates = _more_candidates(instance, candidates)
            continue
        report(done, f"round {round_}: checking optimality against every pair")
        prices = _prices(instance, transport, chosen, scale)
        reduced = instance.affinity[transport.rows, transport.cols] - prices[transport.cols]
        at_least = thresholds(transport.rows, reduced, instance.need)
        bound, proven, offered = certify(
            instance, prices, candidates, at_least, tolerance, lookahead, _per_application(instance)
        )
        if proven or _past(deadline):
            return Solution(_as_matrix(instance, transport, chosen), bound)
        candidates |= offered


def _first_candidates(instance: Instance) -> np.ndarray:
    # Each application's best few reviewers, its previous ones (so they can be kept), and
    # for a reviewer with a minimum load their best applications (so they can reach it).
    w, allowed = instance.affinity, instance.allowed
    candidates = top_candidates(w, allowed, _per_application(instance))
    candidates |= instance.previous
    if instance.lower.any():
        per_reviewer = 2 * int(instance.lower.max()) + _CANDIDATES_EXTRA
        candidates |= top_candidates(w.T, allowed.T, per_reviewer).T
    return candidates


def _per_application(instance: Instance) -> int:
    """How many candidates an application starts with, and may gain per round."""
    return _CANDIDATES_PER_REVIEW * int(instance.need.max(initial=0)) + _CANDIDATES_EXTRA


def _prices(instance: Instance, transport: flow.Transport, chosen, scale: float) -> np.ndarray:
    """Reviewer prices in affinity units, from the potentials of the affinity-only costs
    (the flow is optimal for them: previous pairs only break ties)."""
    affinity_costs = -_quantised(instance, transport, scale)
    return clamped(instance, flow.reviewer_prices(transport, affinity_costs, chosen) / scale)


def _more_candidates(instance: Instance, candidates: np.ndarray) -> np.ndarray:
    """More candidates after the candidates alone could not meet every need. The minimum
    cut of the candidates' flow names a group of applications (or, for minimum loads, of
    reviewers) short of partners, and the partners they reach, all full: each member gets
    its best allowed partners among the others. When all pairs were in already, the
    instance itself is infeasible."""
    if (candidates == instance.allowed).all():
        raise InfeasibleAssignment(explain(instance))
    w, allowed, per_row = instance.affinity, instance.allowed, _per_application(instance)
    short = short_group(candidates, instance.need, instance.upper)
    if short is not None:
        return candidates | _widened(w, allowed & ~short.full, short.rows, per_row)
    short = short_group(candidates.T, instance.lower, instance.need)
    if short is not None:
        return candidates | _widened(w.T, allowed.T & ~short.full, short.rows, per_row).T
    everyone = np.arange(len(instance.need))
    most = int(candidates.sum(axis=1).max(initial=0))
    return candidates | _widened(w, allowed, everyone, 2 * most)


def _widened(affinity, allowed, rows, per_row) -> np.ndarray:
    """A mask with each of `rows`' best `per_row` allowed columns."""
    mask = np.zeros(allowed.shape, dtype=bool)
    mask[rows] = top_candidates(affinity[rows], allowed[rows], per_row)
    return mask


def _solve_candidates(instance: Instance, candidates: np.ndarray, scale: float):
    rows, cols = np.nonzero(candidates)
    transport = flow.Transport(rows, cols, instance.need, instance.lower, instance.upper)
    quantised = _quantised(instance, transport, scale)
    kept = instance.previous[rows, cols].astype(np.int64)
    tie_break = int(kept.sum()) + 1
    costs = -(quantised * tie_break + kept)
    return transport, flow.solve(transport, costs)


def quantise_scale(instance: Instance) -> float:
    """Affinity levels per unit of affinity: integer costs are rint(affinity × this)."""
    w = instance.affinity
    largest = max(w.max(initial=0), -w.min(initial=0))
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
