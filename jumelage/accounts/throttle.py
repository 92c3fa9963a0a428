"""Counters in the cache that limit how many account e-mails (password resets, registration
notices) one address or one client can cause. django-axes counts failed logins only, so it
cannot count these requests, which all succeed; a small counter per key does. Failed logins
are counted here too, per account and per client (axes counts the pair of both).

The caller answers the same page whether a request was let through or not: a probe learns
nothing about addresses from it, and a flood sends at most the limit."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
    return f"throttle:{kind}:{digest}"


def _spend(key: str, limit: int) -> bool:
    """Count one more request on `key`; True while the count stays within `limit`."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit


def allow_account_mail(request, email: str) -> bool:
    """May this request cause one more account e-mail to `email`? Counts the address and
    the client both, so neither a flood at one address nor a sweep of many gets through."""
    client = get_client_ip_address(request) or "unknown"
    per_client = _spend(_key("client", client), settings.ACCOUNT_MAILS_PER_CLIENT)
    per_address = _spend(_key("address", email), settings.ACCOUNT_MAILS_PER_ADDRESS)
    return per_client and per_address


def _count(key: str) -> int:
    return cache.get(key, 0)


def _login_keys(request, username: str) -> tuple[str, str]:
    client = get_client_ip_address(request) or "unknown"
    return _key("login-account", username), _key("login-client", client)


def login_allowed(request, username: str) -> bool:
    """Fewer failed logins than the limits, this hour, on this account and from this client.
    axes locks the pair (address, client) after a few; these catch a password sprayed over
    many addresses from one client, and one address tried from many clients."""
    account, client = _login_keys(request, username)
    return (
        _count(account) < settings.LOGIN_FAILURES_PER_ACCOUNT
        and _count(client) < settings.LOGIN_FAILURES_PER_CLIENT
    )


def count_failed_login(request, username: str) -> None:
    account, client = _login_keys(request, username)
    _spend(account, settings.LOGIN_FAILURES_PER_ACCOUNT)
    _spend(client, settings.LOGIN_FAILURES_PER_CLIENT)
