"""A hostile probe learns nothing about which addresses have an account: registration and
password resets answer the same either way, and resets are throttled per address and per
client."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from jumelage.accounts.models import User
from jumelage.notifications.models import OutboxMessage
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def register(client, email, **extra):
    return client.post(
        reverse("accounts:register"),
        {
            "full_name": "Probe",
            "email": email,
            "language": "en",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
        },
        **extra,
    )


def page_text(client, response):
    """The page a visitor lands on, with the form's token taken out."""
    landed = client.get(response["Location"]).content.decode()
    return landed.split('name="csrfmiddlewaretoken"')[0]


def reset(client, email, ip="203.0.113.7"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_registering_a_known_or_unknown_address_answers_the_same(client, mailoutbox):
    UserFactory(email="known@example.org", email_verified=True)
    known = register(client, "known@example.org")
    unknown = register(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert "_auth_user_id" not in client.session
    assert page_text(client, known) == page_text(client, unknown)


@pytest.mark.django_db
def test_the_holder_of_a_known_address_is_told_someone_tried(client):
    holder = UserFactory(email="known@example.org", email_verified=True, language="fr")
    register(client, "Known@Example.org")
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    (notice,) = OutboxMessage.objects.filter(template_key="registration-attempt")
    assert notice.recipient_email == holder.email and notice.language == "fr"
    assert notice.subject.startswith("Quelqu’un a tenté de s’inscrire")
    assert User.objects.get(pk=holder.pk).check_password("a long unusual passphrase") is False


@pytest.mark.django_db
def test_an_unconfirmed_holder_is_sent_the_link_again(client):
    UserFactory(email="pending@example.org", email_verified=False)
    register(client, "pending@example.org")
    assert OutboxMessage.objects.filter(
        template_key="verify-email", recipient_email="pending@example.org"
    ).exists()


@pytest.mark.django_db
def test_registration_notices_are_throttled_per_address(client, settings):
    UserFactory(email="known@example.org", email_verified=True)
    for _ in range(10):
        assert register(client, "known@example.org").status_code == 302
    notices = OutboxMessage.objects.filter(template_key="registration-attempt")
    assert notices.count() == settings.ACCOUNT_MAILS_PER_ADDRESS


@pytest.mark.django_db
def test_ten_reset_requests_send_at_most_the_limit(client, mailoutbox, settings):
    UserFactory(email="known@example.org")
    answers = {reset(client, "known@example.org")["Location"] for _ in range(10)}
    assert answers == {reverse("accounts:password_reset_done")}
    assert len(mailoutbox) == settings.ACCOUNT_MAILS_PER_ADDRESS == 3


@pytest.mark.django_db
def test_resets_are_throttled_per_client_across_addresses(client, mailoutbox, settings):
    settings.ACCOUNT_MAILS_PER_CLIENT = 4
    for i in range(8):
        UserFactory(email=f"user{i}@example.org")
        assert reset(client, f"user{i}@example.org").status_code == 302
    assert len(mailoutbox) == 4
    reset(client, "user7@example.org", ip="198.51.100.9")  # another client still gets through
    assert len(mailoutbox) == 5


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_answers_the_same(client, mailoutbox):
    UserFactory(email="known@example.org")
    known, unknown = reset(client, "known@example.org"), reset(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
