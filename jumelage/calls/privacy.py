"""What the calls hold of a person: their applications, answers and files."""

from django.utils.translation import gettext as _

from jumelage.accounts.privacy import iso, register_personal_data
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application


def register() -> None:
    register_personal_data("applications", 300, export=export, erase=erase)


def export(user) -> list[dict]:
    return [_application(a) for a in _applications(user)]


def erase(user) -> None:
    for application in _applications(user):
        _erase_application(application)


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
        "created": iso(application.created),
        "submitted_at": iso(application.submitted_at),
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
            {"from": t.from_state, "to": t.to_state, "at": iso(t.created)}
            for t in application.transitions.all()
        ],
    }


def _erase_application(application) -> None:
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
    if application.state == ApplicationState.DRAFT:
        application.delete()  # a draft never counted anywhere
        return
    application.attachments.all().delete()
    Application.objects.filter(pk=application.pk).update(
        team_name=_("Erased applicant"),
        organisation="",
        contact_name="",
        contact_email="",
        contact_phone="",
        answers={},
    )
