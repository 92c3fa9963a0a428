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
# Wall-clock seconds per phase at most (less when the caller's deadline comes first), on
# two workers: on the benchmarks the worst reaches its optimum among the candidates in
# 1–6 s on an idle machine.
_WORK = {"worst": 10.0, "total": 3.0}


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
    for i, (a, r) in enumerate(zip(rows, cols, strict=True)):
        model.add_hint(x[i], bool(start[a, r]))
    model.maximize(worst)
    solver = _solver(_WORK["worst"], deadline)
    best = start
    if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = _chosen(instance, rows, cols, [solver.boolean_value(v) for v in x])
        best = _better(instance, found, best)
        model.add(worst >= int(solver.value(worst)))
        model.maximize(sum(sums))
        model.clear_hints()
        for i, (a, r) in enumerate(zip(rows, cols, strict=True)):
            model.add_hint(x[i], bool(found[a, r]))
        solver = _solver(_WORK["total"], deadline)
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            total = _chosen(instance, rows, cols, [solver.boolean_value(v) for v in x])
            best = _better(instance, total, best)
    return best


def _solver(work: float, deadline: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    left = work if deadline is None else min(work, deadline - time.monotonic())
    solver.parameters.max_time_in_seconds = max(left, 0.01)
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
