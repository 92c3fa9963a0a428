"""The ranking solver alone: plain data, no database."""

import itertools
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jumelage.optimize.ranking import Criterion, Review, rank, weighted_score

EPSILON = 1e-12

# --- strategies -----------------------------------------------------------------------


@st.composite
def criteria_lists(draw, min_size=1, max_size=4):
    """Criteria with distinct ids, integer weights and scales like the committee form's."""
    size = draw(st.integers(min_size, max_size))
    criteria = []
    for index in range(size):
        low = draw(st.integers(-5, 5))
        criteria.append(
            Criterion(
                id=f"c{index}",
                weight=draw(st.integers(1, 10)),
                scale_min=low,
                scale_max=low + draw(st.integers(1, 10)),
            )
        )
    return criteria


@st.composite
def full_scores(draw, criteria):
    """One score per criterion, anywhere on its scale (floats included)."""
    return {
        c.id: draw(
            st.one_of(
                st.integers(c.scale_min, c.scale_max),
                st.floats(c.scale_min, c.scale_max, allow_nan=False),
            )
        )
        for c in criteria
    }


@st.composite
def partial_scores(draw, criteria):
    """Integer scores for a subset of the criteria: some reviews leave criteria blank."""
    return {
        c.id: draw(st.integers(c.scale_min, c.scale_max)) for c in criteria if draw(st.booleans())
    }


@st.composite
def committees(draw):
    """Criteria, application ids, and non-conflicted reviews (some apps have none)."""
    criteria = draw(criteria_lists())
    apps = [f"app{i}" for i in range(draw(st.integers(0, 8)))]
    reviews = []
    for app in apps:
        for reviewer in range(draw(st.integers(0, 4))):
            reviews.append(Review(reviewer, app, draw(partial_scores(criteria))))
    return criteria, apps, reviews


def normalised(criterion, score):
    return (score - criterion.scale_min) / (criterion.scale_max - criterion.scale_min)


def counted_scores(app, reviews, criteria):
    """The weighted scores that should count for one application, by the documented rule."""
    scores = [
        weighted_score(r.scores, criteria)
        for r in reviews
        if r.application_id == app and not r.conflicted
    ]
    return [s for s in scores if s is not None]


# --- weighted_score: weights and scales ---------------------------------------------------


@given(st.data(), criteria_lists(min_size=2))
def test_doubling_a_weight_moves_the_score_towards_that_criterion(data, criteria):
    scores = data.draw(full_scores(criteria))
    chosen = data.draw(st.sampled_from(criteria))
    doubled = [
        Criterion(c.id, c.weight * 2, c.scale_min, c.scale_max) if c is chosen else c
        for c in criteria
    ]
    target = normalised(chosen, scores[chosen.id])
    before = weighted_score(scores, criteria)
    after = weighted_score(scores, doubled)

    assert abs(after - target) <= abs(before - target) + EPSILON
    assert min(before, target) - EPSILON <= after <= max(before, target) + EPSILON


@given(st.data(), criteria_lists(), st.integers(1, 100))
def test_equal_weights_give_the_plain_mean_of_normalised_scores(data, criteria, weight):
    criteria = [Criterion(c.id, weight, c.scale_min, c.scale_max) for c in criteria]
    scores = data.draw(full_scores(criteria))
    expected = statistics.fmean(normalised(c, scores[c.id]) for c in criteria)

    assert weighted_score(scores, criteria) == pytest.approx(expected, abs=EPSILON)


@given(
    st.data(),
    criteria_lists(),
    st.integers(1, 20),
    st.integers(-50, 50),
)
def test_rescaling_a_criterion_and_its_scores_changes_nothing(data, criteria, factor, shift):
    scores = data.draw(partial_scores(criteria))
    rescaled = [
        Criterion(c.id, c.weight, c.scale_min * factor + shift, c.scale_max * factor + shift)
        for c in criteria
    ]
    rescaled_scores = {key: value * factor + shift for key, value in scores.items()}

    assert weighted_score(rescaled_scores, rescaled) == weighted_score(scores, criteria)


@given(st.data(), criteria_lists())
def test_a_score_lies_on_the_zero_to_one_scale(data, criteria):
    scores = data.draw(full_scores(criteria))
    assert 0 <= weighted_score(scores, criteria) <= 1


@given(st.data(), criteria_lists(min_size=2))
def test_a_blank_criterion_is_left_out_and_the_weights_renormalised(data, criteria):
    scores = data.draw(full_scores(criteria))
    blank = data.draw(st.sampled_from(criteria))
    others = [c for c in criteria if c is not blank]
    with_blank = {**scores, blank.id: None}
    without = {key: value for key, value in scores.items() if key != blank.id}

    assert weighted_score(with_blank, criteria) == weighted_score(scores, others)
    assert weighted_score(without, criteria) == weighted_score(scores, others)


# --- rank: aggregation, conflicts, ties --------------------------------------------------


@settings(max_examples=150)
@given(committees(), st.sampled_from(["mean", "median"]))
def test_each_line_aggregates_exactly_the_counted_reviews(committee, method):
    criteria, apps, reviews = committee
    aggregate = statistics.fmean if method == "mean" else statistics.median

    for line in rank(apps, reviews, criteria, method):
        counted = counted_scores(line.application_id, reviews, criteria)
        assert line.review_count == len(counted)
        if counted:
            assert line.score == pytest.approx(aggregate(counted), abs=EPSILON)
            assert line.spread == pytest.approx(max(counted) - min(counted), abs=EPSILON)
        else:
            assert (line.score, line.spread) == (None, None)


@settings(max_examples=150)
@given(st.data(), committees(), st.sampled_from(["mean", "median"]))
def test_conflicted_reviews_with_extreme_scores_never_change_the_ranking(data, committee, method):
    criteria, apps, reviews = committee
    extreme = st.sampled_from(
        [{c.id: c.scale_min for c in criteria}, {c.id: c.scale_max for c in criteria}]
    )
    conflicted = [
        Review(f"conflicted{i}", app, data.draw(extreme), conflicted=True)
        for i, app in enumerate(data.draw(st.lists(st.sampled_from(apps))) if apps else [])
    ]
    mixed = data.draw(st.permutations(reviews + conflicted))

    assert rank(apps, mixed, criteria, method) == rank(apps, reviews, criteria, method)


@settings(max_examples=150)
@given(committees(), st.floats(0, 1))
def test_lines_are_best_first_with_competition_positions(committee, threshold):
    criteria, apps, reviews = committee
    ranking = rank(apps, reviews, criteria, disagreement_threshold=threshold)

    assert sorted(line.application_id for line in ranking) == sorted(apps)
    scored = [line.score for line in ranking if line.score is not None]
    assert scored == sorted(scored, reverse=True)
    assert all(line.score is None for line in ranking[len(scored) :])
    for line in ranking:
        better = sum(1 for other in scored if line.score is None or other > line.score)
        assert line.position == better + 1
        assert line.disagreement == (line.spread is not None and line.spread >= threshold)


@settings(max_examples=150)
@given(st.data(), committees())
def test_permuting_the_applications_keeps_every_position_and_orders_ties_as_given(data, committee):
    criteria, apps, reviews = committee
    shuffled = data.draw(st.permutations(apps))
    first = {line.application_id: line for line in rank(apps, reviews, criteria)}
    again = rank(shuffled, reviews, criteria)

    assert {line.application_id: line for line in again} == first
    for before, after in itertools.pairwise(again):
        if before.position == after.position:
            assert shuffled.index(before.application_id) < shuffled.index(after.application_id)


@given(committees())
def test_the_same_input_gives_the_same_ranking(committee):
    criteria, apps, reviews = committee
    assert rank(apps, reviews, criteria) == rank(list(apps), list(reviews), list(criteria))


# --- examples --------------------------------------------------------------------------

IMPACT = Criterion("impact", weight=2, scale_min=1, scale_max=5)
TEAM = Criterion("team", weight=1, scale_min=0, scale_max=10)
CRITERIA = [IMPACT, TEAM]


def test_each_criterion_is_normalised_by_its_own_scale():
    # impact 3 on 1–5 is 0.5, team 10 on 0–10 is 1.0; weights 2 and 1 give 2/3.
    assert weighted_score({"impact": 3, "team": 10}, CRITERIA) == pytest.approx(2 / 3)


def test_a_review_without_any_score_has_no_weighted_score():
    assert weighted_score({"impact": None, "other": 4}, CRITERIA) is None


def test_a_score_outside_its_scale_is_refused():
    with pytest.raises(ValueError, match="outside"):
        weighted_score({"impact": 6}, CRITERIA)


def test_a_criterion_without_positive_weight_is_refused():
    with pytest.raises(ValueError, match="weight"):
        Criterion("impact", weight=0, scale_min=1, scale_max=5)


def test_a_conflicted_review_is_never_counted():
    reviews = [
        Review("alice", "orchid", {"impact": 3, "team": 5}),
        Review("bob", "orchid", {"impact": 5, "team": 10}, conflicted=True),
    ]
    (line,) = rank(["orchid"], reviews, CRITERIA)
    assert (line.score, line.review_count) == (0.5, 1)


def test_tied_applications_share_a_position_in_the_order_given():
    reviews = [
        Review("alice", "lotus", {"impact": 5}),
        Review("alice", "orchid", {"impact": 3}),
        Review("alice", "bamboo", {"impact": 3}),
        Review("alice", "plum", {"impact": 1}),
    ]
    ranking = rank(["plum", "bamboo", "orchid", "lotus"], reviews, CRITERIA)
    assert [(line.application_id, line.position) for line in ranking] == [
        ("lotus", 1),
        ("bamboo", 2),
        ("orchid", 2),
        ("plum", 4),
    ]


def test_applications_without_a_counted_review_come_last_without_a_score():
    reviews = [Review("alice", "orchid", {"impact": 1}), Review("bob", "lotus", {})]
    ranking = rank(["lotus", "bamboo", "orchid"], reviews, CRITERIA)
    assert [(line.application_id, line.score, line.position) for line in ranking] == [
        ("orchid", 0.0, 1),
        ("lotus", None, 2),
        ("bamboo", None, 2),
    ]


def test_the_median_resists_one_outlying_review():
    reviews = [
        Review("alice", "orchid", {"impact": 4}),
        Review("bob", "orchid", {"impact": 4}),
        Review("carol", "orchid", {"impact": 1}),
    ]
    (by_mean,) = rank(["orchid"], reviews, CRITERIA, "mean")
    (by_median,) = rank(["orchid"], reviews, CRITERIA, "median")
    assert by_mean.score == pytest.approx(0.5)
    assert by_median.score == 0.75


def test_reviewers_far_apart_are_flagged_as_disagreeing():
    reviews = [
        Review("alice", "orchid", {"impact": 5}),
        Review("bob", "orchid", {"impact": 2}),
        Review("alice", "lotus", {"impact": 4}),
        Review("bob", "lotus", {"impact": 3}),
    ]
    lines = {line.application_id: line for line in rank(["orchid", "lotus"], reviews, CRITERIA)}
    assert (lines["orchid"].spread, lines["orchid"].disagreement) == (0.75, True)
    assert (lines["lotus"].spread, lines["lotus"].disagreement) == (0.25, False)


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="median"):
        rank(["orchid"], [], CRITERIA, "mode")


def test_an_application_listed_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        rank(["orchid", "orchid"], [], CRITERIA)
