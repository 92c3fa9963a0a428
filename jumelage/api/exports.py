"""Every API list as a file: `?format=csv`, `xlsx` or `json`, under the list's own filters.

An export holds every row the list would page through, in id order, up to `MAX_ROWS`.
CSV and XLSX put nested values (a nomination's entries, a meeting's parties) in one cell as
JSON; every cell goes through `core.spreadsheets.safe_cell`, so a value that starts with
= + - @ is never run as a formula. JSON is the list's own shape with no next cursor."""

import json
import re

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from jumelage.core.spreadsheets import XLSX_TYPE, csv_response, xlsx_response

FORMATS = ("csv", "xlsx", "json")
MAX_ROWS = 10_000
CHUNK = 500
TYPES = {"csv": "text/csv", "xlsx": XLSX_TYPE, "json": "application/json"}


def dump(schema, row, convert=None) -> dict:
    return schema.model_validate(convert(row) if convert else row).model_dump(mode="json")


def _rows(queryset, schema, convert):
    after, count = 0, 0
    while True:
        chunk = list(queryset.filter(pk__gt=after)[:CHUNK])
        for row in chunk:
            count += 1
            if count > MAX_ROWS:
                raise HttpError(400, _too_many())
            yield dump(schema, row, convert)
        if len(chunk) < CHUNK:
            return
        after = chunk[-1].pk


def _too_many() -> str:
    return _("An export holds at most %(max)d rows: narrow it with the list's filters.") % {
        "max": MAX_ROWS
    }


def _cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _table(items: list[dict], schema) -> list[list]:
    header = list(schema.model_fields)
    return [header] + [[_cell(item[name]) for name in header] for item in items]


def filename(schema) -> str:
    name = schema.__name__.removesuffix("Out")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower() + "s"


def export(request, queryset, schema, format: str, convert=None) -> HttpResponse:
    """The whole of `queryset` as a download in `format` (one of FORMATS)."""
    # Counted before anything is written, so a too-large export is a clear 400.
    items = list(_rows(queryset, schema, convert))
    name = filename(schema)
    if format == "csv":
        return csv_response(_table(items, schema), name)
    if format == "xlsx":
        return xlsx_response({name: _table(items, schema)}, name)
    body = json.dumps({"items": items, "next_cursor": None}, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def describe(openapi: dict) -> dict:
    """Name the export files among the 200 answers of every operation that takes `format`."""
    files = {
        "text/csv": {"schema": {"type": "string"}},
        XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
    }
    for operations in openapi["paths"].values():
        for operation in operations.values():
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            if "format" in names:
                operation["responses"][200]["content"].update(files)
    return openapi
