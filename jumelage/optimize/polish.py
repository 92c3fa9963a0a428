"""The fair assignment's last step: CP-SAT (OR-Tools) on each application's best few
reviewers and the pairs of the assignment found so far, started from it.

First the worst application's sum is raised as far as CP-SAT can within its time, then,
that worst held, the total. Affinities are rounded down to integer levels for the solver;
its answer is kept only when its true sums beat the start's, so rounding never loses.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.sat.python import cp_model

from jumelage.optimize.bounds import top_candidates
from jumelage.optimize.instance import Instance

# Each application's best reviewers offered beside its current ones: on the benchmarks
# 8 reach the max–min optimum where the candidates allow it, in a few seconds.
_CANDIDATES = 8
# Integer levels for the largest |affinity|: sums of a few stay far inside int64.
_LEVELS = 10**6
# CP-SAT's work per phase at most, in its deterministic time units (about seconds of one
# idle core), on one worker so that answers reproduce whatever else the machine runs; the
# caller's deadline, in wall-clock time, can stop it sooner.
_WORK = {"worst": 5.0, "total": 1.0}


def polish(instance: Instance, start: np.ndarray, deadline: float | None) -> np.ndarray:
    """An assignment whose worst application is at least the start's, and whose total is
    at least the start's when the worst ties; it stops by `deadline` (time.monotonic)."""
    w = instance.affinity
    candidates = (top_candidates(w, instance.allowed, _CANDIDATES) | start) & instance.allowed
    rows, cols = np.nonzero(candidates)
    if not len(rows):
        return start
    largest = max(float(np.abs(w).max()), 1e-12)
    scale = _LEVELS / largest
    levels = np.floor(w[rows, cols] * scale).astype(np.int64)
    pinned = np.floor(instance.pinned_sums * scale).astype(np.int64)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(rows))]
    most = int(instance.need.max(initial=0))
    reach = most * _LEVELS
    worst = model.new_int_var(int(pinned.min()) - reach, int(pinned.max()) + reach, "worst")
    sums = []
    for a in range(len(instance.need)):
        mine = np.flatnonzero(rows == a)
        model.add(sum(x[i] for i in mine) == int(instance.need[a]))
        total = int(pinned[a]) + sum(int(levels[i]) * x[i] for i in mine)
        model.add(total >= worst)
        sums.append(total)
    for r in range(len(instance.upper)):
        theirs = np.flatnonzero(cols == r)
        load = sum(x[i] for i in theirs)
        model.add(load <= int(instance.upper[r]))
        if instance.lower[r]:
            model.add(load >= int(instance.lower[r]))
    best = start
    _hint(model, x, rows, cols, best)
    model.maximize(worst)
    solver = _solver(_WORK["worst"], deadline)
    if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = _chosen(instance, rows, cols, [solver.boolean_value(v) for v in x])
        best = _better(instance, found, best)
    held = _levels_of(best, rows, cols, levels, pinned, len(instance.need)).min()
    model.add(worst >= int(held))
    model.maximize(sum(sums))
    _hint(model, x, rows, cols, best)
    solver = _solver(_WORK["total"], deadline)
    if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        total = _chosen(instance, rows, cols, [solver.boolean_value(v) for v in x])
        best = _better(instance, total, best)
    return best


def _hint(model, x, rows, cols, chosen) -> None:
    model.clear_hints()
    for i, (a, r) in enumerate(zip(rows, cols, strict=True)):
        model.add_hint(x[i], bool(chosen[a, r]))


def _levels_of(chosen, rows, cols, levels, pinned, n_apps) -> np.ndarray:
    """Each application's sum in the solver's integer levels."""
    picked = chosen[rows, cols]
    sums = np.bincount(rows[picked], weights=levels[picked], minlength=n_apps)
    return pinned + np.rint(sums).astype(np.int64)


def _solver(work: float, deadline: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = work
    if deadline is not None:
        solver.parameters.max_time_in_seconds = max(deadline - time.monotonic(), 0.01)
    return solver


def _chosen(instance: Instance, rows, cols, values) -> np.ndarray:
    chosen = np.zeros(instance.affinity.shape, dtype=bool)
    picked = np.asarray(values, dtype=bool)
    chosen[rows[picked], cols[picked]] = True
    return chosen


def _better(instance: Instance, found: np.ndarray, best: np.ndarray) -> np.ndarray:
    def key(chosen):
        sums = np.where(chosen, instance.affinity, 0.0).sum(axis=1) + instance.pinned_sums
        return (float(sums.min()) if len(sums) else 0.0, float(sums.sum()))

    return found if key(found) > key(best) else best
