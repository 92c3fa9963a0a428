"""Matchmaking sessions and their meetings, as the matchmaking pages show them
(matchmaking.permissions): the organisers see every meeting of a session, a participant
sees the session and their own meetings only."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from jumelage.api.common import PageQuery, cycle_or_404, listing, one
from jumelage.api.paging import detail, page
from jumelage.api.schemas import MeetingOut, SessionOut
from jumelage.matchmaking import permissions, queries
from jumelage.matchmaking.enums import MeetingState
from jumelage.matchmaking.models import Meeting, Session

router = Router(tags=["matchmaking"])


def _sessions():
    return Session.objects.select_related("cycle__partnership", "host_side")


def _visible_sessions(user, cycle):
    """Every session of the cycle for its organisers (one partnership: one answer for all),
    else those where the user is a participant."""
    rows = _sessions().filter(cycle=cycle)
    first = rows.first()
    if first is None or permissions.is_organiser(user, first):
        return rows
    return rows.filter(pk__in=Session.objects.filter(participants__user=user).values("pk"))


@router.get("/sessions", response=listing(SessionOut))
def list_sessions(request, cycle: int, paging: Query[PageQuery]):
    """The cycle's matchmaking sessions the token's owner organises or takes part in."""
    sessions = _visible_sessions(request.user, cycle_or_404(cycle))
    return page(request, sessions, SessionOut, paging)


@router.get("/sessions/{session_id}", response=one(SessionOut))
def get_session(request, session_id: int):
    session = queries.session_or_404(session_id)
    if not permissions.can_see(request.user, session):
        raise Http404
    return detail(request, session, SessionOut)


def _meetings():
    return Meeting.objects.select_related("slot", "place").prefetch_related("parties")


@router.get("/sessions/{session_id}/meetings", response=listing(MeetingOut))
def list_meetings(
    request, session_id: int, paging: Query[PageQuery], state: MeetingState | None = None
):
    """Every meeting for the organisers; a participant's own meetings for them."""
    session = queries.session_or_404(session_id)
    meetings = _meetings().filter(session=session)
    if not permissions.is_organiser(request.user, session):
        participant = permissions.participant_for(request.user, session)
        if participant is None:
            raise PermissionDenied
        meetings = meetings.filter(pk__in=participant.meetings.values("pk"))
    if state is not None:
        meetings = meetings.filter(state=state)
    return page(request, meetings, MeetingOut, paging)


@router.get("/meetings/{meeting_id}", response=one(MeetingOut))
def get_meeting(request, meeting_id: int):
    meetings = _meetings().select_related("session__cycle__partnership")
    meeting = get_object_or_404(meetings, pk=meeting_id)
    if not permissions.can_check_in(request.user, meeting):
        raise Http404
    return detail(request, meeting, MeetingOut)
