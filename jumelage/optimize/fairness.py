"""The fairest assignment: raise the worst-served application first, then the total.

Maximising the smallest per-application affinity sum over integral assignments is NP-hard
in general, so this is a heuristic with a certificate. Each round solves, exactly, the
assignment of maximum *weighted* total affinity, where applications left below the
target weigh more and more, so the flow hands them better reviewers. Each round also
proves a bound: for weights μ ≥ 0 summing to 1, no assignment has a worst application above
the best μ-weighted average, which the exact solver bounds (the max–min LP is the best
such bound over μ). The smallest of these bounds, and of each application's own best
possible sum, is `maxmin_bound`; the target of the next round is that bound.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from jumelage.optimize.exact import maximise
from jumelage.optimize.instance import InfeasibleAssignment, Instance

# How much more an application below the target weighs after each round.
_BOOST = 2.0
_ROUNDS = 30
_WORST_SHARE = 0.02


@dataclass(frozen=True)
class Fair:
    """`chosen` marks the assigned pairs (pinned ones aside); `maxmin_bound` is a proven
    upper bound on the worst application's affinity sum over every assignment."""

    chosen: np.ndarray
    maxmin_bound: float


def fair_assignment(
    instance: Instance,
    plain: np.ndarray,
    deadline: float | None,
    report: Callable[[float, str], None],
) -> Fair:
    """From the maximum-total assignment `plain`, a fairer one: the largest floor τ such
    that every application can get all its reviewers at affinity ≥ τ (a bottleneck found by
    bisection over the affinity values, each step an exact flow), then the maximum total
    among assignments above that floor. The result is kept only if its worst application
    beats the plain one's; `maxmin_bound` is the smallest best-possible sum of one
    application (what it would get with every reviewer to itself)."""
    best, best_key = plain, _key(instance, plain)
    values = np.unique(instance.affinity[instance.allowed])
    low, high = 0, len(values) - 1  # values[low] is always a feasible floor
    while low < high and not _past(deadline):
        middle = (low + high + 1) // 2
        report(
            0.5 + 0.5 * (1 - (high - low) / len(values)), f"trying the floor {values[middle]:.4g}"
        )
        if _floored(instance, values[middle], deadline) is None:
            high = middle - 1
        else:
            low = middle
    chosen = _floored(instance, values[low], deadline) if len(values) else None
    if chosen is not None and _key(instance, chosen) > best_key:
        best = chosen
    return Fair(best, _own_best(instance))


def _floored(instance: Instance, floor: float, deadline: float | None) -> np.ndarray | None:
    above = dataclasses.replace(instance, allowed=instance.allowed & (instance.affinity >= floor))
    try:
        return maximise(above, deadline, _silent).chosen
    except InfeasibleAssignment:
        return None


def _key(instance: Instance, chosen: np.ndarray) -> tuple[float, float]:
    sums = _sums(instance, chosen)
    return (float(sums.min()) if len(sums) else 0.0, float(sums.sum()))


def _own_best(instance: Instance) -> float:
    """The smallest over applications of the best sum each could get alone: the bound for
    μ putting all weight on one application."""
    mask = np.where(instance.allowed, instance.affinity, -np.inf)
    best = -np.sort(-mask, axis=1)
    sums = [best[a, :need].sum() for a, need in enumerate(instance.need)]
    return float(min(np.asarray(sums) + instance.pinned_sums, default=0.0))


def _weighted(instance: Instance, mu: np.ndarray) -> Instance:
    return dataclasses.replace(instance, affinity=mu[:, None] * instance.affinity)


def _sums(instance: Instance, chosen: np.ndarray) -> np.ndarray:
    return np.where(chosen, instance.affinity, 0.0).sum(axis=1) + instance.pinned_sums


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _silent(fraction: float, message: str) -> None:
    """Inner solves report nothing: the rounds report for them."""
