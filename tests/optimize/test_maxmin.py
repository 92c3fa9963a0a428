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
from jumelage.optimize.covers import cover_bound
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


def best_worst(affinity, k, max_load, conflicts):
    """The exact max–min by brute force over every panel of every application."""
    n_apps, n_reviewers = affinity.shape
    panels = [
        [p for p in itertools.combinations(range(n_reviewers), k) if not conflicts[a, p].any()]
        for a in range(n_apps)
    ]
    return max(
        min(affinity[a, list(p)].sum() for a, p in enumerate(choice))
        for choice in itertools.product(*panels)
        if (np.bincount(np.concatenate(choice), minlength=n_reviewers) <= max_load).all()
    )


def test_the_fair_mode_reaches_the_exact_max_min_on_tiny_instances_and_bounds_it():
    rng = np.random.default_rng(17)
    checked = 0
    for _ in range(12):
        affinity = rng.random((4, 5)).round(2)
        conflicts = rng.random(affinity.shape) < 0.15
        try:
            fair = assign_reviewers(affinity, 2, 2, conflicts=conflicts, fairness=True)
        except InfeasibleAssignment:
            continue
        exact = best_worst(affinity, 2, 2, conflicts)
        assert fair.maxmin_bound >= exact - 1e-9
        assert fair.worst_application >= 0.98 * exact
        checked += 1
    assert checked >= 6


def test_the_cover_bound_holds_under_the_max_min_lp_when_scarce_reviewers_are_shared():
    # Two applications want the one strong reviewer; the LP gives each half of them.
    affinity = np.array([[1.0, 0.1, 0.1, 0.1], [1.0, 0.1, 0.1, 0.1]])
    problem = build(affinity, 2, 1, 0, None, None, None)
    exact = best_worst(affinity, 2, 1, np.zeros(affinity.shape, dtype=bool))
    lp = dense_maxmin_lp(affinity, 2, 1, np.zeros(affinity.shape, dtype=bool))

    bound = cover_bound(problem, 0.0, lp)

    assert exact == pytest.approx(0.2)
    assert lp == pytest.approx(0.65)
    assert exact - 1e-9 <= bound < 0.21


@settings(max_examples=30, deadline=None)
@given(instances())
def test_the_cover_bound_never_falls_below_a_feasible_assignment(problem):
    try:
        fair = assign_reviewers(**problem, fairness=True)
    except InfeasibleAssignment:
        return
    instance = build(
        problem["affinity"],
        problem["reviews_per_application"],
        problem["max_load"],
        problem.get("min_load", 0),
        problem.get("conflicts"),
        problem.get("pinned"),
        None,
    )
    assert cover_bound(instance, fair.worst_application, 1e6) >= fair.worst_application - 1e-9


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"reviews_per_application": -1}, "must not be negative"),
        ({"conflicts": np.zeros((2, 2), dtype=bool)}, "conflicts has shape"),
        ({"max_load": 1}, "can take at most"),
    ],
)
def test_the_fair_mode_answers_bad_input_with_a_clear_value_error(arguments, message):
    given_ = {"affinity": np.ones((4, 3)), "reviews_per_application": 2, "max_load": 3}
    with pytest.raises(ValueError, match=message):
        assign_reviewers(**{**given_, **arguments}, fairness=True)
