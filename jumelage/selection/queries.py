"""Named queries of the selection: the list a side nominates from, what the partner may see,
where each direction stands, and the announced results."""

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Case, Prefetch, When
from django.utils.translation import gettext as _

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application, Call
from jumelage.calls.queries import pitch_of
from jumelage.core import moments
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.review.enums import ReviewState
from jumelage.review.models import Review
from jumelage.review.queries import committee_for, ranking_of
from jumelage.selection.enums import Decision, EntryKind, PickState, PlaceState
from jumelage.selection.models import Event, Nomination, NominationEntry, Pick, PickEntry, Place


def both_final(cycle) -> bool:
    """Every side nominated and every nomination's pick is confirmed by its nominating side."""
    sides = cycle.partnership.sides.count()
    final = Pick.objects.filter(nomination__cycle=cycle, state=PickState.CONFIRMED).count()
    return sides > 1 and final == sides


def nominable_applications(cycle, side):
    """The applications a side may nominate: those submitted to its own call of the cycle."""
    return Application.objects.filter(
        call__cycle=cycle, call__side=side, state=ApplicationState.SUBMITTED
    )


def decision_drafts(cycle, side):
    """The side's decision messages of the cycle that wait for the publication."""
    return OutboxMessage.objects.filter(
        side=side, state=OutboxState.DRAFT, slot__startswith=f"decision:{cycle.pk}:"
    )


@dataclass(frozen=True)
class DraftGroup:
    """The drafted messages of one outcome in one language: how many, and one to read."""

    decision: str
    language: str
    count: int
    sample: OutboxMessage
    recipients: list[str]


def decision_preview(cycle, side) -> list[DraftGroup]:
    """The drafts to publish, per outcome and language, in the order Decision lists them."""
    groups: dict[tuple[str, str], list[OutboxMessage]] = {}
    for message in decision_drafts(cycle, side).order_by("id"):
        groups.setdefault((message.template_key, message.language), []).append(message)
    order = {decision: index for index, decision in enumerate(Decision.values)}
    keys = sorted(groups, key=lambda key: (order.get(key[0], len(order)), key[1]))
    return [
        DraftGroup(
            decision=Decision(key[0]).label,
            language=key[1],
            count=len(groups[key]),
            sample=groups[key][0],
            recipients=[message.recipient_email for message in groups[key]],
        )
        for key in keys
    ]


def nomination_not_open(cycle, side) -> str | None:
    """Why the side cannot nominate yet, or None: its call must have closed, and its
    committee, when it has one, must have submitted reviews to rank the applicants by."""
    call = Call.objects.filter(cycle=cycle, side=side).first()
    if call is not None and not call.has_closed():
        return _(
            "Your call is still open until %(deadline)s: nominate once it has closed and "
            "your committee has reviewed the applications."
        ) % {"deadline": moments.moment_for_reader(call.closes_at, call.side.tzinfo)}
    committee = committee_for(cycle, side)
    if committee is None:
        return None
    submitted = Review.objects.filter(member__committee=committee, state=ReviewState.SUBMITTED)
    if not submitted.exists():
        return _(
            "Your committee has not submitted any review yet: nominate once the ranking is there."
        )
    return None


def heir_of(place) -> Place | None:
    """The place offered to a reserve after `place` was declined, if one was."""
    return Place.objects.filter(offered_after=place).select_related("application").first()


def nomination_of(cycle, side) -> Nomination | None:
    return Nomination.objects.filter(cycle=cycle, side=side).first()


@dataclass(frozen=True)
class Candidate:
    """A line of the list a side nominates from: its committee's ranking when it has one."""

    application: Application
    position: int
    percent: float | None = None
    review_count: int | None = None
    spread_percent: float | None = None
    disagreement: bool = False


def candidates(cycle, side) -> list[Candidate]:
    """The side's submitted applicants, best first by its committee's ranking, or by
    submission time for a side that has no committee."""
    committee = committee_for(cycle, side)
    if committee is not None:
        return [
            Candidate(
                line.application,
                line.position,
                line.percent,
                line.review_count,
                line.spread_percent,
                line.disagreement,
            )
            for line in ranking_of(committee)
        ]
    applications = (
        nominable_applications(cycle, side).select_related("theme").order_by("submitted_at", "id")
    )
    return [
        Candidate(application, position)
        for position, application in enumerate(applications, start=1)
    ]


def entries_of(nomination):
    """Every entry of a nomination, for its own side: nominated first, then the waiting list."""
    waiting_last = Case(When(kind=EntryKind.NOMINATED, then=0), default=1)
    return nomination.entries.select_related("application__theme").order_by(waiting_last, "order")


def entries_for_partner(nomination):
    """What the partner side sees of a nomination: its nominated applicants once it is sent.
    Never the waiting list, never an applicant who was not nominated."""
    if nomination is None or not nomination.is_sent:
        return NominationEntry.objects.none()
    return (
        nomination.entries.filter(kind=EntryKind.NOMINATED)
        .select_related("application__theme", "application__call")
        .order_by("order")
    )


def pick_of(nomination) -> Pick | None:
    if nomination is None:
        return None
    return Pick.objects.filter(nomination=nomination).select_related("side").first()


def pick_lines(pick) -> list[PickEntry]:
    if pick is None:
        return []
    return list(
        pick.entries.select_related("entry__application").order_by("-choice", "order", "id")
    )


@dataclass
class Direction:
    """One side nominates, the other picks: where this direction of the selection stands."""

    side: object
    partner: object
    nomination: Nomination | None
    pick: Pick | None
    nominated: int
    places: list


def directions(cycle) -> list[Direction]:
    sides = list(cycle.partnership.sides.all())
    nominations = {
        n.side_id: n
        for n in Nomination.objects.filter(cycle=cycle).prefetch_related(
            Prefetch(
                "entries",
                queryset=NominationEntry.objects.filter(kind=EntryKind.NOMINATED),
                to_attr="nominated_entries",
            )
        )
    }
    picks = {
        p.nomination_id: p
        for p in Pick.objects.filter(nomination__cycle=cycle).prefetch_related(
            Prefetch("places", queryset=Place.objects.select_related("application"))
        )
    }
    rows = []
    for side in sides:
        nomination = nominations.get(side.pk)
        pick = picks.get(nomination.pk) if nomination else None
        partner = next((other for other in sides if other.pk != side.pk), None)
        rows.append(
            Direction(
                side,
                partner,
                nomination,
                pick,
                len(nomination.nominated_entries) if nomination else 0,
                list(pick.places.all()) if pick else [],
            )
        )
    return rows


@dataclass(frozen=True)
class Result:
    side: object  # where the teams come from
    host: object  # who picked them and hosts them
    teams: list  # of SelectedTeam


class SelectedTeam(NamedTuple):
    application: object
    publish_organisation: bool
    pitch: str


def results(cycle) -> list[Result]:
    """The teams holding a place, per direction, as the public results page lists them."""
    places = (
        Place.objects.filter(pick__nomination__cycle=cycle, state__in=PlaceState.holding())
        .select_related("application__theme", "pick__side", "pick__nomination__side")
        .order_by("pick__nomination__side_id", "created", "id")
    )
    by_pick = {}
    for place in places:
        by_pick.setdefault(place.pick, []).append(place)
    return [
        Result(
            pick.nomination.side,
            pick.side,
            [
                SelectedTeam(
                    place.application,
                    pick.nomination.publish_organisation,
                    pitch_of(place.application),
                )
                for place in group
            ],
        )
        for pick, group in by_pick.items()
    ]


def decision_messages(cycle):
    """The decision messages of the cycle's applicants, whatever their state; an applicant
    of several cycles has one slot per cycle (see services.decision_slot)."""
    return OutboxMessage.objects.filter(slot__startswith=f"decision:{cycle.pk}:")


def history(cycle):
    """The cycle's selection events, newest first."""
    return (
        Event.objects.filter(cycle=cycle)
        .select_related("actor", "side", "application")
        .order_by("-created", "-id")
    )
