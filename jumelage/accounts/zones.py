"""The reader's timezone, activated for each request so that every moment shown names it.

A person reads in their own zone (a side's manager or host staff is given the side's when
they join it); anyone else in the zone their browser reported (a cookie `site.js` sets),
else the zone their language suggests."""

import zoneinfo

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation

COOKIE = "tz"
ZONES = zoneinfo.available_timezones()


def reader_zone(request) -> zoneinfo.ZoneInfo:
    own = _own_zone(request)
    if own in ZONES:
        return zoneinfo.ZoneInfo(own)
    reported = request.COOKIES.get(COOKIE, "")
    if reported in ZONES:
        return zoneinfo.ZoneInfo(reported)
    language = translation.get_language() or settings.LANGUAGE_CODE
    return zoneinfo.ZoneInfo(settings.READER_ZONES_BY_LANGUAGE.get(language, settings.TIME_ZONE))


def _own_zone(request) -> str:
    user = getattr(request, "user", None)
    try:
        return user.time_zone if user is not None and user.is_authenticated else ""
    except DatabaseError:
        # The database is unreachable: the view will answer "try again" (503) when it
        # needs it; reading the user here must not turn that into a server error.
        return ""


class ReaderTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with timezone.override(reader_zone(request)):
            return self.get_response(request)
