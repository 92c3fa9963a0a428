from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from jumelage.accounts.models import User
from jumelage.notifications.services import queue_message

VERIFY_SALT = "jumelage.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def register(*, email, full_name, language, password, next_url="", may_mail=True) -> User | None:
    """A new applicant account, sent a link to confirm its email address; None when the
    address has an account already. Then its holder is told instead: sent the link again
    while the address is unconfirmed, else told that someone tried to register with it.
    With `may_mail` false (throttled), the existing holder is not written to."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name, language=language)
    except IntegrityError:
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None and may_mail:
            _tell_holder(existing, next_url)
        return None
    send_verification(user, next_url)
    return user


def _tell_holder(user, next_url) -> None:
    if not user.email_verified:
        send_verification(user, next_url)
        return
    with translation.override(user.language):
        login, reset = reverse("accounts:login"), reverse("accounts:password_reset")
    site = settings.SITE_URL.rstrip("/")
    queue_message(
        "registration-attempt",
        recipient=user,
        language=user.language,
        context={"name": user.full_name, "login": site + login, "reset": site + reset},
    )


def verification_token(user, next_url="") -> str:
    return signing.dumps({"user": user.pk, "email": user.email, "next": next_url}, salt=VERIFY_SALT)


def send_verification(user, next_url="") -> None:
    with translation.override(user.language):
        path = reverse("accounts:verify", kwargs={"token": verification_token(user, next_url)})
    queue_message(
        "verify-email",
        recipient=user,
        language=user.language,
        context={"name": user.full_name, "link": settings.SITE_URL.rstrip("/") + path},
    )


def verify_email(token: str) -> tuple[User, str, bool]:
    """The user the token was made for, now verified, where they were going, and whether
    this opening of the link is the one that verified the address.

    Raises signing.BadSignature (or SignatureExpired) for a forged or stale link, and
    User.DoesNotExist when the address changed since the link was sent.
    """
    payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    user = User.objects.get(pk=payload["user"], email=payload["email"])
    first = not user.email_verified
    if first:
        User.objects.filter(pk=user.pk).update(email_verified=True)
        user.email_verified = True
    return user, payload.get("next", ""), first
