"""Helpers for tests that speak of the second factor: codes computed as an app would."""

import datetime as dt
import time

from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts import second_factor


def code(device, steps_ahead=0) -> str:
    """The code an authenticator app shows for `device`, `steps_ahead` steps from now
    (a code is accepted once, so a second login in the same 30 s takes the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user):
    """`user` with a confirmed authenticator and recovery codes; returns (device, codes)."""
    device = second_factor.pending_authenticator(user)
    device.confirmed = True
    device.save()
    return device, second_factor.new_recovery_codes(user)


def wait_out_throttling(user):
    """After a wrong code django-otp makes the next try wait (1 s, then doubling): move
    the failures an hour back, as if the person had waited."""
    earlier = timezone.now() - dt.timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=earlier)
