"""Give a demo cycle's history the dates it would have had. The services stamp every row
with the moment the loader ran, so a finished cycle's history would show one timestamp for
the themes, the reviews, the nominations, the picks and the places. Here each row moves to
its stage of the cycle's timeline, in the order the services wrote them, and never past
now: a mid-review cycle's reviews land between its call's close and today.

Demo shaping only, as loader._backdate: the services themselves always stamp now."""

import datetime as dt

from django.utils import timezone

from jumelage.exchange.models import Acknowledgement, BriefingPack, Residency
from jumelage.followup.models import Event as FollowupEvent
from jumelage.followup.models import JourneyStage, Milestone, ToolUse
from jumelage.partnerships.enums import StageKind
from jumelage.partnerships.models import Theme, ThemeDecision
from jumelage.review.enums import EventKind
from jumelage.review.models import Assignment, Committee, Member, Review
from jumelage.review.models import Event as ReviewEvent
from jumelage.selection.enums import Action
from jumelage.selection.models import Event as SelectionEvent
from jumelage.selection.models import Nomination, Pick, Place

# The selection's actions by the stage they belong to.
SELECTION_STAGE = {
    Action.NOMINATION_SAVED: StageKind.NOMINATE,
    Action.NOMINATION_SENT: StageKind.NOMINATE,
    Action.PICK_SAVED: StageKind.PICK,
    Action.PICK_PROPOSED: StageKind.PICK,
    Action.PICK_CONFIRMED: StageKind.PICK,
    Action.PICK_RETURNED: StageKind.PICK,
    Action.DECISIONS_DRAFTED: StageKind.ANNOUNCE,
    Action.DECISIONS_PUBLISHED: StageKind.ANNOUNCE,
    Action.PLACE_CONFIRMED: StageKind.PLAN,
    Action.PLACE_DECLINED: StageKind.PLAN,
    Action.RESERVE_PROMOTED: StageKind.PLAN,
}


# The share of the nomination stage the committees review in, before the managers nominate.
REVIEWS_END = 0.6


class Timeline:
    """Moments within the cycle's stages, at office hours, never after now."""

    def __init__(self, cycle):
        self.stages = {s.kind: s for s in cycle.stages.all()}
        self.zone = cycle.partnership.sides.order_by("pk").first().tzinfo
        self.now = timezone.now()

    def at(self, kind, fraction: float, hour: int = 10) -> dt.datetime:
        """The moment `fraction` (0 to 1) into stage `kind`, at `hour` local time."""
        stage = self.stages[kind]
        days = (stage.ends_on - stage.starts_on).days
        day = stage.starts_on + dt.timedelta(days=round(days * fraction))
        return self.clamp(dt.datetime.combine(day, dt.time(hour), tzinfo=self.zone))

    def between(self, start, end, fraction: float) -> dt.datetime:
        return self.clamp(start + (min(end, self.now) - start) * fraction)

    def on(self, day: dt.date, hour: int = 11) -> dt.datetime:
        return self.clamp(dt.datetime.combine(day, dt.time(hour), tzinfo=self.zone))

    def clamp(self, moment):
        return min(moment, self.now)


def _spread(rows) -> list[tuple[int, object, float]]:
    """(index, row, fraction) for rows in order, fractions spread over [0, 1)."""
    rows = list(rows)
    return [(i, row, i / max(len(rows), 1)) for i, row in enumerate(rows)]


def backdate(cycle) -> None:
    timeline = Timeline(cycle)
    _themes(cycle, timeline)
    _committees(cycle, timeline)
    _selection(cycle, timeline)
    _exchange(cycle, timeline)
    _followup(cycle, timeline)


def _themes(cycle, timeline) -> None:
    for _i, theme, fraction in _spread(Theme.objects.filter(cycle=cycle).order_by("pk")):
        proposed = timeline.at(StageKind.THEMES, 0.6 * fraction)
        Theme.objects.filter(pk=theme.pk).update(created=proposed)
        ThemeDecision.objects.filter(theme=theme).update(
            created=min(proposed + dt.timedelta(days=9), timeline.now)
        )


def _committees(cycle, timeline) -> None:
    closes = timeline.at(StageKind.CALL_CLOSE, 1, hour=17)
    for number, committee in enumerate(Committee.objects.filter(cycle=cycle).order_by("pk")):
        invited = timeline.at(StageKind.CALL_OPEN, 0.2)
        Committee.objects.filter(pk=committee.pk).update(created=invited - dt.timedelta(days=3))
        for index, member in enumerate(committee.members.order_by("pk")):
            joined = invited + dt.timedelta(days=1 + index, hours=index)
            Member.objects.filter(pk=member.pk).update(invited_at=invited, joined_at=joined)
        assigned = closes + dt.timedelta(hours=18)
        Assignment.objects.filter(member__committee=committee).update(created=assigned)
        _reviews(committee, timeline, closes + dt.timedelta(hours=20 + 3 * number))
        _review_events(committee, invited, assigned)


def _reviews(committee, timeline, start) -> None:
    """Submissions spread over the nomination stage's first week (or up to now): the
    managers nominate in its last days, once the reviews are in."""
    end = timeline.at(StageKind.NOMINATE, REVIEWS_END, hour=17)
    reviews = Review.objects.filter(member__committee=committee).order_by("member", "pk")
    members = committee.members.order_by("pk").values_list("pk", flat=True)
    for member_index, member_id in enumerate(members):
        own = reviews.filter(member_id=member_id)
        for _i, review, fraction in _spread(own):
            moment = timeline.between(start, end, fraction * 0.9 + 0.02 * member_index)
            submitted = moment if review.submitted_at else None
            Review.objects.filter(pk=review.pk).update(updated=moment, submitted_at=submitted)
            ReviewEvent.objects.filter(
                committee=committee,
                kind=EventKind.REVIEW_SUBMITTED,
                member_id=member_id,
                application_id=review.application_id,
            ).update(created=moment)


def _review_events(committee, invited, assigned) -> None:
    events = ReviewEvent.objects.filter(committee=committee)
    events.filter(kind=EventKind.MEMBER_INVITED).update(created=invited)
    for member in committee.members.all():
        events.filter(kind=EventKind.MEMBER_JOINED, member=member).update(created=member.joined_at)
    events.filter(kind__in=[EventKind.ASSIGNED, EventKind.COMMITTEE_CHANGED]).update(
        created=assigned
    )


def _selection(cycle, timeline) -> None:
    events = SelectionEvent.objects.filter(cycle=cycle).order_by("pk")
    by_stage: dict = {}
    for event in events:
        by_stage.setdefault(SELECTION_STAGE.get(event.action, StageKind.ANNOUNCE), []).append(event)
    for kind, rows in by_stage.items():
        for index, event, fraction in _spread(rows):
            begin = REVIEWS_END if kind == StageKind.NOMINATE else 0
            share = begin + (1 - begin) * 0.8 * fraction
            moment = timeline.at(kind, share) + dt.timedelta(minutes=7 * index)
            SelectionEvent.objects.filter(pk=event.pk).update(created=timeline.clamp(moment))
    for nomination in Nomination.objects.filter(cycle=cycle):
        sent = _last(events, Action.NOMINATION_SENT, nomination.side_id)
        published = _last(events, Action.DECISIONS_DRAFTED, nomination.side_id)
        Nomination.objects.filter(pk=nomination.pk).update(
            sent_at=sent if nomination.sent_at else None,
            decisions_published_at=published if nomination.decisions_published_at else None,
        )
        pick = Pick.objects.filter(nomination=nomination).first()
        if pick:
            partner = nomination.side.partnership.sides.exclude(pk=nomination.side_id).first()
            Pick.objects.filter(pk=pick.pk).update(
                proposed_at=_last(events, Action.PICK_PROPOSED, partner.pk)
                if pick.proposed_at
                else None,
                confirmed_at=_last(events, Action.PICK_CONFIRMED, nomination.side_id)
                if pick.confirmed_at
                else None,
            )
        if published:
            _places(cycle, nomination, published)


def _last(events, action, side_id):
    row = events.filter(action=action, side_id=side_id).order_by("-pk").first()
    return SelectionEvent.objects.get(pk=row.pk).created if row else None


def _places(cycle, nomination, published) -> None:
    places = Place.objects.filter(
        application__call__cycle=cycle, application__call__side=nomination.side
    )
    places.update(created=published, deadline=published + dt.timedelta(days=14))
    answered = SelectionEvent.objects.filter(
        cycle=cycle, action__in=[Action.PLACE_CONFIRMED, Action.PLACE_DECLINED]
    )
    for place in places.exclude(answered_at=None):
        event = answered.filter(application=place.application_id).order_by("-pk").first()
        if event:
            Place.objects.filter(pk=place.pk).update(answered_at=event.created)


def _exchange(cycle, timeline) -> None:
    planned = timeline.at(StageKind.PLAN, 0.3)
    Residency.objects.filter(offer__cycle=cycle).update(created=planned)
    packs = BriefingPack.objects.filter(delegation__cycle=cycle)
    briefed = timeline.at(StageKind.BRIEFING, 0.1)
    packs.update(updated=briefed)
    Acknowledgement.objects.filter(pack__in=packs).update(
        created=timeline.at(StageKind.BRIEFING, 0.4)
    )


def _followup(cycle, timeline) -> None:
    teams = cycle.calls.values_list("applications", flat=True)
    for stage in JourneyStage.objects.filter(application__in=teams):
        JourneyStage.objects.filter(pk=stage.pk).update(recorded_at=timeline.on(stage.held_on))
    for use in ToolUse.objects.filter(application__in=teams):
        ToolUse.objects.filter(pk=use.pk).update(recorded_at=timeline.on(use.used_on))
    for milestone in Milestone.objects.filter(application__in=teams):
        Milestone.objects.filter(pk=milestone.pk).update(
            validated_at=timeline.on(milestone.reached_on, 15)
        )
    outcome_meeting = timeline.at(StageKind.OUTCOME, 0.5)
    for event in FollowupEvent.objects.filter(application__in=teams):
        day = next(
            (event.detail[k] for k in ("held_on", "used_on", "reached_on") if k in event.detail),
            None,
        )
        if day:
            moment = timeline.on(dt.date.fromisoformat(day), 15)
        elif "due_on" in event.detail:
            step_day = timeline.stages[StageKind.EXCHANGE].ends_on - dt.timedelta(days=1)
            moment = timeline.on(step_day, 16)
        else:
            moment = outcome_meeting
        FollowupEvent.objects.filter(pk=event.pk).update(created=moment)
