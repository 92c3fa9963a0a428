"""Pure solvers with no Django import: plain data in, plain data out.

`ranking` turns committee reviews into a ranking; `assignment` gives each application
its reviewers. Both are called by the review app and tested and benchmarked alone."""

from jumelage.optimize.assignment import Assignment, assign
from jumelage.optimize.ranking import Criterion, Ranked, Review, rank, weighted_score

__all__ = ["Assignment", "Criterion", "Ranked", "Review", "assign", "rank", "weighted_score"]
