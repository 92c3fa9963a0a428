"""An upper bound on the best assignment, from LP duality, and the candidate pairs it
shows to be missing from a sparsified instance.

For reviewer prices p (any real numbers), weak duality of the assignment LP gives

    max total affinity ≤ Σ_a top_need(a)(w[a, r] − p_r over r allowed for a)
                         + Σ_r (upper_r · max(p_r, 0) − lower_r · max(−p_r, 0))
                         + affinity of the pinned pairs,

because the best dual value of each application's row constraint, given p, is its
need(a)-th largest reduced affinity w − p, which turns the dual objective into that sum of
the largest ones. It holds for every pair, not only the candidates the solver saw.
"""

from __future__ import annotations

import numpy as np

from jumelage.optimize.instance import Instance

# Rows per block when scanning the dense matrix: ~4 M cells, some 32 MB per float array.
_CELLS_PER_BLOCK = 1 << 22


def certify(
    instance: Instance,
    prices: np.ndarray,
    candidates: np.ndarray,
    candidate_thresholds: np.ndarray,
    tolerance: float,
    lookahead: float,
    per_application: int,
) -> tuple[float, bool, np.ndarray]:
    """The bound above for reviewer `prices`, over every allowed pair; whether it is
    proven that the candidates hold an optimum; and the pairs worth adding if not.

    A pair outside `candidates` could improve the assignment when its reduced affinity
    beats its application's `candidate_thresholds` (the need-th best reduced affinity among
    its candidates) by more than `tolerance`; with none, the candidates' optimum is the
    optimum and the bound meets it. Pairs that come within `lookahead` of the threshold
    are offered too, since the next prices may let them beat it, at most `per_application`
    (the best by reduced affinity) for each application. One pass over the matrix."""
    n_apps, n_reviewers = instance.affinity.shape
    prices = clamped(instance, prices)
    offered = np.zeros_like(candidates)
    proven = True
    total = 0.0
    for block in _blocks(n_apps, n_reviewers):
        reduced = instance.affinity[block] - prices[None, :]
        reduced[~instance.allowed[block]] = -np.inf
        total += _top_sums(reduced, instance.need[block]).sum()
        margin = np.subtract(reduced, candidate_thresholds[block, None], out=reduced)
        margin[candidates[block]] = -np.inf
        proven = proven and not (margin > tolerance).any()
        offered[block] = _best_near(margin, lookahead, per_application)
    positive, negative = np.maximum(prices, 0), np.maximum(-prices, 0)
    total += (instance.upper * positive).sum() - (instance.lower * negative).sum()
    return total + instance.pinned_sums.sum(), proven, offered


def thresholds(rows: np.ndarray, values: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Per application, the need-th largest of its `values`, given per pair with the
    pair's application in `rows` (sorted ascending, as np.nonzero gives them); −inf when
    it has fewer, +inf when it needs none."""
    counts = np.bincount(rows, minlength=len(need))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    # One padded row per application, so a partition finds every need-th value at once.
    padded = np.full((len(need), max(int(counts.max(initial=0)), 1)), -np.inf)
    padded[rows, np.arange(len(rows)) - starts[rows]] = values
    result = np.full(len(need), np.inf)
    most = int(need.max(initial=0))
    if most:
        width = padded.shape[1]
        top = np.sort(np.partition(padded, max(width - most, 0), axis=1)[:, -most:], axis=1)
        picked = top[np.arange(len(need)), np.clip(most - need, 0, most - 1)]
        result = np.where(need > 0, picked, np.inf)
    return result


def top_candidates(affinity: np.ndarray, allowed: np.ndarray, per_row: int) -> np.ndarray:
    """A mask of each row's `per_row` best allowed columns."""
    n_rows, n_cols = affinity.shape
    if per_row >= n_cols:
        return allowed.copy()
    chosen = np.zeros((n_rows, n_cols), dtype=bool)
    for block in _blocks(n_rows, n_cols):
        scores = np.where(allowed[block], affinity[block], -np.inf)
        chosen[block] = _top_mask(scores, per_row)
    return chosen & allowed


def _best_near(margin: np.ndarray, lookahead: float, per_row: int) -> np.ndarray:
    """The cells with margin > −lookahead, at most the `per_row` largest in a row."""
    near = margin > -lookahead
    crowded = np.flatnonzero(near.sum(axis=1) > per_row)
    if len(crowded):
        near[crowded] &= _top_mask(margin[crowded], per_row)
    return near


def _top_mask(scores: np.ndarray, per_row: int) -> np.ndarray:
    """A mask of each row's `per_row` largest scores (all of them if fewer)."""
    mask = np.zeros(scores.shape, dtype=bool)
    if per_row >= scores.shape[1]:
        mask[:] = True
        return mask
    best = np.argpartition(-scores, per_row, axis=1)[:, :per_row]
    np.put_along_axis(mask, best, True, axis=1)
    return mask


def clamped(instance: Instance, prices: np.ndarray) -> np.ndarray:
    """The prices, with those of reviewers without a minimum load raised to 0 at least."""
    # Without a minimum load a negative price earns nothing in the bound and only inflates
    # every reduced affinity, while 0 keeps the dual feasible: never worse, often tighter.
    return np.where(instance.lower > 0, prices, np.maximum(prices, 0))


def _blocks(n_apps: int, n_reviewers: int):
    step = max(1, _CELLS_PER_BLOCK // max(n_reviewers, 1))
    for start in range(0, n_apps, step):
        yield slice(start, min(start + step, n_apps))


def _top_sums(values: np.ndarray, need: np.ndarray) -> np.ndarray:
    """Per row, the sum of its need largest values (0 when need is 0)."""
    most = int(need.max(initial=0))
    if most == 0:
        return np.zeros(len(values))
    top = np.partition(values, values.shape[1] - most, axis=1)[:, -most:]
    running = np.cumsum(np.sort(top, axis=1)[:, ::-1], axis=1)
    last = np.maximum(need - 1, 0)
    return np.where(need > 0, running[np.arange(len(values)), last], 0.0)
