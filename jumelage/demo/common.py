"""Pieces every demo loader uses: translated columns and the demo's user accounts."""

from jumelage.accounts.models import User
from jumelage.demo.data import T

TRANSLATED_SUFFIXES = ("en", "fr", "zh_hant")


def translated(field: str, text: T) -> dict:
    return {
        f"{field}_{suffix}": value for suffix, value in zip(TRANSLATED_SUFFIXES, text, strict=True)
    }


def ensure_users(accounts: list[dict], password: str) -> dict[str, User]:
    """Users by email, the missing ones created in one query with the shared password hash."""
    emails = [account["email"] for account in accounts]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        User(password=password, email_verified=True, **account)
        for account in accounts
        if account["email"] not in existing
    )
    return User.objects.in_bulk(emails, field_name="email")
