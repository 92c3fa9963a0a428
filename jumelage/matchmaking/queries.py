"""Named queries of matchmaking, shared by pages, exports and the cycle panel."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from jumelage.matchmaking import recommend
from jumelage.matchmaking.enums import Interest, MeetingState, Outcome, RequestState
from jumelage.matchmaking.models import Feedback, Participant, Session


def session_or_404(pk):
    return get_object_or_404(
        Session.objects.select_related("cycle__partnership", "host_side"), pk=pk
    )


def meetings_of(participant):
    """A participant's live meetings, in time order, with their parties, slot and place."""
    return (
        participant.meetings.exclude(state=MeetingState.CANCELLED)
        .select_related("slot__venue", "place")
        .prefetch_related("parties")
        .order_by("slot__starts_at", "id")
    )


def session_meetings(session):
    return (
        session.meetings.select_related("slot__venue", "place")
        .prefetch_related(Prefetch("parties", queryset=Participant.objects.order_by("name")))
        .order_by("slot__starts_at", "id")
    )


def figures(session) -> dict:
    """The organiser's figures: requested, accepted, scheduled (and the share of accepted
    meetings scheduled), held, no-shows, satisfaction and follow-ups by kind."""
    requests = session.requests.aggregate(
        requested=Count("id"), accepted=Count("id", filter=Q(state=RequestState.ACCEPTED))
    )
    meetings = session.meetings.exclude(state=MeetingState.CANCELLED).aggregate(
        total=Count("id"),
        scheduled=Count("id", filter=~Q(state=MeetingState.TO_SCHEDULE)),
        held=Count("id", filter=Q(state=MeetingState.HELD)),
        no_shows=Count("id", filter=Q(state=MeetingState.NO_SHOW)),
    )
    feedback = Feedback.objects.filter(meeting__session=session)
    satisfaction = [f.satisfaction for f in feedback.only("satisfaction")]
    follow_ups = dict(
        feedback.values_list("interest").annotate(n=Count("id")).values_list("interest", "n")
    )
    outcomes = dict(
        feedback.exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("id"))
        .values_list("outcome", "n")
    )
    share = meetings["scheduled"] / meetings["total"] if meetings["total"] else None
    return {
        **requests,
        **meetings,
        "share_scheduled": share,
        "satisfaction": sum(satisfaction) / len(satisfaction) if satisfaction else None,
        "follow_ups": [(kind.label, follow_ups[kind]) for kind in Interest if kind in follow_ups],
        "outcomes": [(kind.label, outcomes[kind]) for kind in Outcome if kind in outcomes],
    }


def own_counts(participant) -> dict:
    meetings = participant.meetings.exclude(state=MeetingState.CANCELLED)
    return {
        "sent": participant.sent_requests.count(),
        "received": participant.received_requests.count(),
        "meetings": meetings.filter(state__in=MeetingState.live()).count(),
        "held": meetings.filter(state=MeetingState.HELD).count(),
        "no_shows": meetings.filter(state=MeetingState.NO_SHOW).count(),
    }


def suggestions_for(participant, limit=8) -> list[tuple[Participant, list]]:
    """The participant's suggested matches, best first, each with its Suggestion; those it
    already asked or was asked by are left out."""
    others = list(
        participant.session.participants.select_related("profile").prefetch_related(
            "profile__themes"
        )
    )
    index = next(i for i, p in enumerate(others) if p.pk == participant.pk)
    asked = _asked(participant)
    excluded = [frozenset(i for i, p in enumerate(others) if p.pk in asked)] * len(others)
    profiles = [_plain_profile(p) for p in others]
    found = recommend.suggest_all(profiles, limit=limit, excluded=excluded)[index]
    return [(others[s.candidate], s) for s in found]


def _asked(participant) -> set[int]:
    sent = participant.sent_requests.values_list("recipient_id", flat=True)
    received = participant.received_requests.values_list("sender_id", flat=True)
    return set(sent) | set(received)


def _plain_profile(participant):
    profile = getattr(participant, "profile", None)
    if profile is None:
        return recommend.Profile(frozenset(), frozenset())
    return recommend.Profile(
        offers=frozenset(profile.offers),
        seeks=frozenset(profile.seeks),
        themes=frozenset(str(t.pk) for t in profile.themes.all()),
        text=f"{profile.description} {profile.sectors}",
    )
