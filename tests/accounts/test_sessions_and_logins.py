"""Login throttling beyond axes's pair, sessions that end when idle without losing drafts,
and the password rules."""

import time
from types import SimpleNamespace

import pytest
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from jumelage.accounts import sessions
from jumelage.calls import services as call_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def attempt(client, email, password, address):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_one_account_tried_from_many_clients_is_paused(client, world, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    for number in range(3):
        assert attempt(client, "tina@taichung.example", "wrong", f"10.0.0.{number}").status_code
    right = attempt(client, "tina@taichung.example", world.password, "10.0.0.99")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account is not held back by it.
    assert attempt(client, "theo@toulouse.example", world.password, "10.0.0.99").status_code == 302


def test_one_client_trying_many_accounts_is_paused(client, world, settings):
    settings.LOGIN_FAILURES_PER_CLIENT = 3
    for name in ("alice@example.org", "bob@example.org", "nobody@example.org"):
        attempt(client, name, "wrong", "10.0.1.1")
    assert attempt(client, "tina@taichung.example", world.password, "10.0.1.1").status_code == 429
    assert attempt(client, "tina@taichung.example", world.password, "10.0.1.2").status_code == 302


def test_successful_logins_spend_nothing(client, world, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 1
    for _ in range(3):
        assert attempt(client, "tina@taichung.example", world.password, "10.0.2.1").status_code
        client.post(reverse("accounts:logout"))
    assert attempt(client, "tina@taichung.example", world.password, "10.0.2.1").status_code == 302


def later(monkeypatch, seconds):
    now = time.time() + seconds
    monkeypatch.setattr(sessions, "time", SimpleNamespace(time=lambda: now))


def test_an_idle_session_ends_and_the_draft_waits_after_logging_in(
    client, world, monkeypatch, settings
):
    alice = world.users.alice
    application = call_services.start_application(alice, world.call_tc, "en")
    call_services.save_application(
        alice, application.pk, {"team_name": "Drafted before the break"}, {}, only=["team_name"]
    )
    client.force_login(alice)
    page = reverse("accounts:home")
    assert client.get(page).status_code == 200

    later(monkeypatch, settings.SESSION_IDLE_SECONDS + 5)
    ended = client.get(page)
    assert ended.status_code == 302
    assert ended["Location"].startswith(reverse("accounts:login"))
    assert "next=" in ended["Location"]
    assert "_auth_user_id" not in client.session

    client.force_login(alice)
    application.refresh_from_db()
    assert application.team_name == "Drafted before the break"


def test_an_autosave_after_the_session_ended_is_told_so(client, world, monkeypatch, settings):
    client.force_login(world.users.alice)
    client.get(reverse("accounts:home"))
    later(monkeypatch, settings.SESSION_IDLE_SECONDS + 5)
    answer = client.post(
        reverse("accounts:home"), HTTP_X_REQUESTED_WITH="fetch", HTTP_ACCEPT="application/json"
    )
    assert answer.status_code == 401
    assert "session ended" in answer.json()["error"]


def test_activity_keeps_the_session(client, world, monkeypatch, settings):
    client.force_login(world.users.alice)
    client.get(reverse("accounts:home"))
    for step in range(1, 4):
        later(monkeypatch, step * (settings.SESSION_IDLE_SECONDS - 60))
        assert client.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("short pass", True),  # under 12 characters
        ("password1234", True),  # common
        ("123456789012", True),  # all digits
        ("tina taichung", True),  # like the address
        ("a quiet orchard at dusk", False),
    ],
)
def test_password_rules(world, password, refused):
    try:
        password_validation.validate_password(password, world.users.tina)
    except ValidationError:
        assert refused
    else:
        assert not refused
