"""The managers' export of a call's applications, as CSV (streamed) or XLSX."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from jumelage.calls.enums import QuestionKind
from jumelage.calls.forms import display_answer

# Spreadsheet programs run cells that start with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    return [_cell(value) for value in fixed + answers]


def _rows(call, applications, questions):
    tz = call.side.tzinfo
    yield header(questions)
    for application in applications.iterator(chunk_size=1000):
        application.call = call  # the reference needs it: one call, not a query per row
        yield row(application, questions, tz)


class _Echo:
    def write(self, value):
        return value


def csv_response(call, applications, questions, filename) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    questions = [q for q in questions if q.kind != QuestionKind.FILE]
    lines = (writer.writerow(line) for line in _rows(call, applications, questions))
    response = StreamingHttpResponse(_with_bom(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _with_bom(lines):
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese text).
    yield "\ufeff"
    yield from lines


def xlsx_response(call, applications, questions, filename) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Applications")[:31])
    questions = [q for q in questions if q.kind != QuestionKind.FILE]
    for line in _rows(call, applications, questions):
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
