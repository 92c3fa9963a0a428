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


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        page = render_to_string("core/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
