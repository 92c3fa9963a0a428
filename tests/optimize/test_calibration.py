"""Score calibration and rank intervals alone: plain data, no database."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.optimize.ranking import (
    Criterion,
    RankInterval,
    Review,
    Score,
    calibrate,
    rank_intervals,
    scores_from_reviews,
    tied_block,
)

METHODS = ["least_squares", "zscore"]


@st.composite
def committees(draw):
    """Scores from a few reviewers on a few applications, each application reviewed by
    two or three distinct reviewers."""
    n_apps = draw(st.integers(2, 8))
    n_reviewers = draw(st.integers(3, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scores = []
    for a in range(n_apps):
        for r in rng.choice(n_reviewers, draw(st.integers(2, 3)), replace=False):
            scores.append(Score(f"app{a}", f"rev{r}", float(rng.integers(0, 11))))
    return scores


def calibrated(scores, method):
    return {c.application_id: c.calibrated for c in calibrate(scores, method)}


def assert_same(left, right):
    assert left.keys() == right.keys()
    for key, value in left.items():
        assert right[key] == pytest.approx(value, abs=1e-7)


@settings(max_examples=80, deadline=None)
@given(committees(), st.sampled_from(METHODS), st.integers(0, 4), st.floats(-5, 5))
def test_a_constant_added_to_one_reviewer_changes_nothing(scores, method, which, shift):
    reviewer = scores[which % len(scores)].reviewer_id
    shifted = [
        Score(s.application_id, s.reviewer_id, s.value + shift * (s.reviewer_id == reviewer))
        for s in scores
    ]
    assert_same(calibrated(scores, method), calibrated(shifted, method))


@settings(max_examples=80, deadline=None)
@given(committees(), st.sampled_from(METHODS), st.randoms())
def test_permuting_reviewers_changes_nothing(scores, method, random):
    names = sorted({s.reviewer_id for s in scores})
    renamed = dict(zip(names, random.sample(names, len(names)), strict=True))
    permuted = [Score(s.application_id, renamed[s.reviewer_id], s.value) for s in scores]
    random.shuffle(permuted)
    assert_same(calibrated(scores, method), calibrated(permuted, method))


@settings(max_examples=80, deadline=None)
@given(committees(), st.sampled_from(METHODS), st.floats(-100, 100))
def test_a_conflicted_review_never_counts(scores, method, value):
    with_conflict = [*scores, Score(scores[0].application_id, "rev0", value, conflicted=True)]
    assert_same(calibrated(scores, method), calibrated(with_conflict, method))


def test_least_squares_recovers_qualities_despite_unbalanced_severity():
    # The severe reviewer (−3) reads only the two best applications: raw means invert them.
    quality = {"a": 2.0, "b": 1.0, "c": 0.0, "d": -1.0}
    offsets = {"severe": -3.0, "mild": 0.0, "kind": 1.0}
    reads = {"a": ["severe", "mild"], "b": ["severe", "kind"], "c": ["mild", "kind"],
             "d": ["mild", "kind"]}  # fmt: skip
    scores = [Score(a, r, quality[a] + offsets[r]) for a, rs in reads.items() for r in rs]
    result = calibrated(scores, "least_squares")
    mean = np.mean(list(quality.values()))
    for app, value in quality.items():
        assert result[app] == pytest.approx(value - mean)


def test_rank_intervals_hold_the_position_and_cover_every_application():
    rng = np.random.default_rng(1)
    scores = [
        Score(a, int(r), a / 10 + rng.normal(scale=0.5))
        for a in range(30)
        for r in rng.choice(8, 3, replace=False)
    ]
    intervals = rank_intervals(scores, samples=100)
    assert sorted(i.position for i in intervals) == list(range(1, 31))
    assert all(1 <= i.low <= i.high <= 30 for i in intervals)
    assert sum(i.low <= i.position <= i.high for i in intervals) >= 27


def test_a_clear_cut_has_no_tied_block():
    intervals = [RankInterval(f"app{p}", p, p, p) for p in range(1, 6)]
    assert tied_block(intervals, 2) is None


def test_the_tied_block_spans_every_application_straddling_the_cut():
    intervals = [
        RankInterval("a", 1, 1, 2),
        RankInterval("b", 2, 1, 3),
        RankInterval("c", 3, 2, 5),
        RankInterval("d", 4, 4, 6),
        RankInterval("e", 5, 3, 7),
        RankInterval("f", 6, 6, 7),
    ]
    assert tied_block(intervals, 4) == (3, 5)


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="least_squares"):
        calibrate([Score("a", "r", 1.0)], "median")


def test_reviews_become_weighted_scores_and_keep_their_conflict_flag():
    criteria = [Criterion("impact", 2, 0, 10), Criterion("team", 1, 1, 5)]
    reviews = [
        Review("alice", "orchid", {"impact": 10, "team": 1}),
        Review("bob", "orchid", {"impact": None, "team": None}),
        Review("carol", "orchid", {"impact": 0, "team": 5}, conflicted=True),
    ]
    scores = scores_from_reviews(reviews, criteria)
    assert [(s.reviewer_id, s.conflicted) for s in scores] == [("alice", False), ("carol", True)]
    assert scores[0].value == pytest.approx(2 / 3)
