"""Rank applications from committee reviews: one weighted score per review, one score per
application, then a competition ranking ("1, 2, 2, 4") with the spread and a disagreement flag.

Plain data in, plain data out; nothing here imports Django. Arithmetic is exact (every
number goes through `fractions.Fraction`) so that ties are real ties of the inputs, never
accidents of floating-point summation order; floats come out only in the results.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

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
