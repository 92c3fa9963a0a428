"""The managers' export of a call's applications, as CSV (streamed) or XLSX."""

from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.calls.enums import QuestionKind
from jumelage.calls.forms import display_answer
from jumelage.core import spreadsheets


def header(questions) -> list[str]:
    fixed = [
        _("Reference"),
        _("Team name"),
        _("Organisation"),
        _("Contact person"),
        _("Contact email"),
        _("Contact phone"),
        _("Written in"),
        _("Theme"),
        _("Status"),
        _("Submitted at"),
        _("Privacy notice version agreed to"),
        _("Privacy notice agreed to at"),
        _("May be shared with investors"),
        _("Sharing with investors agreed to at"),
    ]
    return fixed + [question.label for question in questions]


def _local(moment, tz) -> str:
    return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def row(application, questions, tz) -> list[str]:
    fixed = [
        application.reference,
        application.team_name,
        application.organisation,
        application.contact_name,
        application.contact_email,
        application.contact_phone,
        application.language,
        application.theme.title if application.theme else "",
        application.get_state_display(),
        _local(application.submitted_at, tz),
        application.privacy_notice_version,
        _local(application.privacy_consent_at, tz),
        _("Yes") if application.investor_consent else _("No"),
        _local(application.investor_consent_at, tz),
    ]
    answers = [
        display_answer(q, application.answers.get(q.key))
        for q in questions
        if q.kind != QuestionKind.FILE
    ]
    return fixed + answers


def _rows(call, applications, questions):
    tz = call.side.tzinfo
    yield header(questions)
    for application in applications.iterator(chunk_size=1000):
        application.call = call  # the reference needs it: one call, not a query per row
        yield row(application, questions, tz)


def _written(questions):
    return [q for q in questions if q.kind != QuestionKind.FILE]


def csv_response(call, applications, questions, filename):
    return spreadsheets.csv_response(_rows(call, applications, _written(questions)), filename)


def xlsx_response(call, applications, questions, filename):
    rows = _rows(call, applications, _written(questions))
    return spreadsheets.xlsx_response({_("Applications"): rows}, filename)
