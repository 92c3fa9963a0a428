"""Counters in the cache that limit how many account e-mails (password resets, registration
notices) one address or one client can cause. django-axes counts failed logins only, so it
cannot count these requests, which all succeed; a small counter per key does.

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
