"""`Authorization: Bearer <token>` for every API operation, with the token's rate limit."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from jumelage.api import services
from jumelage.api.models import Scope


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = services.authenticate(token)
        services.count_request(api_token)
        # The permission helpers read the person the token belongs to.
        request.user = api_token.user
        return api_token


def require_write(request) -> None:
    if not request.auth.allows(Scope.WRITE):
        raise HttpError(403, _("This token may only read: create a token with the write scope."))
