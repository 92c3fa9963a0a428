"""Rank applications from committee reviews: one weighted score per review, one score per
application, then a competition ranking ("1, 2, 2, 4") with the spread and a disagreement flag.

Plain data in, plain data out; nothing here imports Django. Arithmetic is exact (every
number goes through `fractions.Fraction`) so that ties are real ties of the inputs, never
accidents of floating-point summation order; floats come out only in the results.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import splu

# Scores arrive as ints from forms, Decimals from DecimalField, or floats from imports.
Number = int | float | Decimal | Fraction
Method = Literal["mean", "median"]

DISAGREEMENT_THRESHOLD = 0.3

_AGGREGATES: dict[str, Callable[[list[Fraction]], Fraction]] = {
    "mean": statistics.mean,
    "median": statistics.median,
}


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion: its weight (> 0) and the scale its scores are given on."""

    id: Hashable
    weight: Number
    scale_min: Number
    scale_max: Number

    def __post_init__(self) -> None:
        if not (_finite(self.weight) and self.weight > 0):
            raise ValueError(f"criterion {self.id!r}: weight must be a positive number")
        if not (_finite(self.scale_min) and _finite(self.scale_max)):
            raise ValueError(f"criterion {self.id!r}: scale bounds must be finite numbers")
        if not self.scale_max > self.scale_min:
            raise ValueError(f"criterion {self.id!r}: scale_max must exceed scale_min")

    def normalise(self, score: Number) -> Fraction:
        """The score mapped onto 0–1 by this criterion's scale (min → 0, max → 1)."""
        if not (_finite(score) and self.scale_min <= score <= self.scale_max):
            raise ValueError(
                f"criterion {self.id!r}: score {score!r} is outside "
                f"{self.scale_min}–{self.scale_max}"
            )
        low, high = Fraction(self.scale_min), Fraction(self.scale_max)
        return (Fraction(score) - low) / (high - low)


@dataclass(frozen=True)
class Review:
    """One reviewer's scores for one application, keyed by criterion id.

    A score of None (a criterion left blank in a draft) counts as missing. A conflicted
    review is carried along so callers need not filter, but it is never counted."""

    reviewer_id: Hashable
    application_id: Hashable
    scores: Mapping[Hashable, Number | None]
    conflicted: bool = False


@dataclass(frozen=True)
class Ranked:
    """One line of the ranking. `score` and `spread` are on the 0–1 scale, None when the
    application has no counted review; `position` is shared by tied applications."""

    application_id: Hashable
    score: float | None
    spread: float | None
    review_count: int
    position: int
    disagreement: bool


@dataclass(frozen=True)
class _Line:
    application_id: Hashable
    score: Fraction | None
    spread: Fraction | None
    review_count: int
    disagreement: bool


def weighted_score(
    scores: Mapping[Hashable, Number | None], criteria: Sequence[Criterion]
) -> float | None:
    """The weighted mean of one review's scores, each normalised to 0–1 by its criterion's
    scale. Criteria without a score are left out and the remaining weights renormalised;
    scores for ids not in `criteria` are ignored. None when no criterion is scored."""
    _require_unique((c.id for c in criteria), "criterion")
    exact = _exact_weighted_score(scores, criteria)
    return None if exact is None else float(exact)


def rank(
    applications: Sequence[Hashable],
    reviews: Iterable[Review],
    criteria: Sequence[Criterion],
    method: Method = "mean",
    *,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
) -> list[Ranked]:
    """Rank `applications` (ids) best first from their reviews.

    - A review counts when it is not conflicted and scores at least one criterion;
      `review_count` is the number of counted reviews. Reviews of applications not in
      `applications` are ignored.
    - `score` is the mean or the median (`method`) of the counted reviews' weighted scores.
    - `spread` is max − min of those scores (the range: "two reviewers 0.4 apart" reads
      directly, where a standard deviation of two values would halve it); 0 for one review.
    - `disagreement` is True when spread ≥ `disagreement_threshold` (0–1 scale).
    - Applications without a counted review come last, with score and spread None.
    - Ties (exactly equal scores) keep the order of `applications` and share a position,
      competition style: 1, 2, 2, 4. The unscored share the position after the scored.
    """
    aggregate = _aggregate(method)
    _require_unique(applications, "application")
    _require_unique((c.id for c in criteria), "criterion")
    counted = _counted_scores(applications, reviews, criteria)
    lines = [
        _summarise(app, counted[app], aggregate, disagreement_threshold) for app in applications
    ]
    # sorted() is stable, so equal keys keep the caller's order: that is the tie-break.
    lines.sort(key=_best_first)
    return _with_positions(lines)


def _exact_weighted_score(
    scores: Mapping[Hashable, Number | None], criteria: Sequence[Criterion]
) -> Fraction | None:
    scored = [(c, scores[c.id]) for c in criteria if scores.get(c.id) is not None]
    if not scored:
        return None
    total_weight = sum(Fraction(c.weight) for c, _ in scored)
    weighted = sum(Fraction(c.weight) * c.normalise(score) for c, score in scored)
    return weighted / total_weight


def _counted_scores(
    applications: Sequence[Hashable], reviews: Iterable[Review], criteria: Sequence[Criterion]
) -> dict[Hashable, list[Fraction]]:
    counted: dict[Hashable, list[Fraction]] = {app: [] for app in applications}
    for review in reviews:
        # Checked before scoring, so a conflicted review with bad data cannot even raise.
        if review.conflicted or review.application_id not in counted:
            continue
        score = _exact_weighted_score(review.scores, criteria)
        if score is not None:
            counted[review.application_id].append(score)
    return counted


def _summarise(
    app: Hashable,
    scores: list[Fraction],
    aggregate: Callable[[list[Fraction]], Fraction],
    threshold: float,
) -> _Line:
    if not scores:
        return _Line(app, None, None, 0, disagreement=False)
    spread = max(scores) - min(scores)
    return _Line(app, aggregate(scores), spread, len(scores), float(spread) >= threshold)


def _best_first(line: _Line) -> tuple[bool, Fraction]:
    if line.score is None:
        return (True, Fraction(0))
    return (False, -line.score)


def _with_positions(lines: list[_Line]) -> list[Ranked]:
    ranked: list[Ranked] = []
    for index, line in enumerate(lines):
        tied = index > 0 and lines[index - 1].score == line.score
        position = ranked[-1].position if tied else index + 1
        ranked.append(
            Ranked(
                application_id=line.application_id,
                score=None if line.score is None else float(line.score),
                spread=None if line.spread is None else float(line.spread),
                review_count=line.review_count,
                position=position,
                disagreement=line.disagreement,
            )
        )
    return ranked


def _aggregate(method: str) -> Callable[[list[Fraction]], Fraction]:
    try:
        return _AGGREGATES[method]
    except KeyError:
        raise ValueError(f"method must be 'mean' or 'median', not {method!r}") from None


def _require_unique(ids: Iterable[Hashable], what: str) -> None:
    seen: set[Hashable] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} {item!r} is listed twice")
        seen.add(item)


def _finite(value: object) -> bool:
    # Fraction() of NaN or infinity raises deep inside the arithmetic; refuse them up front.
    return isinstance(value, int | float | Decimal | Fraction) and math.isfinite(value)


# --- calibration: reviewer severity removed, with rank intervals ----------------------------

Calibrate = Literal["least_squares", "zscore"]


@dataclass(frozen=True)
class Score:
    """One review reduced to one number (e.g. `weighted_score` of its criteria). A
    conflicted score is carried along so callers need not filter, but it never counts."""

    application_id: Hashable
    reviewer_id: Hashable
    value: float
    conflicted: bool = False


@dataclass(frozen=True)
class Calibrated:
    """One application: its `raw` mean score and its `calibrated` one, side by side.

    least_squares: the estimated quality once each reviewer's offset is removed, relative
    to the average application reviewed in the same connected group (0 = average, in raw
    score units); zscore: the mean of the reviewers' z-scores (in standard deviations)."""

    application_id: Hashable
    raw: float
    calibrated: float
    review_count: int


@dataclass(frozen=True)
class RankInterval:
    """An application's position by calibrated score (1 = best) and the interval
    [low, high] of positions it takes in `level` of the bootstrap samples."""

    application_id: Hashable
    position: int
    low: int
    high: int


@dataclass(frozen=True)
class _Reviews:
    apps: list[Hashable]
    reviewers: list[Hashable]
    app: np.ndarray  # application index per counted review
    reviewer: np.ndarray  # reviewer index per counted review
    value: np.ndarray


def scores_from_reviews(reviews: Iterable[Review], criteria: Sequence[Criterion]) -> list[Score]:
    """One Score per review that scores at least one criterion: its `weighted_score`
    (0–1), carrying the review's conflicted flag."""
    _require_unique((c.id for c in criteria), "criterion")
    scores = []
    for review in reviews:
        if review.conflicted:
            scores.append(Score(review.application_id, review.reviewer_id, 0.0, conflicted=True))
            continue
        value = _exact_weighted_score(review.scores, criteria)
        if value is not None:
            scores.append(Score(review.application_id, review.reviewer_id, float(value)))
    return scores


def calibrate(scores: Iterable[Score], method: Calibrate = "least_squares") -> list[Calibrated]:
    """Calibrated scores per application with at least one counted review, in the order
    the applications first appear.

    least_squares fits score = quality(application) + offset(reviewer) + noise by least
    squares. It uses who reviewed what, so it stays right when a severe reviewer happens to
    get the strong applications (z-scores assume every reviewer sees a like sample). Each
    connected group of applications and reviewers (linked by reviews) is calibrated on its
    own, since offsets cannot be compared across groups that share no reviewer.
    zscore standardises each reviewer's scores (a reviewer with one score, or all equal,
    contributes 0) and averages them per application."""
    reviews = _reviews(scores)
    estimate = _estimator(method, reviews)(reviews.value[:, None])[:, 0]
    raw = np.bincount(reviews.app, weights=reviews.value) / _counts(reviews)
    return [
        Calibrated(app, float(raw[i]), float(estimate[i]), int(_counts(reviews)[i]))
        for i, app in enumerate(reviews.apps)
    ]


def rank_intervals(
    scores: Iterable[Score],
    method: Calibrate = "least_squares",
    *,
    samples: int = 200,
    level: float = 0.9,
    seed: int = 0,
) -> list[RankInterval]:
    """Positions and rank intervals, best first, by a residual bootstrap: the least-squares
    model's fitted scores plus resampled residuals (rescaled for the parameters fitted)
    make `samples` new committees, each calibrated by `method` and ranked."""
    reviews = _reviews(scores)
    fit = _estimator("least_squares", reviews)
    estimate = _estimator(method, reviews)
    point = estimate(reviews.value[:, None])[:, 0]
    simulated = _bootstrap(reviews, fit, samples, np.random.default_rng(seed))
    ranks = _ranks(estimate(simulated))
    tail = (1 - level) / 2
    low = np.floor(np.quantile(ranks, tail, axis=1)).astype(int)
    high = np.ceil(np.quantile(ranks, 1 - tail, axis=1)).astype(int)
    order = np.argsort(-point, kind="stable")
    return [
        RankInterval(reviews.apps[i], position + 1, int(low[i]), int(high[i]))
        for position, i in enumerate(order)
    ]


def tied_block(intervals: Sequence[RankInterval], n: int) -> tuple[int, int] | None:
    """For a cut after position `n` (the nomination size), the block of positions that are
    statistically tied across it, or None when the cut is clear-cut.

    An application straddles the cut when its interval holds both n and n + 1. The block
    runs from the first to the last straddling position, widened to hold n and n + 1: if
    one above may fall below, one below may rise, so e.g. (4, 7) reads "positions 4–7 are
    statistically tied"."""
    straddling = [i.position for i in intervals if i.low <= n < i.high]
    if not straddling:
        return None
    return min(*straddling, n), max(*straddling, n + 1)


def _reviews(scores: Iterable[Score]) -> _Reviews:
    apps: dict[Hashable, int] = {}
    reviewers: dict[Hashable, int] = {}
    rows = []
    for score in scores:
        if score.conflicted:
            continue
        if not (_finite(score.value)):
            raise ValueError(f"score {score.value!r} is not a finite number")
        a = apps.setdefault(score.application_id, len(apps))
        r = reviewers.setdefault(score.reviewer_id, len(reviewers))
        rows.append((a, r, float(score.value)))
    table = np.array(rows, dtype=float).reshape(-1, 3)
    return _Reviews(
        list(apps), list(reviewers), table[:, 0].astype(int), table[:, 1].astype(int), table[:, 2]
    )


def _counts(reviews: _Reviews) -> np.ndarray:
    return np.bincount(reviews.app, minlength=len(reviews.apps)).astype(float)


def _estimator(method: str, reviews: _Reviews) -> Callable[[np.ndarray], np.ndarray]:
    """A function from score columns (reviews × samples) to calibrated scores
    (applications × samples); its set-up (a factorisation) is shared by every column."""
    if method == "least_squares":
        return _LeastSquares(reviews)
    if method == "zscore":
        return functools.partial(_zscores, reviews)
    raise ValueError(f"method must be 'least_squares' or 'zscore', not {method!r}")


def _zscores(reviews: _Reviews, values: np.ndarray) -> np.ndarray:
    by_reviewer = _incidence(reviews.reviewer, len(reviews.reviewers))
    by_app = _incidence(reviews.app, len(reviews.apps))
    count = np.asarray(by_reviewer.sum(axis=0)).ravel()[:, None]
    mean = (by_reviewer.T @ values) / count
    spread = np.sqrt(np.maximum((by_reviewer.T @ values**2) / count - mean**2, 0))
    # A single score, or identical ones, says nothing about the reviewer's scale: 0.
    informative = (count > 1) & (spread > 1e-12 * (1 + np.abs(mean)))
    safe = np.where(informative, spread, 1.0)
    centred = (values - mean[reviews.reviewer]) / safe[reviews.reviewer]
    z = np.where(informative[reviews.reviewer], centred, 0.0)
    return (by_app.T @ z) / np.asarray(by_app.sum(axis=0)).ravel()[:, None]


class _LeastSquares:
    """score = quality + offset + noise, for many score columns at once.

    Eliminating the qualities leaves one sparse symmetric system in the offsets (the Schur
    complement S = BᵀB − BᵀA·D⁻¹·AᵀB, a weighted graph Laplacian of reviewers who share
    applications). It is singular once per connected group, so the first reviewer of each
    group has offset 0 and the rest is factorised once (SuperLU); qualities follow, and are
    centred per group, which makes the result blind to any constant added to a reviewer."""

    def __init__(self, reviews: _Reviews) -> None:
        self.by_app = _incidence(reviews.app, len(reviews.apps))
        self.by_reviewer = _incidence(reviews.reviewer, len(reviews.reviewers))
        self.app_count = np.asarray(self.by_app.sum(axis=0)).ravel()
        shared = (self.by_reviewer.T @ self.by_app) @ sp.diags(1 / self.app_count)
        schur = sp.diags(np.asarray(self.by_reviewer.sum(axis=0)).ravel())
        schur = (schur - shared @ (self.by_app.T @ self.by_reviewer)).tocsc()
        self.group = _groups(reviews)
        anchors = np.unique(self.group[len(reviews.apps) :], return_index=True)[1]
        self.free = np.setdiff1d(np.arange(len(reviews.reviewers)), anchors)
        self.solver = splu(schur[self.free][:, self.free]) if len(self.free) else None
        self.shared = shared

    def __call__(self, values: np.ndarray) -> np.ndarray:
        quality, _ = self._fit(values)
        return quality - _group_means(quality, self.group[: len(self.app_count)])

    def fitted(self, values: np.ndarray) -> np.ndarray:
        """Fitted scores per review: quality + offset (the same in any gauge)."""
        quality, offsets = self._fit(values)
        return self.by_app @ quality + offsets

    def _fit(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Qualities per application and offsets per review, anchors at 0."""
        per_app = self.by_app.T @ values
        right = self.by_reviewer.T @ values - self.shared @ per_app
        offsets = np.zeros((self.by_reviewer.shape[1], values.shape[1]))
        if self.solver is not None:
            offsets[self.free] = self.solver.solve(np.ascontiguousarray(right[self.free]))
        by_review = self.by_reviewer @ offsets
        quality = (per_app - self.by_app.T @ by_review) / self.app_count[:, None]
        return quality, by_review


def _bootstrap(reviews: _Reviews, fit: _LeastSquares, samples: int, rng) -> np.ndarray:
    values = reviews.value[:, None]
    fitted = fit.fitted(values)
    residuals = (values - fitted)[:, 0]
    n = len(residuals)
    parameters = len(reviews.apps) + len(reviews.reviewers) - len(np.unique(fit.group))
    # Residuals of a fit are smaller than the noise by the parameters it spent on them.
    residuals = residuals * np.sqrt(n / max(n - parameters, 1))
    return fitted + residuals[rng.integers(0, n, (n, samples))]


def _ranks(estimates: np.ndarray) -> np.ndarray:
    """Per column, each application's position (1 = highest estimate)."""
    order = np.argsort(-estimates, axis=0, kind="stable")
    ranks = np.empty_like(order)
    positions = np.broadcast_to(np.arange(1, len(order) + 1)[:, None], order.shape)
    np.put_along_axis(ranks, order, positions, axis=0)
    return ranks


def _incidence(index: np.ndarray, size: int) -> sp.csr_array:
    """Reviews × `size` matrix with a 1 where a review belongs."""
    return sp.csr_array(
        (np.ones(len(index)), (np.arange(len(index)), index)), shape=(len(index), size)
    )


def _groups(reviews: _Reviews) -> np.ndarray:
    """Connected group per application then per reviewer, linked by reviews."""
    n_apps = len(reviews.apps)
    size = n_apps + len(reviews.reviewers)
    links = sp.csr_array(
        (np.ones(len(reviews.app)), (reviews.app, n_apps + reviews.reviewer)), shape=(size, size)
    )
    return connected_components(links, directed=False)[1]


def _group_means(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    count = np.bincount(group)[:, None]
    sums = np.zeros((len(count), values.shape[1]))
    np.add.at(sums, group, values)
    return (sums / np.maximum(count, 1))[group]
