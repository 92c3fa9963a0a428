"""What the calls hold of a person: their applications, answers and files."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jumelage.accounts.privacy import iso, register_personal_data
from jumelage.accounts.retention import months_before, register_retention
from jumelage.calls.enums import ApplicationState
from jumelage.calls.models import Application


def register() -> None:
    register_personal_data("applications", 300, export=export, erase=erase)
    register_retention(
        "unsent-drafts",
        300,
        label=gettext_lazy("Drafts never submitted, once their call has long closed"),
        due=unsent_drafts,
        reference=lambda application: application.reference,
        apply=erase_applications,
    )


def unsent_drafts(today):
    cutoff = months_before(today, "drafts")
    return (
        Application.objects.filter(state=ApplicationState.DRAFT, call__closes_at__date__lt=cutoff)
        .select_related("call")
        .prefetch_related("attachments")
    )


def erase_applications(applications) -> None:
    for application in applications:
        erase_application(application)


def export(user) -> list[dict]:
    return [_application(a) for a in _applications(user)]


def erase(user) -> None:
    for application in _applications(user):
        erase_application(application)


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
        "may_be_shared_with_investors": application.investor_consent,
        "may_be_kept_on_file": application.keep_on_file,
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


def erase_application(application) -> None:
    """The files and whatever names the team go; the row stays, anonymous, so that its
    committee scores still weigh in the ranking it was part of. A draft never counted: it
    goes whole."""
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
        anonymised_at=timezone.now(),
    )
