"""The max–min LP and its dual bound (optimize/maxmin.py), and the fair mode against it,
against the greedy baseline on every benchmark family, and against brute force."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.optimize import linprog

from bench.assignment import FAMILIES, greedy, instance
from jumelage.optimize.assignment import InfeasibleAssignment, assign_reviewers
from jumelage.optimize.bounds import top_candidates
from jumelage.optimize.instance import build
from jumelage.optimize.maxmin import relax
from tests.optimize.test_assign_reviewers import assert_valid, instances


def dense_maxmin_lp(affinity, k, max_load, conflicts):
    """The max–min LP over every pair, written out densely (tiny cases only)."""
    n_apps, n_reviewers = affinity.shape
    pairs = list(itertools.product(range(n_apps), range(n_reviewers)))
    worst = [[1.0] + [-affinity[i, j] if i == a else 0.0 for i, j in pairs] for a in range(n_apps)]
    loads = [[0.0] + [float(j == r) for _, j in pairs] for r in range(n_reviewers)]
    needs = [[0.0] + [float(i == a) for i, _ in pairs] for a in range(n_apps)]
    result = linprog(
        [-1.0] + [0.0] * len(pairs),
        A_ub=worst + loads,
        b_ub=[0.0] * n_apps + [max_load] * n_reviewers,
        A_eq=needs,
        b_eq=[k] * n_apps,
        bounds=[(None, None)] + [(0, 0 if conflicts[a, r] else 1) for a, r in pairs],
        method="highs",
    )
    return -result.fun


def test_the_lp_found_from_a_few_candidates_is_the_lp_over_every_pair():
    rng = np.random.default_rng(3)
    affinity = rng.random((12, 8))
    conflicts = rng.random(affinity.shape) < 0.1
    problem = build(affinity, 2, 4, 0, conflicts, None, None)

    relaxation = relax(problem, top_candidates(affinity, problem.allowed, 3))

    assert relaxation.bound == pytest.approx(dense_maxmin_lp(affinity, 2, 4, conflicts), abs=1e-6)
    assert np.allclose(relaxation.x.sum(axis=1), 2)
    assert (relaxation.x.sum(axis=0) <= 4 + 1e-9).all()
    assert not relaxation.x[conflicts].any()


def test_the_dual_bound_holds_even_on_candidates_that_miss_the_best_pairs():
    rng = np.random.default_rng(5)
    affinity = rng.random((10, 6))
    problem = build(affinity, 2, 5, 0, None, None, None)
    worst_pairs = ~top_candidates(affinity, problem.allowed, 4)

    relaxation = relax(problem, worst_pairs)

    assert relaxation.bound >= dense_maxmin_lp(affinity, 2, 5, np.zeros_like(worst_pairs)) - 1e-7


@settings(max_examples=40, deadline=None)
@given(instances())
def test_the_fair_mode_is_feasible_and_never_above_its_bound(problem):
    try:
        fair = assign_reviewers(**problem, fairness=True)
    except InfeasibleAssignment:
        return
    assert_valid(fair, problem)
    assert fair.worst_application <= fair.maxmin_bound + 1e-9


@pytest.mark.parametrize("family", FAMILIES)
def test_the_fair_mode_serves_the_worst_application_at_least_as_well_as_the_greedy(family):
    affinity, conflicts, max_load = instance(150, 20, seed=1, family=family)

    fair = assign_reviewers(affinity, 3, max_load, conflicts=conflicts, fairness=True)

    assert fair.worst_application >= greedy(affinity, conflicts, max_load)["worst_application"]
    assert fair.worst_application <= fair.maxmin_bound + 1e-9


def test_the_sum_mode_is_optimal_against_brute_force_on_tiny_instances():
    rng = np.random.default_rng(11)
    for _ in range(20):
        affinity = rng.random((4, 4)).round(2)
        conflicts = rng.random(affinity.shape) < 0.15
        try:
            result = assign_reviewers(affinity, 2, 3, conflicts=conflicts)
        except InfeasibleAssignment:
            continue
        assert result.objective == pytest.approx(best_total(affinity, 2, 3, conflicts))
        assert result.upper_bound == pytest.approx(result.objective)


def best_total(affinity, k, max_load, conflicts):
    n_apps, n_reviewers = affinity.shape
    panels = [
        [p for p in itertools.combinations(range(n_reviewers), k) if not conflicts[a, p].any()]
        for a in range(n_apps)
    ]
    totals = [
        sum(affinity[a, list(p)].sum() for a, p in enumerate(choice))
        for choice in itertools.product(*panels)
        if (np.bincount(np.concatenate(choice), minlength=n_reviewers) <= max_load).all()
    ]
    return max(totals)
