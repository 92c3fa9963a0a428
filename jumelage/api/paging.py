"""Cursor pages and ETags for the API's answers.

A list is ordered by id; its cursor is the last id of the page, encoded so that clients
treat it as opaque. Every answer carries an ETag of its body; a request whose
If-None-Match names it gets 304 without a body."""

import base64
import binascii
import hashlib
import json

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from jumelage.api import exports
from jumelage.api.exports import dump

MAX_LIMIT = 200


class Paged(Schema):
    next_cursor: str | None


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        label, _sep, value = text.partition(":")
        if label != "after" or not value.isdigit():
            raise ValueError(cursor)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise HttpError(
            400, _("This cursor is not one the API gave: start again without it.")
        ) from None


def _answer(request, payload) -> HttpResponse:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    wanted = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in wanted or f"W/{etag}" in wanted:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Vary"] = "Authorization, Accept-Language"
    return response


def page(request, queryset, schema, paging, convert=None) -> HttpResponse:
    """One page of `queryset` as `{"items": [...], "next_cursor": ...}`, or every row under
    the same filters when `paging.format` asks for an export; `convert` turns a row into
    what `schema` reads, when the viewer decides what the row shows."""
    rows = queryset.order_by("pk")
    if paging.format is not None:
        return exports.export(request, rows, schema, paging.format, convert)
    if paging.cursor:
        rows = rows.filter(pk__gt=decode_cursor(paging.cursor))
    found = list(rows[: paging.limit + 1])
    items = found[: paging.limit]
    more = len(found) > paging.limit
    payload = {
        "items": [dump(schema, row, convert) for row in items],
        "next_cursor": encode_cursor(items[-1].pk) if more else None,
    }
    return _answer(request, payload)


def detail(request, obj, schema) -> HttpResponse:
    """`obj` (a model or what `schema` reads) as one JSON object."""
    return _answer(request, schema.model_validate(obj).model_dump(mode="json"))


def page_of(schema):
    """The response schema of a page of `schema` items."""
    return type(f"{schema.__name__}Page", (Paged,), {"__annotations__": {"items": list[schema]}})
