"""Tables as CSV or XLSX downloads, safe to open in a spreadsheet program."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

# Spreadsheet programs run cells that start with these as formulas (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def _with_bom(lines):
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Chinese text).
    yield "\ufeff"
    yield from lines


def csv_response(rows, filename: str) -> StreamingHttpResponse:
    """`rows` (an iterable of lists, header first) streamed as CSV."""
    writer = csv.writer(_Echo())
    lines = (writer.writerow([safe_cell(value) for value in row]) for row in rows)
    response = StreamingHttpResponse(_with_bom(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(sheets: dict, filename: str) -> HttpResponse:
    """{sheet title: rows} as one workbook."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(str(title)[:31])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
