"""Two middlewares: downloads served with headers that keep them inert, and a database
that is unreachable answering "try again".

A database that is unreachable (a restart, a failover) answers "try again" (503).

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


class DownloadHeadersMiddleware:
    """Every file handed over as a download (Content-Disposition: attachment: uploaded
    files, exports) is one the browser must neither guess the type of nor run: no MIME
    sniffing, and a sandbox policy that allows nothing should it be displayed anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Disposition", "").startswith("attachment"):
            response["X-Content-Type-Options"] = "nosniff"
            response["Content-Security-Policy"] = "sandbox; default-src 'none'"
            response["Cross-Origin-Resource-Policy"] = "same-origin"
            response.setdefault("Cache-Control", "private, no-store")
        return response
