"""How well each reviewer suits each application, as the plain matrices the solver
(`optimize.assignment.assign_reviewers`) takes: texts compared in any language, declared
themes, the reviewers' wishes, and the pairs that must or must not be."""

from dataclasses import dataclass

import numpy as np

from jumelage.optimize.affinity import text_affinity
from jumelage.review.enums import BidLevel
from jumelage.review.models import Assignment, Bid, Committee, Review
from jumelage.review.queries import applications_to_review, conflicted_pairs

# What each part adds to a pair's affinity; text similarity lies in [0, 1].
THEME_BONUS = 0.5
BID_BONUS = {BidLevel.EAGER: 1.0, BidLevel.WILLING: 0.3, BidLevel.NOT_FOR_ME: -1.0}


def match_parts() -> dict[str, float]:
    """What each part adds to a match, for the assignments page to explain its figures."""
    return {
        "theme": THEME_BONUS,
        "eager": BID_BONUS[BidLevel.EAGER],
        "willing": BID_BONUS[BidLevel.WILLING],
        "not_for_me": BID_BONUS[BidLevel.NOT_FOR_ME],
    }


@dataclass
class Matrices:
    """Rows are `applications`, columns `members`, in the same order everywhere."""

    applications: list
    members: list
    affinity: np.ndarray
    conflicts: np.ndarray
    pinned: np.ndarray
    previous: np.ndarray


def application_text(application) -> str:
    """The theme and every written answer: what a reviewer's expertise is compared with."""
    answers = [value for value in application.answers.values() if isinstance(value, str)]
    theme = application.theme.title if application.theme else ""
    return " ".join([theme, *answers])


def member_text(member) -> str:
    return " ".join([member.expertise, *(theme.title for theme in member.themes.all())])


def matrices(committee: Committee) -> Matrices:
    applications = list(applications_to_review(committee))
    members = list(committee.members.prefetch_related("themes"))
    rows = {a.pk: i for i, a in enumerate(applications)}
    columns = {m.pk: j for j, m in enumerate(members)}
    shape = (len(applications), len(members))
    conflicts = conflicted_pairs(committee)
    affinity = _texts(applications, members) + _themes(applications, members)
    affinity += _bids(committee, rows, columns, shape)
    return Matrices(
        applications=applications,
        members=members,
        affinity=affinity,
        conflicts=_mask(conflicts, rows, columns, shape),
        pinned=_mask(_kept_pairs(committee) - conflicts, rows, columns, shape),
        previous=_mask(_current_pairs(committee), rows, columns, shape),
    )


def _texts(applications, members) -> np.ndarray:
    if not applications or not members:
        return np.zeros((len(applications), len(members)))
    return text_affinity(
        [application_text(a) for a in applications], [member_text(m) for m in members]
    )


def _themes(applications, members) -> np.ndarray:
    declared = [{theme.pk for theme in m.themes.all()} for m in members]
    return np.array(
        [[THEME_BONUS * (a.theme_id in themes) for themes in declared] for a in applications],
        dtype=float,
    ).reshape(len(applications), len(members))


def _bids(committee, rows, columns, shape) -> np.ndarray:
    bonus = np.zeros(shape)
    bids = Bid.objects.filter(member__committee=committee).values_list(
        "member_id", "application_id", "level"
    )
    for member_id, application_id, level in bids:
        if application_id in rows and member_id in columns:
            bonus[rows[application_id], columns[member_id]] = BID_BONUS[level]
    return bonus


def _current_pairs(committee) -> set:
    return set(
        Assignment.objects.filter(member__committee=committee).values_list(
            "member_id", "application_id"
        )
    )


def _kept_pairs(committee) -> set:
    """Pairs a re-run must keep: pinned by a manager, or with a review begun."""
    pinned = Assignment.objects.filter(member__committee=committee, pinned=True)
    begun = Review.objects.filter(member__committee=committee)
    return set(pinned.values_list("member_id", "application_id")) | set(
        begun.values_list("member_id", "application_id")
    )


def _mask(pairs, rows, columns, shape) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for member_id, application_id in pairs:
        if application_id in rows and member_id in columns:
            mask[rows[application_id], columns[member_id]] = True
    return mask
