"""A person's rights over their data (GDPR in the EU, the PDPA in Taiwan): a copy of
everything the platform holds about them, and erasure.

Erasure removes what identifies the person and keeps what the programme must still count:
an application becomes an anonymous row whose committee scores still weigh in the ranking
it was part of; comments, answers, files and messages about it go."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application
from jumelage.notifications.models import OutboxMessage
from jumelage.review.models import Member, Review

ERASED = "—"


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def export_personal_data(user) -> dict:
    """Everything held about `user`, as plain JSON-ready data."""
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "language": user.language,
            "email_verified": user.email_verified,
            "joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "applications": [_application(a) for a in _applications(user)],
        "committee_seats": [_seat(m) for m in _seats(user)],
        "messages": [_message(m) for m in OutboxMessage.objects.filter(recipient_email=user.email)],
    }


def _applications(user):
    return (
        Application.objects.filter(applicant=user)
        .select_related("call", "theme")
        .prefetch_related("attachments", "transitions")
    )


def _application(application) -> dict:
    return {
        "reference": application.reference,
        "call": application.call.title,
        "state": application.state,
        "language": application.language,
        "team_name": application.team_name,
        "organisation": application.organisation,
        "contact_name": application.contact_name,
        "contact_email": application.contact_email,
        "contact_phone": application.contact_phone,
        "theme": application.theme.title if application.theme else None,
        "answers": application.answers,
        "created": _iso(application.created),
        "submitted_at": _iso(application.submitted_at),
        "files": [
            {
                "question": f.question_key,
                "name": f.original_name,
                "size": f.size,
                "sha256": f.sha256,
            }
            for f in application.attachments.all()
        ],
        "history": [
            {"from": t.from_state, "to": t.to_state, "at": _iso(t.created)}
            for t in application.transitions.all()
        ],
    }


def _seats(user):
    return Member.objects.filter(user=user).select_related("committee__side", "committee__cycle")


def _seat(member) -> dict:
    reviews = Review.objects.filter(member=member).select_related("application__call")
    return {
        "committee": str(member.committee),
        "role": member.role,
        "organisation": member.organisation,
        "expertise": member.expertise,
        "reviews": [
            {
                "application": r.application.reference,
                "state": r.state,
                "scores": r.scores,
                "comment": r.comment,
                "comment_for_applicant": r.comment_for_applicant,
            }
            for r in reviews
        ],
    }


def _message(message) -> dict:
    return {
        "subject": message.subject,
        "body": message.body,
        "state": message.state,
        "created": _iso(message.created),
    }


@transaction.atomic
def erase(user) -> None:
    """Erase `user`'s personal data now; their account can no longer sign in."""
    for application in _applications(user):
        _erase_application(application)
    OutboxMessage.objects.filter(recipient_email=user.email).update(
        recipient=None, recipient_email=f"erased-{user.pk}@invalid", subject=ERASED, body=ERASED
    )
    Member.objects.filter(user=user).update(
        email=f"erased-{user.pk}@invalid", name=_("Erased member"), organisation="", expertise=""
    )
    _erase_account(user)


def _erase_application(application) -> None:
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
    if application.state == ApplicationState.DRAFT:
        application.delete()  # a draft never counted anywhere
        return
    application.attachments.all().delete()
    Review.objects.filter(application=application).update(comment="", comment_for_applicant="")
    Application.objects.filter(pk=application.pk).update(
        team_name=_("Erased applicant"),
        organisation="",
        contact_name="",
        contact_email="",
        contact_phone="",
        answers={},
    )


def _erase_account(user) -> None:
    User = get_user_model()
    User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@invalid",
        full_name=_("Erased account"),
        is_active=False,
        email_verified=False,
        password="!",
    )
