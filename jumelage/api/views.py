"""The person's API tokens: create one (its secret shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from jumelage.api import services
from jumelage.api.forms import TokenForm
from jumelage.api.models import ApiToken

# A new token's secret waits in its owner's session for the one page that shows it: the
# creation redirects there, so reloading that page never creates a second token.
NEW_SECRET = "api-new-token-secret"


def _page(request, form, secret=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"form": form, "tokens": tokens, "secret": secret}
    response = render(request, "api/tokens.html", context, status=status)
    if secret:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def tokens(request):
    return _page(request, TokenForm(), secret=request.session.pop(NEW_SECRET, None))


@login_required
@require_http_methods(["POST"])
def create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        _token, secret = services.create_token(request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form, status=400)
    request.session[NEW_SECRET] = secret
    return redirect("api:tokens")


@login_required
@require_POST
def revoke(request, pk):
    token = services.revoke_token(request.user, pk)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
