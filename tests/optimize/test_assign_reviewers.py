"""assign_reviewers alone: optimality against an independent LP, bounds, infeasibility
messages, pinned and previous pairs, fairness."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from jumelage.optimize.assignment import InfeasibleAssignment, assign_reviewers

# --- strategies and the independent check ------------------------------------------------


@st.composite
def instances(draw, max_apps=7, max_reviewers=6):
    """Small feasible-or-not instances: random affinities, conflicts, loads."""
    n_apps = draw(st.integers(1, max_apps))
    n_reviewers = draw(st.integers(1, max_reviewers))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return {
        "affinity": rng.random((n_apps, n_reviewers)).round(3),
        "reviews_per_application": draw(st.integers(1, min(3, n_reviewers))),
        "max_load": rng.integers(0, n_apps + 1, n_reviewers),
        "min_load": draw(st.integers(0, 1)),
        "conflicts": rng.random((n_apps, n_reviewers)) < 0.15,
    }


def lp_optimum(affinity, k, max_load, min_load, conflicts):
    """The assignment LP over all pairs by HiGHS (integral: the matrix is totally
    unimodular), or None when infeasible."""
    n_apps, n_reviewers = affinity.shape
    pairs = list(itertools.product(range(n_apps), range(n_reviewers)))
    per_app = np.array([[a == i for i, _ in pairs] for a in range(n_apps)], dtype=float)
    per_reviewer = np.array([[r == j for _, j in pairs] for r in range(n_reviewers)], float)
    upper = np.broadcast_to(max_load, (n_reviewers,))
    lower = np.broadcast_to(min_load, (n_reviewers,))
    result = linprog(
        [-affinity[a, r] for a, r in pairs],
        A_ub=np.vstack([per_reviewer, -per_reviewer]),
        b_ub=np.concatenate([upper, -lower]),
        A_eq=per_app,
        b_eq=np.full(n_apps, k),
        bounds=[(0, 0 if conflicts[a, r] else 1) for a, r in pairs],
        method="highs",
    )
    return -result.fun if result.status == 0 else None


def assert_valid(result, instance):
    pairs = result.pairs
    k = instance["reviews_per_application"]
    n_apps, n_reviewers = instance["affinity"].shape
    assert len({tuple(p) for p in pairs}) == len(pairs)
    assert (np.bincount(pairs[:, 0], minlength=n_apps) == k).all()
    loads = np.bincount(pairs[:, 1], minlength=n_reviewers)
    assert (loads <= instance["max_load"]).all() and (loads >= instance["min_load"]).all()
    assert not instance["conflicts"][pairs[:, 0], pairs[:, 1]].any()


# --- properties -------------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(instances())
def test_the_objective_is_the_lp_optimum_and_the_bound_proves_it(instance):
    best = lp_optimum(
        instance["affinity"],
        instance["reviews_per_application"],
        instance["max_load"],
        instance["min_load"],
        instance["conflicts"],
    )
    if best is None:
        with pytest.raises(InfeasibleAssignment):
            assign_reviewers(**instance)
        return
    result = assign_reviewers(**instance)

    assert_valid(result, instance)
    assert result.objective == pytest.approx(best, abs=1e-6)
    assert result.upper_bound >= best - 1e-6
    assert result.upper_bound == pytest.approx(best, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(instances())
def test_fairness_never_leaves_the_worst_application_worse(instance):
    try:
        plain = assign_reviewers(**instance)
    except InfeasibleAssignment:
        return
    fair = assign_reviewers(**instance, fairness=True)

    assert_valid(fair, instance)
    assert fair.worst_application >= plain.worst_application - 1e-9
    assert fair.worst_application <= fair.maxmin_bound + 1e-9
    assert fair.objective <= plain.upper_bound + 1e-9


def best_worst_by_brute_force(affinity, k, max_load, min_load, conflicts):
    """The largest worst-application sum over every feasible assignment (tiny cases)."""
    n_apps, n_reviewers = affinity.shape
    panels = [
        [p for p in itertools.combinations(range(n_reviewers), k) if not conflicts[a, p].any()]
        for a in range(n_apps)
    ]
    best = None
    for choice in itertools.product(*panels):
        loads = np.bincount(np.concatenate(choice), minlength=n_reviewers)
        if (loads > max_load).any() or (loads < min_load).any():
            continue
        worst = min(affinity[a, list(p)].sum() for a, p in enumerate(choice))
        best = worst if best is None else max(best, worst)
    return best


@settings(max_examples=40, deadline=None)
@given(instances(max_apps=4, max_reviewers=4))
def test_the_maxmin_bound_holds_against_brute_force(instance):
    try:
        fair = assign_reviewers(**instance, fairness=True)
    except InfeasibleAssignment:
        return
    best = best_worst_by_brute_force(
        instance["affinity"],
        instance["reviews_per_application"],
        instance["max_load"],
        instance["min_load"],
        instance["conflicts"],
    )
    assert fair.worst_application <= best + 1e-9
    assert best <= fair.maxmin_bound + 1e-9


@settings(max_examples=60, deadline=None)
@given(instances(), st.integers(0, 2**32 - 1))
def test_pinned_pairs_are_kept(instance, seed):
    try:
        plain = assign_reviewers(**instance)
    except InfeasibleAssignment:
        return
    pinned = np.zeros(instance["affinity"].shape, dtype=bool)
    chosen = plain.pairs[np.random.default_rng(seed).random(len(plain.pairs)) < 0.3]
    pinned[chosen[:, 0], chosen[:, 1]] = True
    result = assign_reviewers(**instance, pinned=pinned)

    assert_valid(result, instance)
    assert pinned[result.pairs[:, 0], result.pairs[:, 1]].sum() == pinned.sum()


@settings(max_examples=60, deadline=None)
@given(instances())
def test_rerunning_with_the_previous_assignment_keeps_it_all(instance):
    try:
        first = assign_reviewers(**instance)
    except InfeasibleAssignment:
        return
    previous = np.zeros(instance["affinity"].shape, dtype=bool)
    previous[first.pairs[:, 0], first.pairs[:, 1]] = True
    again = assign_reviewers(**instance, previous=previous)

    assert again.kept == len(first.pairs)
    assert again.objective == pytest.approx(first.objective, abs=1e-9)


# --- examples ---------------------------------------------------------------------------


def test_previous_pairs_win_ties_without_costing_affinity():
    affinity = np.ones((2, 2))
    previous = np.array([[False, True], [True, False]])
    result = assign_reviewers(affinity, 1, 1, previous=previous)
    assert result.pairs.tolist() == [[0, 1], [1, 0]]
    assert result.kept == 2


def test_an_application_without_enough_free_reviewers_is_named():
    conflicts = np.zeros((20, 4), dtype=bool)
    conflicts[17, :2] = True
    with pytest.raises(InfeasibleAssignment, match="application 17 has only 2 reviewers"):
        assign_reviewers(np.ones((20, 4)), 3, 20, conflicts=conflicts)


def test_too_little_capacity_is_explained():
    with pytest.raises(InfeasibleAssignment, match="at most 4 reviews in all; 6 are needed"):
        assign_reviewers(np.ones((3, 2)), 2, 2)


def test_a_group_short_of_reviewers_is_found_by_the_minimum_cut():
    # Applications 0 and 1 may only have reviewer 0, who takes one: Hall's condition fails.
    conflicts = np.array([[False, True], [False, True], [False, False]])
    with pytest.raises(InfeasibleAssignment, match="applications 0, 1 need 2 more"):
        assign_reviewers(np.ones((3, 2)), 1, [1, 3], conflicts=conflicts)


def test_minimum_loads_beyond_the_reviews_to_give_are_explained():
    with pytest.raises(InfeasibleAssignment, match="minimum loads add up to 6 reviews; only 3"):
        assign_reviewers(np.ones((3, 3)), 1, 3, min_load=2)


def test_a_reviewer_who_cannot_reach_their_minimum_load_is_named():
    conflicts = np.array([[True, False, False], [True, False, False], [False, False, False]])
    with pytest.raises(InfeasibleAssignment, match="reviewer 0 must review at least 2"):
        assign_reviewers(np.ones((3, 3)), 1, 3, min_load=[2, 0, 0], conflicts=conflicts)


def test_minimum_loads_are_met_even_when_they_cost_affinity():
    affinity = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    result = assign_reviewers(affinity, 1, 3, min_load=[0, 2])
    assert np.bincount(result.pairs[:, 1], minlength=2).tolist() == [1, 2]
    assert result.objective == pytest.approx(1.0) and result.ratio == pytest.approx(1.0)


def test_a_pinned_conflict_is_refused():
    both = np.array([[True]])
    with pytest.raises(InfeasibleAssignment, match="pinned but conflicted"):
        assign_reviewers(np.ones((1, 1)), 1, 1, conflicts=both, pinned=both)


def test_fairness_gives_the_worst_application_better_reviewers():
    # The total prefers both strong reviewers on application 0 (it gains more from them),
    # which leaves application 1 with the weak ones; fairness shares them out.
    affinity = np.array([[1.0, 1.0, 0.0, 0.0], [0.6, 0.6, 0.1, 0.1]])
    plain = assign_reviewers(affinity, 2, 1)
    fair = assign_reviewers(affinity, 2, 1, fairness=True)
    assert plain.worst_application == pytest.approx(0.2)
    assert fair.worst_application == pytest.approx(0.7)
    assert fair.objective < plain.objective


@pytest.mark.parametrize("fairness", [False, True])
def test_a_spent_time_limit_still_returns_a_valid_assignment_and_a_true_bound(fairness):
    rng = np.random.default_rng(7)
    affinity = rng.random((60, 80)) * 0.1
    affinity[:, :20] += 1.0
    result = assign_reviewers(affinity, 1, 1, fairness=fairness, time_limit=0)
    instance = {
        "affinity": affinity,
        "reviews_per_application": 1,
        "max_load": 1,
        "min_load": 0,
        "conflicts": np.zeros(affinity.shape, dtype=bool),
    }
    assert_valid(result, instance)
    assert result.upper_bound >= lp_optimum(affinity, 1, 1, 0, instance["conflicts"]) - 1e-9


@pytest.mark.parametrize("fairness", [False, True])
def test_progress_rises_from_zero_to_one_over_several_rounds(fairness):
    rng = np.random.default_rng(7)
    affinity = rng.random((60, 80)) * 0.1
    affinity[:, :20] += 1.0
    heard = []
    assign_reviewers(affinity, 1, 1, fairness=fairness, progress=lambda f, _: heard.append(f))
    assert heard[0] == 0.0 and heard[-1] == 1.0 and heard == sorted(heard)
    assert len(heard) > 4


def test_candidates_outside_the_first_cut_are_added_when_they_pay():
    # Every application prefers the same 20 reviewers, who can take only one each: the
    # optimum needs reviewers far down each application's list.
    rng = np.random.default_rng(7)
    affinity = rng.random((60, 80)) * 0.1
    affinity[:, :20] += 1.0
    result = assign_reviewers(affinity, 1, 1)
    assert result.ratio == pytest.approx(1.0, abs=1e-9)
    assert result.objective == pytest.approx(lp_optimum(affinity, 1, 1, 0, affinity < -1))
