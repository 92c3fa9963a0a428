"""Pure solvers with no Django import: plain data in, plain data out.

`ranking` turns committee reviews into a ranking, calibrated for reviewer severity, with
rank intervals; `assignment` gives each application its reviewers, exactly and with a
proof of optimality; `affinity` scores application–reviewer pairs from their texts. All
are called by the review app and tested and benchmarked alone."""

from jumelage.optimize.affinity import text_affinity
from jumelage.optimize.assignment import (
    Assignment,
    InfeasibleAssignment,
    ReviewerAssignment,
    assign,
    assign_reviewers,
)
from jumelage.optimize.ranking import (
    Calibrated,
    Criterion,
    Ranked,
    RankInterval,
    Review,
    Score,
    calibrate,
    rank,
    rank_intervals,
    scores_from_reviews,
    tied_block,
    weighted_score,
)

__all__ = [
    "Assignment",
    "Calibrated",
    "Criterion",
    "InfeasibleAssignment",
    "RankInterval",
    "Ranked",
    "Review",
    "ReviewerAssignment",
    "Score",
    "assign",
    "assign_reviewers",
    "calibrate",
    "rank",
    "rank_intervals",
    "scores_from_reviews",
    "text_affinity",
    "tied_block",
    "weighted_score",
]
