"""Sessions end after SESSION_IDLE_SECONDS without a request (and SESSION_COOKIE_AGE in any
case). Nothing typed is lost: the application form autosaves to the server and keeps a copy
in the browser; the login page brings the person back to the page they were on, where the
draft waits. An autosave that meets an ended session is answered 401, which the form's
script shows and retries after the person has logged in again in another tab."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.translation import gettext as _

LAST_SEEN = "last_seen"
# The session is written at most this often just to move the time of the last request.
TOUCH_EVERY_SECONDS = 300


def signed_in(request) -> bool:
    """Whether the request comes from someone logged in, for middleware that runs before the
    view. With the database unreachable it answers no: the view then answers "try again"
    (503) when it needs the database, instead of the middleware failing with a 500."""
    try:
        return request.user.is_authenticated
    except DatabaseError:
        return False


def start_clock(sender, request, user, **kwargs):
    """Logging in is the first activity: pages right after it write nothing more."""
    request.session[LAST_SEEN] = time.time()


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in(request):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return self._ended(request)
            if last_seen is None or now - last_seen > TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def _ended(request):
        message = _("Your session ended after a while without activity. Log in again.")
        fetched = request.headers.get("X-Requested-With") == "fetch"
        if fetched or "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"error": message}, status=401)
        return redirect_to_login(request.get_full_path())
