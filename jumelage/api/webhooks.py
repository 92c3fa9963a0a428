"""Webhooks: a side's managers subscribe a URL to events; each event the stage services
announce (core.events) becomes one delivery per subscribed webhook, posted signed.

The URL is checked when it is saved and again before every try, since a name may resolve
elsewhere later: https outside DEBUG (WEBHOOKS_REQUIRE_HTTPS), and no loopback, private,
link-local or reserved address unless WEBHOOKS_ALLOW_PRIVATE_URLS allows it (SSRF)."""

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.accounts.permissions import is_manager
from jumelage.api.models import Webhook, WebhookDelivery, WebhookEvent

SIGNATURE_HEADER = "X-Jumelage-Signature"


def require_https() -> bool:
    return settings.WEBHOOKS_REQUIRE_HTTPS


def allow_private() -> bool:
    return settings.WEBHOOKS_ALLOW_PRIVATE_URLS


def _addresses(host: str, port: int) -> set:
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("The host %(host)s cannot be found.") % {"host": host}) from None
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in found}


def check_url(url: str) -> None:
    """Refuse a URL a webhook may not post to, with a message that says why."""
    parts = urlsplit(url)
    allowed = ("https",) if require_https() else ("https", "http")
    if parts.scheme not in allowed:
        raise ValidationError(_("The webhook's URL must start with https://."))
    if not parts.hostname:
        raise ValidationError(_("The webhook's URL needs a host."))
    if parts.username or parts.password:
        raise ValidationError(_("Put no user name or password in the URL: we sign each call."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ValidationError(_("The port of this URL is not a number we can use.")) from None
    if allow_private():
        return
    for address in _addresses(parts.hostname, port):
        if not address.is_global or address.is_multicast:
            raise ValidationError(
                _("The URL leads to a private or local address (%(address)s): use a public one.")
                % {"address": address}
            )


def managed_sides(user, sides):
    return [side for side in sides if is_manager(user, side)]


def subscribe(actor, side, *, url: str, events: list[str]) -> Webhook:
    if not is_manager(actor, side):
        raise PermissionDenied(_("Only the side's managers can add its webhooks."))
    unknown = set(events) - set(WebhookEvent.values)
    if not events or unknown:
        raise ValidationError(_("Choose at least one event among those listed."))
    check_url(url)
    return Webhook.objects.create(
        side=side,
        url=url,
        events=sorted(set(events)),
        secret=secrets.token_hex(32),
        created_by=actor,
    )


def remove(actor, webhook: Webhook) -> None:
    if not is_manager(actor, webhook.side):
        raise PermissionDenied(_("Only the side's managers can remove its webhooks."))
    webhook.delete()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>`: the receiver recomputes it
    with the webhook's secret and refuses an old timestamp (a replay)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()


def fan_out(event: str, side_ids, data: dict) -> list[int]:
    """One delivery per active webhook of the sides that subscribed to `event`."""
    webhooks = Webhook.objects.filter(active=True, side_id__in=side_ids)
    deliveries = []
    for webhook in webhooks:
        if event not in webhook.events:
            continue
        delivery = WebhookDelivery.objects.create(webhook=webhook, event=event, payload={})
        delivery.payload = {
            "id": delivery.pk,
            "event": event,
            "created": timezone.now().isoformat(),
            "side_id": webhook.side_id,
            "data": data,
        }
        delivery.save(update_fields=["payload"])
        deliveries.append(delivery.pk)
    return deliveries
