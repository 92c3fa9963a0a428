"""Matchmaking's part of a person's rights over their data, gathered by the privacy pages.

The meetings stay (the other parties' agendas and the session's figures count them); what
the person wrote goes: their profile's text, their requests' messages and answers, their
feedback notes, and the link between them and their participant rows."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from jumelage.accounts.privacy import iso, register_personal_data
from jumelage.matchmaking.models import Feedback, Participant, Profile, Request


def register() -> None:
    register_personal_data("matchmaking", 700, export=export, erase=erase)


def _participant(participant) -> dict:
    profile = getattr(participant, "profile", None)
    return {
        "session": participant.session.title,
        "name": participant.name,
        "kind": participant.kind,
        "profile": {
            "offers": profile.offers,
            "seeks": profile.seeks,
            "sectors": profile.sectors,
            "stage": profile.stage,
            "languages": profile.languages,
            "description": profile.description,
        }
        if profile
        else None,
        "requests": [
            {
                "from": r.sender.name,
                "to": r.recipient.name,
                "message": r.message,
                "answer": r.answer,
                "state": r.state,
                "created": iso(r.created),
            }
            for r in Request.objects.filter(Q(sender=participant) | Q(recipient=participant))
            .select_related("sender", "recipient")
            .order_by("created")
        ],
        "meetings": [
            {"starts_at": iso(m.slot.starts_at) if m.slot else None, "state": m.state}
            for m in participant.meetings.select_related("slot")
        ],
        "feedback": [
            {
                "meeting": f.meeting_id,
                "interest": f.interest,
                "note": f.note,
                "outcome": f.outcome,
                "outcome_note": f.outcome_note,
            }
            for f in participant.feedback.all()
        ],
    }


def export(user) -> list:
    participants = Participant.objects.filter(user=user).select_related("session", "profile")
    return [_participant(p) for p in participants]


@transaction.atomic
def erase(user) -> list[str]:
    participants = Participant.objects.filter(user=user)
    Profile.objects.filter(participant__in=participants).update(description="", sectors="")
    Request.objects.filter(sender__in=participants).update(message="")
    Request.objects.filter(recipient__in=participants).update(answer="")
    Feedback.objects.filter(participant__in=participants).update(note="", outcome_note="")
    count = participants.update(user=None, email="")
    return [
        _(
            "%(count)d matchmaking participations unlinked; their profile texts, messages "
            "and feedback notes erased; the meetings stay in the session's figures."
        )
        % {"count": count}
    ]
