"""Named queries of the review app: what a committee has to review, its progress, its
ranking. Views, exports and the selection app read through these."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.optimize import ranking
from jumelage.review.enums import ReviewState
from jumelage.review.models import Assignment, Bid, Committee, Conflict, Member, Review
from jumelage.review.permissions import can_manage


def committee_for(cycle, side) -> Committee | None:
    return Committee.objects.filter(cycle=cycle, side=side).select_related("cycle", "side").first()


def applications_to_review(committee):
    """The submitted applications of the committee's own call, oldest reference first."""
    return (
        Application.objects.filter(
            call__cycle_id=committee.cycle_id,
            call__side_id=committee.side_id,
            state=ApplicationState.SUBMITTED,
        )
        .select_related("call", "theme")
        .order_by("id")
    )


def conflicted_pairs(committee) -> set[tuple[int, int]]:
    """(member id, application id) for every declared conflict in the committee."""
    return set(
        Conflict.objects.filter(member__committee=committee).values_list(
            "member_id", "application_id"
        )
    )


@dataclass(frozen=True)
class RankedApplication:
    """One line of a committee's ranking; scores are on 0–1, shown ×100 on pages."""

    application: Application
    position: int
    score: float | None
    spread: float | None
    review_count: int
    disagreement: bool

    @property
    def percent(self):
        return None if self.score is None else round(self.score * 100, 1)

    @property
    def spread_percent(self):
        return None if self.spread is None else round(self.spread * 100, 1)


def criteria_for_ranking(committee) -> list[ranking.Criterion]:
    return [
        ranking.Criterion(c.pk, c.weight, c.scale_min, c.scale_max)
        for c in committee.criteria.all()
    ]


def submitted_reviews(committee) -> list[ranking.Review]:
    """The committee's submitted reviews as plain data, conflicts marked so they never count."""
    conflicts = conflicted_pairs(committee)
    scales = {c.pk: (c.scale_min, c.scale_max) for c in committee.criteria.all()}
    rows = Review.objects.filter(member__committee=committee, state=ReviewState.SUBMITTED)
    return [
        ranking.Review(
            reviewer_id=member_id,
            application_id=application_id,
            scores=_within_scales(scores, scales),
            conflicted=(member_id, application_id) in conflicts,
        )
        for member_id, application_id, scores in rows.values_list(
            "member_id", "application_id", "scores"
        )
    ]


def _within_scales(scores: dict, scales: dict) -> dict:
    """Scores of current criteria within their current scale: a criterion deleted or
    rescaled after reviewers scored it leaves those scores out instead of failing."""
    kept = {}
    for key, value in scores.items():
        low, high = scales.get(int(key), (None, None))
        if low is not None and isinstance(value, int | float) and low <= value <= high:
            kept[int(key)] = value
    return kept


def ranking_of(committee, method: str | None = None) -> list[RankedApplication]:
    """The committee's applications best first, by its chosen aggregate unless `method`."""
    applications = {a.pk: a for a in applications_to_review(committee)}
    lines = ranking.rank(
        list(applications),
        submitted_reviews(committee),
        criteria_for_ranking(committee),
        method or committee.aggregate,
    )
    return [
        RankedApplication(
            application=applications[line.application_id],
            position=line.position,
            score=line.score,
            spread=line.spread,
            review_count=line.review_count,
            disagreement=line.disagreement,
        )
        for line in lines
    ]


def members_with_progress(committee):
    """Members with their counts: assigned, submitted, drafts."""
    submitted = Q(reviews__state=ReviewState.SUBMITTED)
    return (
        Member.objects.filter(committee=committee)
        .select_related("user", "committee")
        .annotate(
            assigned_count=Count("assignments", distinct=True),
            submitted_count=Count("reviews", filter=submitted, distinct=True),
        )
        .order_by("name")
    )


def assignments_by_application(committee):
    """Applications to review, each with its assignments and reviews prefetched."""
    return applications_to_review(committee).prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(member__committee=committee).select_related(
                "member"
            ),
            to_attr="committee_assignments",
        ),
        Prefetch(
            "reviews",
            queryset=Review.objects.filter(member__committee=committee).select_related("member"),
            to_attr="committee_reviews",
        ),
        Prefetch(
            "bids",
            queryset=Bid.objects.filter(member__committee=committee),
            to_attr="committee_bids",
        ),
    )


@dataclass(frozen=True)
class CommitteeEntry:
    """What the cycle page offers a user about one side's committee."""

    side: object
    committee: Committee | None
    manages: bool
    seat: Member | None


def committee_entries(user, cycle) -> list[CommitteeEntry]:
    """Per side of the cycle, the committee as this user may reach it: managers run it,
    members review in it; others see nothing (empty list when nothing is theirs)."""
    committees = {c.side_id: c for c in Committee.objects.filter(cycle=cycle)}
    seats = {}
    if user.is_authenticated:
        mine = Member.objects.filter(user=user, committee__cycle=cycle).select_related("committee")
        seats = {m.committee.side_id: m for m in mine}
    entries = []
    for side in cycle.partnership.sides.all():
        committee = committees.get(side.pk) or Committee(cycle=cycle, side=side)
        manages = can_manage(user, committee)
        if manages or side.pk in seats:
            entry = CommitteeEntry(side, committees.get(side.pk), manages, seats.get(side.pk))
            entries.append(entry)
    return entries


# Calibrated rankings: reviewer severity removed, with rank intervals

CALIBRATIONS = {
    "least_squares": _("Calibrated: each reviewer's severity removed"),
    "zscore": _("Calibrated: z-scores per reviewer"),
}


@dataclass(frozen=True)
class CalibratedLine:
    """Raw and calibrated scores side by side; `low`–`high` the positions the application
    takes in 90 % of resampled committees."""

    application: Application
    position: int
    raw: float
    calibrated: float
    low: int
    high: int
    review_count: int


def calibrated_ranking(committee, method: str) -> tuple[list[CalibratedLine], tuple | None]:
    """The scored applications best first by `method` (a key of CALIBRATIONS), and the
    block of positions statistically tied across the nomination cut, if any."""
    applications = {a.pk: a for a in applications_to_review(committee)}
    scores = _review_scores(committee, applications)
    if not scores:
        return [], None
    calibrated = {c.application_id: c for c in ranking.calibrate(scores, method)}
    intervals = ranking.rank_intervals(scores, method)
    lines = [
        CalibratedLine(
            application=applications[i.application_id],
            position=i.position,
            raw=calibrated[i.application_id].raw,
            calibrated=calibrated[i.application_id].calibrated,
            low=i.low,
            high=i.high,
            review_count=calibrated[i.application_id].review_count,
        )
        for i in intervals
    ]
    return lines, ranking.tied_block(intervals, committee.cycle.nominations_per_side)


def _review_scores(committee, applications) -> list[ranking.Score]:
    """Each counted review as one number on 0–100: its weighted score."""
    scores = ranking.scores_from_reviews(
        submitted_reviews(committee), criteria_for_ranking(committee)
    )
    return [
        ranking.Score(s.application_id, s.reviewer_id, 100 * s.value, s.conflicted)
        for s in scores
        if s.application_id in applications
    ]
