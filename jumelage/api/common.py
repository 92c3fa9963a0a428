"""What every operation shares: its error answers, its list parameters, its lookups."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Schema

from jumelage.partnerships.models import Cycle


class Error(Schema):
    detail: str | list[str] | list[dict]


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def listing(schema) -> dict:
    from jumelage.api.paging import page_of

    return {200: page_of(schema), 304: None, **ERRORS}


def one(schema) -> dict:
    return {200: schema, 304: None, **ERRORS}


class PageQuery(Schema):
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=200)
    format: Literal["csv", "xlsx", "json"] | None = Field(
        None,
        description="Every row under the same filters as one file, instead of a page.",
    )


def cycle_or_404(cycle_id: int) -> Cycle:
    return get_object_or_404(
        Cycle.objects.select_related("partnership").prefetch_related("partnership__sides"),
        pk=cycle_id,
    )
