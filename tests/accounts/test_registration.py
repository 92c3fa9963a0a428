import re

import pytest
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from jumelage.accounts import services
from jumelage.accounts.models import User
from jumelage.notifications.models import OutboxMessage

PRODUCTION_HASHERS = [
    "jumelage.accounts.hashers.Argon2OwaspHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def register(client, **overrides):
    data = {
        "full_name": "Mei Lin",
        "email": "Mei@Example.org",
        "language": "zh-hant",
        "password1": "a long unusual passphrase",
        "password2": "a long unusual passphrase",
    }
    data.update(overrides)
    return client.post(reverse("accounts:register"), data)


def verification_link(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.django_db
def test_registration_sends_a_link_in_the_chosen_language(client):
    response = register(client)
    assert response["Location"] == reverse("accounts:verify_pending")
    assert "_auth_user_id" not in client.session  # logged in by the link, not before
    user = User.objects.get()
    assert user.email == "mei@example.org" and not user.email_verified
    message = OutboxMessage.objects.get(template_key="verify-email")
    assert message.language == "zh-hant"
    assert "請確認" in message.subject


@pytest.mark.django_db
def test_following_the_link_verifies_the_address(client):
    register(client)
    link = verification_link(OutboxMessage.objects.get())
    response = client.get(link.split("8000", 1)[1])
    assert response.status_code == 302
    assert User.objects.get().email_verified
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


@pytest.mark.django_db
def test_a_link_opened_again_does_not_log_in(client):
    register(client)
    path = verification_link(OutboxMessage.objects.get()).split("8000", 1)[1]
    client.get(path)
    client.logout()
    assert client.get(path)["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_forged_link_is_refused_with_400(client):
    response = client.get(reverse("accounts:verify", kwargs={"token": "forged:token"}))
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_expired_link_is_refused_with_400(client, monkeypatch):
    register(client)
    token = services.verification_token(User.objects.get())
    monkeypatch.setattr(services, "VERIFY_MAX_AGE", -1)
    response = client.get(reverse("accounts:verify", kwargs={"token": token}))
    assert response.status_code == 400
    assert b"expired" in response.content


@pytest.mark.django_db
def test_mismatched_and_weak_passwords_are_refused(client):
    response = register(client, password2="something else")
    assert "password2" in response.context["form"].errors
    response = register(client, password1="12345678", password2="12345678")
    assert "password1" in response.context["form"].errors


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user("x@example.org", "a long unusual passphrase")
    assert identify_hasher(user.password).algorithm == "argon2"


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=3)
def test_login_is_throttled_after_repeated_failures(client, world):
    url = reverse("accounts:login")
    for _attempt in range(3):
        client.post(url, {"username": "tina@taichung.example", "password": "wrong"})
    response = client.post(url, {"username": "tina@taichung.example", "password": world.password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_with_email_and_password_works(client, world):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Tina@Taichung.example", "password": world.password},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users.tina.pk)


def test_tokens_are_signed_for_this_purpose_only():
    with pytest.raises(signing.BadSignature):
        signing.loads(signing.dumps({"user": 1}), salt=services.VERIFY_SALT)


def test_passwords_are_hashed_with_argon2id_at_the_owasp_floor_and_old_hashes_upgrade(db, settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    assert make_password("x").startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    old = Argon2PasswordHasher().encode("a long unusual passphrase", "somesaltsomesalt")
    upgraded = []
    assert check_password("a long unusual passphrase", old, setter=upgraded.append)
    assert upgraded == ["a long unusual passphrase"]
