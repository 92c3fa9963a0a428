"""The reviewer assignment solver alone: plain data, no database."""

import copy
import itertools
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.optimize.assignment import INTEREST_WEIGHT, assign

THEMES = ["agritech", "biotech", "energy", "mobility"]

# --- strategies -------------------------------------------------------------------------


@st.composite
def instances(
    draw,
    max_apps=6,
    max_reviewers=6,
    conflicts=True,
    interests=True,
    existing=True,
    uniform_cap=False,
):
    """Keyword arguments for assign(): small committees with every feature switchable."""
    apps = {
        f"app{i}": draw(st.sampled_from([None, *THEMES]))
        for i in range(draw(st.integers(0, max_apps)))
    }
    reviewers = [f"rev{j}" for j in range(draw(st.integers(0, max_reviewers)))]
    if uniform_cap:
        load_cap = draw(st.integers(0, 5))
    else:
        load_cap = {reviewer: draw(st.integers(0, 5)) for reviewer in reviewers}
    every_pair = [(reviewer, app) for app in apps for reviewer in reviewers]
    conflicted = set(draw(_subsets(every_pair))) if conflicts else set()
    allowed = [pair for pair in every_pair if pair not in conflicted]
    return {
        "applications": apps,
        "reviewers": reviewers,
        "k": draw(st.integers(0, 4)),
        "load_cap": load_cap,
        "conflicts": conflicted,
        "interests": {r: set(draw(_subsets(THEMES))) for r in reviewers} if interests else None,
        "existing": draw(_subsets(allowed)) if existing else [],
    }


def _subsets(items):
    return st.lists(st.sampled_from(items), unique=True) if items else st.just([])


# --- independent checks -------------------------------------------------------------------


def cap_of(instance, reviewer):
    cap = instance["load_cap"]
    return cap if isinstance(cap, int) else cap[reviewer]


def residual(instance):
    """Per application what it still needs, per reviewer the room left, and the new pairs
    allowed: the problem that remains once the existing pairs are counted."""
    held = Counter(reviewer for reviewer, _ in instance["existing"])
    served = Counter(app for _, app in instance["existing"])
    need = {app: max(0, instance["k"] - served[app]) for app in instance["applications"]}
    room = {r: max(0, cap_of(instance, r) - held[r]) for r in instance["reviewers"]}
    allowed = [
        (reviewer, app)
        for app in instance["applications"]
        for reviewer in instance["reviewers"]
        if (reviewer, app) not in instance["conflicts"]
        and (reviewer, app) not in instance["existing"]
    ]
    return need, room, allowed


def max_new_pairs_by_min_cut(instance):
    """The most new pairs any assignment can add, by max-flow = min-cut, enumerating every
    cut: apps in X stay on the source side, and each reviewer is cut where it is cheaper."""
    need, room, allowed = residual(instance)
    apps = list(need)
    best = None
    for size in range(len(apps) + 1):
        for chosen in itertools.combinations(apps, size):
            inside = set(chosen)
            cut = sum(need[app] for app in apps if app not in inside)
            for reviewer in room:
                reachable = sum(1 for r, app in allowed if r == reviewer and app in inside)
                cut += min(room[reviewer], reachable)
            best = cut if best is None else min(best, cut)
    return best


def cost(instance, pairs, added):
    """The documented objective: Σ load·(load − 1)/2 + interest_weight × undeclared new pairs."""
    loads = Counter(reviewer for reviewer, _ in pairs)
    interests = instance["interests"] or {}
    undeclared = sum(
        1
        for reviewer, app in added
        if instance["applications"][app] not in interests.get(reviewer, set())
    )
    return sum(n * (n - 1) // 2 for n in loads.values()) + INTEREST_WEIGHT * undeclared


def brute_force_best(instance):
    """(pairs added, cost) of the best assignment, trying every subset of allowed pairs."""
    need, room, allowed = residual(instance)
    best = (0, cost(instance, instance["existing"], []))
    for mask in range(1, 2 ** len(allowed)):
        added = [pair for bit, pair in enumerate(allowed) if mask >> bit & 1]
        per_app = Counter(app for _, app in added)
        per_reviewer = Counter(reviewer for reviewer, _ in added)
        if any(per_app[a] > need[a] for a in per_app) or any(
            per_reviewer[r] > room[r] for r in per_reviewer
        ):
            continue
        score = (len(added), cost(instance, [*instance["existing"], *added], added))
        if score[0] > best[0] or (score[0] == best[0] and score[1] < best[1]):
            best = score
    return best


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=150)
@given(instances())
def test_every_pair_is_allowed_distinct_and_within_its_reviewers_cap(instance):
    result = assign(**instance)
    held = Counter(reviewer for reviewer, _ in instance["existing"])
    added_load = Counter(reviewer for reviewer, _ in result.added)

    assert len(set(result.pairs)) == len(result.pairs)
    assert not set(result.pairs) & instance["conflicts"]
    for reviewer, app in result.pairs:
        assert reviewer in instance["reviewers"]
        assert app in instance["applications"]
    for reviewer, count in added_load.items():
        assert held[reviewer] + count <= cap_of(instance, reviewer)


@settings(max_examples=150)
@given(instances())
def test_existing_pairs_are_kept_and_short_counts_what_is_missing(instance):
    result = assign(**instance)
    served = Counter(app for _, app in result.pairs)

    assert set(instance["existing"]) <= set(result.pairs)
    assert set(result.pairs) == set(instance["existing"]) | set(result.added)
    assert not set(instance["existing"]) & set(result.added)
    assert result.short == {
        app: instance["k"] - served[app]
        for app in instance["applications"]
        if served[app] < instance["k"]
    }


@settings(max_examples=150)
@given(instances(max_apps=5))
def test_no_assignment_could_add_more_pairs(instance):
    # The min-cut bound is computed independently of the solver: equality proves the
    # number of pairs is maximal, with conflicts, caps and existing pairs all in play.
    assert len(assign(**instance).added) == max_new_pairs_by_min_cut(instance)


@settings(max_examples=150)
@given(instances(conflicts=False, existing=False))
def test_k_is_reached_exactly_when_the_capacity_allows_it(instance):
    # Without conflicts the capacity suffices iff Σ min(cap, |apps|) ≥ k·|apps| (a reviewer
    # reads an application at most once): a concave cut function makes this cut decisive.
    apps = instance["applications"]
    capacity = sum(min(cap_of(instance, r), len(apps)) for r in instance["reviewers"])
    enough = capacity >= instance["k"] * len(apps)

    assert (assign(**instance).short == {}) == enough


@settings(max_examples=100)
@given(instances(conflicts=False, interests=False, existing=False, uniform_cap=True))
def test_loads_differ_by_at_most_one_with_one_cap_and_no_conflicts(instance):
    loads = Counter(reviewer for reviewer, _ in assign(**instance).pairs)
    every_load = [loads[reviewer] for reviewer in instance["reviewers"]]

    assert not every_load or max(every_load) - min(every_load) <= 1


@settings(max_examples=150)
@given(instances(max_apps=3, max_reviewers=3))
def test_the_assignment_is_optimal_against_brute_force(instance):
    result = assign(**instance)
    found = (len(result.added), cost(instance, result.pairs, result.added))

    assert found == brute_force_best(instance)


@settings(max_examples=100)
@given(instances())
def test_the_same_input_gives_the_same_assignment(instance):
    assert assign(**instance) == assign(**copy.deepcopy(instance))


# --- examples ---------------------------------------------------------------------------


def test_each_application_gets_k_distinct_reviewers():
    result = assign(["orchid", "lotus", "bamboo"], ["alice", "bob", "carol"], 2, 2, set())
    per_app = Counter(app for _, app in result.pairs)
    assert per_app == {"orchid": 2, "lotus": 2, "bamboo": 2}
    assert result.short == {}


def test_a_conflicted_reviewer_is_never_assigned():
    result = assign(["orchid"], ["alice", "bob"], 2, 5, {("alice", "orchid")})
    assert result.pairs == [("bob", "orchid")]
    assert result.short == {"orchid": 1}


def test_a_greedy_trap_is_avoided():
    # Taking alice for orchid first (she comes first) would leave lotus with nobody.
    result = assign(["orchid", "lotus"], ["alice", "bob"], 1, 1, {("bob", "lotus")})
    assert result.pairs == [("bob", "orchid"), ("alice", "lotus")]
    assert result.short == {}


def test_enough_total_capacity_can_still_leave_an_application_short():
    # Every application has a non-conflicted reviewer and caps sum to 2 = k × apps, yet
    # bob is conflicted on both, so alice alone can serve only one of them.
    conflicts = {("bob", "orchid"), ("bob", "lotus")}
    result = assign(["orchid", "lotus"], ["alice", "bob"], 1, 1, conflicts)
    assert sum(result.short.values()) == 1


def test_a_reviewer_who_declared_the_theme_is_preferred():
    interests = {"bob": {"biotech"}}
    result = assign({"orchid": "biotech"}, ["alice", "bob"], 1, 3, set(), interests)
    assert result.pairs == [("bob", "orchid")]


def test_an_interest_gives_way_to_a_much_heavier_load():
    # A declared theme is worth INTEREST_WEIGHT (2) applications of load difference.
    interests = {"bob": {"biotech"}}

    def orchid_goes_to(bob_already_holds):
        held = [f"old{i}" for i in range(bob_already_holds)]
        apps = {"orchid": "biotech", **dict.fromkeys(held)}
        existing = [("bob", app) for app in held]
        result = assign(apps, ["alice", "bob"], 1, 9, set(), interests, existing)
        return result.added

    assert orchid_goes_to(1) == [("bob", "orchid")]
    assert orchid_goes_to(3) == [("alice", "orchid")]


def test_existing_pairs_count_towards_k_and_the_load_cap():
    existing = [("alice", "orchid")]
    result = assign(["orchid", "lotus"], ["alice", "bob"], 1, 1, set(), existing=existing)
    assert result.pairs == [("alice", "orchid"), ("bob", "lotus")]
    assert result.added == [("bob", "lotus")]


def test_caps_can_differ_per_reviewer():
    result = assign(
        ["orchid", "lotus", "bamboo"], ["alice", "bob"], 1, {"alice": 0, "bob": 3}, set()
    )
    assert {reviewer for reviewer, _ in result.pairs} == {"bob"}


def test_a_conflicted_existing_pair_is_refused():
    with pytest.raises(ValueError, match="conflicted"):
        assign(["orchid"], ["alice"], 1, 1, {("alice", "orchid")}, existing=[("alice", "orchid")])


def test_a_reviewer_without_a_cap_is_refused():
    with pytest.raises(ValueError, match="no load cap"):
        assign(["orchid"], ["alice", "bob"], 1, {"alice": 2}, set())


def test_a_committee_of_realistic_size_is_fully_served():
    apps = {f"app{i}": THEMES[i % len(THEMES)] for i in range(120)}
    reviewers = [f"rev{j}" for j in range(24)]
    interests = {r: {THEMES[j % len(THEMES)]} for j, r in enumerate(reviewers)}
    result = assign(apps, reviewers, 3, 16, set(), interests)
    loads = Counter(reviewer for reviewer, _ in result.pairs)

    assert result.short == {}
    assert set(loads.values()) == {15}
    assert all(app_theme in interests[r] for r, app in result.pairs for app_theme in [apps[app]])
