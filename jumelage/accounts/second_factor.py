"""A second factor for the people who decide: operators, programme managers, host staff,
and committee chairs and reviewers. Their password alone opens nothing but the pages that
verify a code or enrol an authenticator app (TOTP), while OTP_REQUIRED is on.

Which roles need it is a registry: accounts knows its own roles (operators, managers, host
staff); later apps add theirs from `AppConfig.ready()` (the review app, committee seats):
`SECOND_FACTOR_ROLES.register(name, order, holds)` where `holds(user)` says whether the
user holds that role.

Recovery codes are django-otp's static tokens: shown once at enrolment, each deleted when
used. TOTP codes are django-otp's: a code is accepted once (the device remembers the last
time step it verified) and wrong codes slow further tries down (its throttling)."""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts import privacy
from jumelage.accounts.models import Membership
from jumelage.accounts.privacy import iso
from jumelage.accounts.sessions import signed_in
from jumelage.core.registry import Registry

SECOND_FACTOR_ROLES = Registry("roles that need a second factor")
SECOND_FACTOR_ROLES.register("operator", 10, lambda user: user.is_staff or user.is_superuser)
SECOND_FACTOR_ROLES.register(
    "side membership", 20, lambda user: Membership.objects.filter(user=user).exists()
)

TOTP_NAME = "authenticator app"
RECOVERY_NAME = "recovery codes"

# Pages a person who still owes a second factor may open: logging in and out, the second
# factor's own pages, and the ways back into an account.
OPEN_PAGES = {
    "accounts:login",
    "accounts:logout",
    "accounts:two_factor",
    "accounts:two_factor_enrol",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "set_language",
    "health",
}


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_needs_second_factor"):
        user._needs_second_factor = any(holds(user) for holds in SECOND_FACTOR_ROLES)
    return user._needs_second_factor


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def owes_second_factor(user) -> bool:
    """Logged in with a password, in a role that needs more, and not verified yet."""
    return settings.OTP_REQUIRED and needs_second_factor(user) and not is_verified(user)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user) -> bool:
    """An authenticator, or recovery codes left to use."""
    return has_authenticator(user) or recovery_codes_left(user) > 0


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being enrolled: its secret stays the same until it is confirmed,
    so reloading the page does not invalidate the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


@transaction.atomic
def confirm_authenticator(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the enrolment with a first code; returns the new recovery codes (to be shown
    once), or None when the code is wrong. The session counts as verified from then on."""
    if not device.verify_token(token.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(device.user)
    mark_verified(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """A fresh set of recovery codes; the previous ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify(request, token: str):
    """The device (authenticator or recovery codes) that accepts this code, or None."""
    token = "".join(token.split()).lower()
    if not token:
        return None
    with transaction.atomic():
        for model in (TOTPDevice, StaticDevice):
            devices = model.objects.filter(user=request.user, confirmed=True).select_for_update()
            for device in devices:
                if device.verify_token(token):
                    mark_verified(request, device)
                    return device
    return None


def throttled(user) -> bool:
    """Whether wrong codes make the devices of `user` wait before taking another (django-otp
    waits 1 s after one, doubling after each next one)."""
    devices = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    return any(
        device.throttling_failure_count and not device.verify_is_allowed()[0] for device in devices
    )


def mark_verified(request, device) -> None:
    # A new session key once the second factor is given, as at login.
    request.session.cycle_key()
    otp_login(request, device)


def _page_name(request) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


class SecondFactorMiddleware:
    """Sends a person who owes a second factor to give it (or to enrol, without one)
    before any other page; the API authenticates with tokens and is left to its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in(request) and owes_second_factor(request.user) and not self._open(request):
            return self._send_to_verify(request)
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        if request.path_info.startswith(("/api/", settings.STATIC_URL, settings.MEDIA_URL)):
            return True
        name = _page_name(request)
        return name is None or name in OPEN_PAGES

    @staticmethod
    def _send_to_verify(request):
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(verify_url(request.user, next_url))


def verify_url(user, next_url: str = "") -> str:
    """Where a person gives their second factor, or enrols one when they have none."""
    page = "accounts:two_factor" if has_second_factor(user) else "accounts:two_factor_enrol"
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return reverse(page) + query


def export_second_factor(user) -> dict:
    """What a person may know of their second factor; never a secret or a code."""
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return {
        "authenticator_app": bool(app),
        "set_up": iso(app.created_at) if app else None,
        "last_used": iso(app.last_used_at) if app else None,
        "recovery_codes_left": recovery_codes_left(user),
    }


def erase_second_factor(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def register_personal_data() -> None:
    privacy.register_personal_data(
        "second_factor", 50, export=export_second_factor, erase=erase_second_factor
    )
