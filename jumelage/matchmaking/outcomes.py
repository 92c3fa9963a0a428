"""The second rating: six months after a meeting whose feedback hoped for a follow-up (talk
again, a pilot, an investment), each such party is asked what came of it, once, through
the outbox, as the brokerage events of the Enterprise Europe Network do.

`now` is an argument everywhere so that tests (and a catch-up run) can move the clock."""

import datetime as dt

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.accounts.models import User
from jumelage.core import moments
from jumelage.matchmaking.enums import Interest, MeetingState
from jumelage.matchmaking.models import Feedback
from jumelage.notifications.services import queue_message

AFTER = dt.timedelta(days=182)
HOPEFUL = (Interest.TALK, Interest.PILOT, Interest.INVESTMENT)


def due_at(feedback) -> dt.datetime:
    """When the question opens: six months after the meeting's slot (or the feedback)."""
    slot = feedback.meeting.slot
    return (slot.starts_at if slot else feedback.created) + AFTER


def is_due(feedback, now=None) -> bool:
    return feedback.interest in HOPEFUL and due_at(feedback) <= (now or timezone.now())


def due(now=None):
    """Hopeful feedback on held meetings, six months on, not yet answered."""
    now = now or timezone.now()
    return (
        Feedback.objects.filter(
            interest__in=HOPEFUL,
            outcome="",
            meeting__state=MeetingState.HELD,
            meeting__slot__starts_at__lte=now - AFTER,
        )
        .select_related("participant__user", "meeting__session__host_side")
        .prefetch_related("meeting__parties")
        .order_by(F("meeting__slot__starts_at"), "id")
    )


def asked_of(participant, now=None) -> list:
    """The participant's hopeful feedback whose question is open (answered or not)."""
    now = now or timezone.now()
    return list(
        participant.feedback.filter(
            interest__in=HOPEFUL,
            meeting__state=MeetingState.HELD,
            meeting__slot__starts_at__lte=now - AFTER,
        )
        .select_related("meeting__slot__venue", "meeting__place")
        .prefetch_related("meeting__parties")
    )


def ask(now=None) -> int:
    """Queue the question for every due feedback; a feedback is asked once (the outbox's
    dedupe key), so running this again, or twice at once, sends nothing more. Returns how
    many feedbacks were due."""
    found = list(due(now))
    for feedback in found:
        _ask(feedback)
    return len(found)


def _ask(feedback):
    party, session = feedback.participant, feedback.meeting.session
    recipient = party.user or User(email=party.email, full_name=party.name)
    if not recipient.email:
        return
    language = party.user.language if party.user else session.host_side.languages[0]
    with translation.override(language):
        interest = Interest(feedback.interest).label
        context = {
            "name": party.name,
            "session": session.title,
            "others": ", ".join(p.name for p in feedback.meeting.parties.all() if p.pk != party.pk),
            "interest": str(interest),
            "link": settings.SITE_URL + reverse("matchmaking:outcome", args=[feedback.pk]),
        }
    queue_message(
        "matchmaking-outcome-due",
        recipient=recipient,
        language=language,
        side=session.host_side,
        context=context,
        dedupe_key=f"matchmaking-outcome-{feedback.pk}",
    )


def not_yet_message(feedback) -> str:
    return _("You can tell us what came of this meeting from %(day)s.") % {
        "day": moments.day(due_at(feedback))
    }
