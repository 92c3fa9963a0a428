import sys

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from jumelage.core.middleware import DATABASE_DOWN, unavailable_response
from jumelage.core.pages import HOME_SECTIONS


@require_safe
def home(request):
    # The stages fill the page from their AppConfig.ready(): core imports none of them.
    return render(request, "core/home.html", {"sections": HOME_SECTIONS.shown(request.user)})


@never_cache
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def _error(request, status, title, explanation):
    return render(
        request, "core/error.html", {"title": title, "explanation": explanation}, status=status
    )


def bad_request(request, exception=None):
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request, exception=None):
    return _error(request, 403, _("Not allowed"), _("You do not have permission to see this page."))


def page_not_found(request, exception=None):
    return _error(
        request, 404, _("Page not found"), _("There is nothing at this address. It may have moved.")
    )


def server_error(request):
    # Django calls this while handling the error: a database that went away outside a view
    # gets the "try again" page, which needs neither the database nor the user.
    if isinstance(sys.exception(), DATABASE_DOWN):
        return unavailable_response()
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("The error has been logged. Your saved work is safe; please try again."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("Your form expired"),
        _(
            "For your security the form could not be accepted: it was open too long or cookies "
            "are blocked. Go back, reload the page and send it again; saved drafts are kept."
        ),
    )
