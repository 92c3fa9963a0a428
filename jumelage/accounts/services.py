from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from jumelage.accounts.models import User
from jumelage.notifications.services import queue_message

VERIFY_SALT = "jumelage.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


class AlreadyRegistered(Exception):
    pass


def register(*, email, full_name, language, password, next_url="") -> User:
    """A new applicant account, sent a link to confirm its email address."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name, language=language)
    except IntegrityError as error:
        raise AlreadyRegistered(email) from error
    send_verification(user, next_url)
    return user


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


def verify_email(token: str) -> tuple[User, str]:
    """The user the token was made for, now verified, and where they were going.

    Raises signing.BadSignature (or SignatureExpired) for a forged or stale link, and
    User.DoesNotExist when the address changed since the link was sent.
    """
    payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    user = User.objects.get(pk=payload["user"], email=payload["email"])
    if not user.email_verified:
        User.objects.filter(pk=user.pk).update(email_verified=True)
        user.email_verified = True
    return user, payload.get("next", "")
