"""Upper bounds on the best assignment, from LP duality, and the candidate pairs they
show to be missing from a sparsified instance.

For reviewer prices p (any real numbers) and application weights μ ≥ 0, weak duality of
the assignment LP gives

    max Σ_a μ_a · (affinity of a's reviewers)
        ≤ Σ_a top_need(a)(μ_a·w[a, r] − p_r over r allowed for a)
          + Σ_r (upper_r · max(p_r, 0) − lower_r · max(−p_r, 0)),

because the best dual value of each application's row constraint, given p, is its
need(a)-th largest reduced affinity, which turns the dual objective into that sum of the
largest ones. With μ = 1 this bounds the total affinity, with μ a probability vector the
max–min LP, and the bound holds for every pair, not only the candidates the solver saw.
"""

from __future__ import annotations

import numpy as np

from jumelage.optimize.instance import Instance

# Rows per block when scanning the dense matrix: ~4 M cells, some 32 MB per float array.
_CELLS_PER_BLOCK = 1 << 22


def dual_bound(
    instance: Instance, prices: np.ndarray, weights: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """The bound above for reviewer `prices` and application `weights` (all 1 by default),
    with each application's threshold u_a (its need-th largest reduced affinity, the row
    dual). Pinned pairs add their affinity, weighted, to the bound."""
    n_apps, n_reviewers = instance.affinity.shape
    mu = np.ones(n_apps) if weights is None else weights
    prices = _clamped(instance, prices)
    thresholds = np.zeros(n_apps)
    total = 0.0
    for block in _blocks(n_apps, n_reviewers):
        reduced = _reduced(instance, block, prices, mu)
        sums, thresholds[block] = _top_sums(reduced, instance.need[block])
        total += sums.sum()
    positive, negative = np.maximum(prices, 0), np.maximum(-prices, 0)
    total += (instance.upper * positive).sum() - (instance.lower * negative).sum()
    return total + (mu * instance.pinned_sums).sum(), thresholds


def beating(
    instance: Instance, prices: np.ndarray, candidates: np.ndarray, tolerance: float
) -> np.ndarray:
    """The allowed pairs outside `candidates` whose reduced affinity beats their
    application's need-th best among the candidates by more than `tolerance`: the pairs
    that could improve the assignment (none means the candidates' optimum is the optimum)."""
    n_apps, n_reviewers = instance.affinity.shape
    prices = _clamped(instance, prices)
    missing = np.zeros_like(candidates)
    for block in _blocks(n_apps, n_reviewers):
        reduced = _reduced(instance, block, prices, np.ones(n_apps))
        among = np.where(candidates[block], reduced, -np.inf)
        _, threshold = _top_sums(among, instance.need[block])
        missing[block] = ~candidates[block] & (reduced > threshold[:, None] + tolerance)
    return missing


def top_candidates(affinity: np.ndarray, allowed: np.ndarray, per_row: int) -> np.ndarray:
    """A mask of each row's `per_row` best allowed columns."""
    n_rows, n_cols = affinity.shape
    if per_row >= n_cols:
        return allowed.copy()
    chosen = np.zeros((n_rows, n_cols), dtype=bool)
    for block in _blocks(n_rows, n_cols):
        scores = np.where(allowed[block], affinity[block], -np.inf)
        best = np.argpartition(-scores, per_row, axis=1)[:, :per_row]
        np.put_along_axis(chosen[block], best, True, axis=1)
    return chosen & allowed


def _clamped(instance: Instance, prices: np.ndarray) -> np.ndarray:
    # Without a minimum load a negative price earns nothing in the bound and only inflates
    # every reduced affinity, while 0 keeps the dual feasible: never worse, often tighter.
    return np.where(instance.lower > 0, prices, np.maximum(prices, 0))


def _blocks(n_apps: int, n_reviewers: int):
    step = max(1, _CELLS_PER_BLOCK // max(n_reviewers, 1))
    for start in range(0, n_apps, step):
        yield slice(start, min(start + step, n_apps))


def _reduced(instance: Instance, block: slice, prices: np.ndarray, mu: np.ndarray):
    reduced = mu[block, None] * instance.affinity[block] - prices[None, :]
    reduced[~instance.allowed[block]] = -np.inf
    return reduced


def _top_sums(values: np.ndarray, need: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the sum of its need largest values and the need-th largest (0 and +inf
    when need is 0: such a row takes nobody)."""
    most = int(need.max(initial=0))
    if most == 0:
        return np.zeros(len(values)), np.full(len(values), np.inf)
    top = -np.partition(-values, most - 1, axis=1)[:, :most]
    top = -np.sort(-top, axis=1)
    running = np.cumsum(top, axis=1)
    rows = np.arange(len(values))
    last = np.maximum(need - 1, 0)
    sums = np.where(need > 0, running[rows, last], 0.0)
    threshold = np.where(need > 0, top[rows, last], np.inf)
    return sums, threshold
