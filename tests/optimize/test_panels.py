"""The panels' bound and bisection (optimize/panels.py): the cheapest panel against brute
force, the price check never ruling out a target some assignment reaches, and the fair
mode's bound never below an exact CP-SAT solve of the max–min problem."""

import itertools

import numpy as np
import pytest
from ortools.sat.python import cp_model

from jumelage.optimize.assignment import InfeasibleAssignment, assign_reviewers
from jumelage.optimize.instance import build
from jumelage.optimize.panels import bisect, cheapest, proves_out, sorted_reviewers


def exact_worst(affinity, k, max_load, conflicts, pinned=None, min_load=0):
    """The largest worst application over every assignment, by CP-SAT over every pair
    (affinities are whole hundredths, so the integer model is exact)."""
    n_apps, n_reviewers = affinity.shape
    pinned = np.zeros(affinity.shape, dtype=bool) if pinned is None else pinned
    hundredths = np.rint(affinity * 100).astype(int)
    model = cp_model.CpModel()
    x = {
        (a, r): model.new_bool_var(f"x{a}_{r}")
        for a in range(n_apps)
        for r in range(n_reviewers)
        if not conflicts[a, r]
    }
    for (a, r), var in x.items():
        if pinned[a, r]:
            model.add(var == 1)
    worst = model.new_int_var(-(10**6), 10**6, "worst")
    for a in range(n_apps):
        mine = [(r, var) for (b, r), var in x.items() if b == a]
        model.add(sum(var for _, var in mine) == k)
        model.add(sum(int(hundredths[a, r]) * var for r, var in mine) >= worst)
    for r in range(n_reviewers):
        load = sum(var for (_, s), var in x.items() if s == r)
        model.add(load <= max_load)
        model.add(load >= min_load)
    model.maximize(worst)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.value(worst) / 100


def small(rng, n_apps=6, n_reviewers=5, k=2):
    affinity = rng.integers(0, 100, (n_apps, n_reviewers)) / 100
    conflicts = rng.random(affinity.shape) < 0.15
    max_load = int(np.ceil(1.2 * n_apps * k / n_reviewers))
    return affinity, conflicts, max_load


def test_the_cheapest_panel_is_the_cheapest_over_every_reviewer():
    rng = np.random.default_rng(5)
    checked = 0
    for _ in range(200):
        n_apps, n_reviewers, k = int(rng.integers(1, 5)), int(rng.integers(3, 9)), 3
        affinity = rng.random((n_apps, n_reviewers)).round(1)
        conflicts = rng.random(affinity.shape) < 0.15
        pinned = (rng.random(affinity.shape) < 0.15) & ~conflicts
        try:
            instance = build(affinity, k, k * n_apps, 0, conflicts, pinned, None)
        except InfeasibleAssignment:
            continue
        prices = rng.integers(0, 3, n_reviewers).astype(float)
        target = float(rng.random() * k)

        costs, panels = cheapest(instance, sorted_reviewers(instance), prices, target)

        for a in range(n_apps):
            room = np.flatnonzero(instance.allowed[a])
            short = target - instance.pinned_sums[a]
            best = min(
                (
                    prices[list(c)].sum()
                    for c in itertools.combinations(room, int(instance.need[a]))
                    if affinity[a, list(c)].sum() >= short - 1e-9
                ),
                default=np.inf,
            )
            assert costs[a] == pytest.approx(best) or (np.isinf(best) and np.isinf(costs[a]))
            if panels[a] is not None:
                assert len(panels[a]) == instance.need[a]
                assert instance.allowed[a, list(panels[a])].all()
                assert affinity[a, list(panels[a])].sum() >= short - 1e-9
            checked += 1
    assert checked > 100


def test_no_prices_rule_out_a_target_that_an_assignment_reaches():
    rng = np.random.default_rng(11)
    for _ in range(15):
        affinity, conflicts, max_load = small(rng)
        try:
            instance = build(affinity, 2, max_load, 0, conflicts, None, None)
        except InfeasibleAssignment:
            continue
        reached = exact_worst(affinity, 2, max_load, conflicts)
        order = sorted_reviewers(instance)
        for _ in range(30):
            prices = rng.random(affinity.shape[1]) * rng.choice([0.1, 1, 10])
            costs, _ = cheapest(instance, order, prices, reached)
            assert not proves_out(instance, costs, prices)


def test_prices_rule_out_two_applications_sharing_one_strong_reviewer():
    # Each needs the strong reviewer to reach 1.1; they can seat only one of them.
    affinity = np.array([[1.0, 0.1, 0.1, 0.1], [1.0, 0.1, 0.1, 0.1]])
    instance = build(affinity, 2, 1, 0, None, None, None)
    prices = np.array([1.0, 0.0, 0.0, 0.0])

    costs, _ = cheapest(instance, sorted_reviewers(instance), prices, 1.1)

    assert costs.tolist() == [1.0, 1.0]
    assert proves_out(instance, costs, prices)
    assert exact_worst(affinity, 2, 1, np.zeros(affinity.shape, dtype=bool)) == pytest.approx(0.2)


@pytest.mark.parametrize("seed", range(6))
def test_an_exact_solve_never_exceeds_the_fair_modes_bound(seed):
    rng = np.random.default_rng(seed)
    for k, shape in ((2, (8, 5)), (3, (7, 6))):
        affinity, conflicts, max_load = small(rng, *shape, k=k)
        try:
            fair = assign_reviewers(affinity, k, max_load, conflicts=conflicts, fairness=True)
        except InfeasibleAssignment:
            continue
        exact = exact_worst(affinity, k, max_load, conflicts)
        assert fair.worst_application <= exact + 1e-9
        assert exact <= fair.maxmin_bound + 1e-9
        assert fair.worst_application <= fair.maxmin_bound + 1e-9


def test_the_bisection_bound_and_assignment_hold_with_pins_and_minimum_loads():
    rng = np.random.default_rng(23)
    checked = 0
    for _ in range(20):
        affinity, conflicts, max_load = small(rng, 8, 6, k=3)
        pinned = np.zeros(affinity.shape, dtype=bool)
        pinned[0, int(np.flatnonzero(~conflicts[0])[0])] = True
        try:
            instance = build(affinity, 3, max_load, 2, conflicts, pinned, None)
            fair = assign_reviewers(
                affinity, 3, max_load, 2, conflicts=conflicts, pinned=pinned, fairness=True
            )
        except InfeasibleAssignment:
            continue
        start = np.zeros(affinity.shape, dtype=bool)
        start[tuple(fair.pairs.T)] = True
        start &= ~pinned

        found = bisect(instance, start, 3.0, None)

        exact = exact_worst(affinity, 3, max_load, conflicts, pinned, min_load=2)
        assert exact <= found.bound + 1e-9
        chosen = found.chosen | pinned
        assert (chosen.sum(axis=1) == 3).all()
        assert not (chosen & conflicts).any()
        assert (chosen.sum(axis=0) <= max_load).all() and (chosen.sum(axis=0) >= 2).all()
        sums = np.where(chosen, affinity, 0).sum(axis=1)
        assert fair.worst_application - 1e-9 <= sums.min() <= exact + 1e-9
        checked += 1
    assert checked >= 5
