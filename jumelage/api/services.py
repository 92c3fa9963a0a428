"""Creating, checking and revoking API tokens, and the per-token rate limit."""

import datetime as dt
import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.api.models import ApiToken, Scope

PREFIX = "jmlg"
MAX_DAYS = 366
# A token's last use is written at most once a minute, not on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenRejected(Exception):
    """The request's token is missing, malformed, unknown, expired or revoked (HTTP 401)."""


class RateLimited(Exception):
    """The token made too many requests in the current window (HTTP 429)."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(actor, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token of `actor` and its secret, which is never stored nor shown again."""
    if scope not in Scope.values:
        raise ValidationError(_("Choose the token's scope: read, or read and write."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("A token lasts from 1 to %(max)d days.") % {"max": MAX_DAYS})
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=prefix,
        secret_hash=_digest(secret),
        scope=scope,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return token, f"{PREFIX}_{prefix}_{secret}"


def revoke_token(actor, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id).first()
    if token is None or token.user_id != actor.pk:
        raise PermissionDenied(_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str) -> ApiToken:
    """The active token `raw` names, its last use noted; TokenRejected says why not."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise TokenRejected(_("This is not a jumelage API token."))
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(parts[2])):
        raise TokenRejected(_("This API token is unknown."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRejected(_("This API token was revoked."))
    if token.expires_at <= now:
        raise TokenRejected(_("This API token has expired: create a new one in your space."))
    if not token.user.is_active:
        raise TokenRejected(_("The account of this API token is closed."))
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def count_request(token: ApiToken) -> None:
    """Fixed windows per token in the shared cache; RateLimited once the window is full."""
    limit, window = settings.API_RATE_LIMIT
    now = int(time.time())
    start = now - now % window
    key = f"api-rate:{token.pk}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window + 1)
        used = 1
    if used > limit:
        raise RateLimited(retry_after=start + window - now)
