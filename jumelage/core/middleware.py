"""A database that is unreachable (a restart, a failover) answers "try again" (503).

Nothing was half-saved: every write runs in a transaction that the lost connection rolled
back, so the person can safely send the same form again. The page renders without the
database and without the user (both need the database), from one standalone template.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


DATABASE_DOWN = (OperationalError, InterfaceError)


def unavailable_response():
    """The "try again" page (503), rendered without the database."""
    page = render_to_string("core/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view's database error. One raised elsewhere (in another middleware, saving the
    session) reaches the 500 handler instead, which answers the same page for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        log.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        return unavailable_response()
