"""The REST API, version 1: `NinjaAPI` at /api/v1/, its OpenAPI 3 schema at
/api/v1/openapi.json and its documentation at /api/v1/docs, served from ninja's own
static files (no CDN)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from jumelage.api import (
    calls,
    exchange,
    exports,
    followup,
    matchmaking,
    partnerships,
    review,
    selection,
)
from jumelage.api.auth import TokenAuth
from jumelage.api.services import RateLimited, TokenRejected


class JumelageAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return exports.describe(super().get_openapi_schema(**kwargs))


api = JumelageAPI(
    title="jumelage",
    version="1",
    description=_(
        "Partnerships, cycles and what each stage holds, with the same permissions as the "
        "pages. Send a personal token from your space as `Authorization: Bearer <token>`. "
        "Every list also answers as one file of all its rows under the same filters: add "
        "`format=csv`, `format=xlsx` or `format=json`."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    # Swagger UI would otherwise fetch a validity badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/", partnerships.router)
api.add_router("/", calls.router)
api.add_router("/", review.router)
api.add_router("/", selection.router)
api.add_router("/", exchange.router)
api.add_router("/", matchmaking.router)
api.add_router("/", followup.router)


def _unauthorized(request, message):
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="jumelage"'
    return response


@api.exception_handler(AuthenticationError)
def missing_token(request, exc):
    return _unauthorized(request, _("Send your API token as the header Authorization: Bearer."))


@api.exception_handler(TokenRejected)
def rejected_token(request, exc):
    return _unauthorized(request, str(exc))


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    message = _("Too many requests with this token: try again in %(seconds)d seconds.") % {
        "seconds": exc.retry_after
    }
    response = api.create_response(request, {"detail": message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    message = str(exc) or _("Your role does not allow this.")
    return api.create_response(request, {"detail": message}, status=403)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": exc.messages}, status=400)


@api.exception_handler(OverflowError)
def number_too_large(request, exc):
    # SQLite refuses integers beyond 64 bits when the query runs: an id that large names
    # nothing, and the client hears which kind of mistake it made.
    message = _("A number in this request is too large to name anything.")
    return api.create_response(request, {"detail": message}, status=400)
