"""A change to a delegation's itinerary flags the scheduled meetings it breaks, and tells
the session's organisers about the ones newly broken.

The exchange app knows nothing of matchmaking (imports run down the timeline): matchmaking
listens to Django's own post_save / post_delete signals of ItineraryItem (and the changes of
its attendees), connected in MatchmakingConfig.ready(). A bulk update that sends no signal
is caught by the next schedule run, which reads the itinerary afresh."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from jumelage.core import moments
from jumelage.exchange.models import ItineraryItem
from jumelage.matchmaking import scheduling
from jumelage.matchmaking.availability import broken_meetings
from jumelage.matchmaking.enums import MeetingState
from jumelage.matchmaking.models import Meeting, Participant
from jumelage.notifications.services import queue_message
from jumelage.selection.services import managers_of

UID = "matchmaking-itinerary-conflicts"


def connect() -> None:
    post_save.connect(_item_changed, sender=ItineraryItem, dispatch_uid=f"{UID}-save")
    post_delete.connect(_item_changed, sender=ItineraryItem, dispatch_uid=f"{UID}-delete")
    m2m_changed.connect(
        _item_changed, sender=ItineraryItem.attendees.through, dispatch_uid=f"{UID}-attendees"
    )


def _item_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: nothing is scheduled against them yet
        return
    if isinstance(instance, ItineraryItem):
        flag_delegation(instance.delegation_id)


def flag_delegation(delegation_id: int) -> list[Meeting]:
    """Re-check the scheduled meetings of the delegation's teams in every session; flag those
    now in conflict, clear those no longer, and tell the organisers of the newly flagged.
    Returns the newly flagged meetings."""
    teams = Participant.objects.filter(delegation_id=delegation_id).select_related(
        "session__host_side", "session__cycle__partnership", "delegation"
    )
    flagged = []
    for team in teams:
        fresh = _recheck(team)
        if fresh:
            _tell_organisers(team, fresh)
        flagged += fresh
    return flagged


def _recheck(team) -> list[Meeting]:
    meetings = list(
        team.meetings.filter(state=MeetingState.SCHEDULED)
        .select_related("slot__venue", "place")
        .prefetch_related("parties")
        .order_by("slot__starts_at", "id")
    )
    available = [scheduling.available_slot_ids(team)]
    placement = {i: m.slot_id for i, m in enumerate(meetings)}
    broken = {meetings[i].pk for i in broken_meetings(placement, [[0]] * len(meetings), available)}
    fresh = []
    for meeting in meetings:
        reason = _reason(team) if meeting.pk in broken else ""
        if meeting.conflict != reason:
            if reason and not meeting.conflict:
                fresh.append(meeting)
            meeting.conflict = reason
            Meeting.objects.filter(pk=meeting.pk).update(conflict=reason)
    return fresh


def _reason(team) -> str:
    return _("%(team)s's itinerary has them elsewhere at this time.") % {"team": team.name}


def _tell_organisers(team, meetings):
    session = team.session
    for manager in managers_of(session.host_side):
        with translation.override(manager.language):
            lines = "\n".join(f"- {_line(session, m)}" for m in meetings)
            delegation = str(team.delegation)
        queue_message(
            "matchmaking-itinerary-conflict",
            recipient=manager,
            language=manager.language,
            side=session.host_side,
            context={
                "name": manager.full_name,
                "session": session.title,
                "delegation": delegation,
                "count": len(meetings),
                "meetings": lines,
                "link": settings.SITE_URL + reverse("matchmaking:grid", args=[session.pk]),
            },
        )


def _line(session, meeting) -> str:
    names = ", ".join(p.name for p in meeting.parties.all())
    when = moments.moment(meeting.slot.starts_at, session.timezone)
    return f"{when} · {meeting.place.name if meeting.place else ''} · {names}"
