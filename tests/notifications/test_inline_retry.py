"""Inline tasks (no broker, no beat): a message whose send failed is retried when due by
the next message that goes out, or by `jumelage sweep_outbox` from cron."""

import io

import pytest
from django.core.management import call_command

from jumelage.notifications.models import OutboxState
from jumelage.notifications.services import queue_message
from tests.notifications import mailfaults
from tests.notifications.test_sending import make_due, state_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def faulty_mail(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "tests.notifications.mailfaults.FaultyBackend"
    mailfaults.faults.clear()
    mailfaults.delivered.clear()
    yield mailfaults
    mailfaults.faults.clear()
    mailfaults.delivered.clear()


def queue_and_commit(world, capture, name="Alice"):
    """A message queued by a request: its dispatch runs once the transaction commits."""
    with capture(execute=True):
        return queue_message(
            "application-submitted",
            recipient=world.users.alice,
            language="en",
            context={"name": name, "call": "Taichung call"},
            side=world.taichung,
        )


def test_a_failed_message_goes_out_with_the_next_one_once_due(
    world, faulty_mail, django_capture_on_commit_callbacks
):
    faulty_mail.faults.append("refuse")
    first = queue_and_commit(world, django_capture_on_commit_callbacks)
    assert state_of(first) == OutboxState.QUEUED and faulty_mail.delivered == []
    make_due(first)
    second = queue_and_commit(world, django_capture_on_commit_callbacks, name="Bob")
    assert state_of(second) == OutboxState.SENT and state_of(first) == OutboxState.SENT
    ids = [mail.extra_headers["Message-ID"] for mail in faulty_mail.delivered]
    first.refresh_from_db()
    assert len(ids) == 2 and first.message_id in ids and first.attempts == 2


def test_a_message_not_due_yet_waits_for_its_delay(
    world, faulty_mail, django_capture_on_commit_callbacks
):
    faulty_mail.faults.append("refuse")
    first = queue_and_commit(world, django_capture_on_commit_callbacks)
    queue_and_commit(world, django_capture_on_commit_callbacks, name="Bob")
    first.refresh_from_db()
    assert first.state == OutboxState.QUEUED and first.attempts == 1


def test_while_the_server_still_refuses_a_request_tries_only_its_own_message(
    world, faulty_mail, django_capture_on_commit_callbacks
):
    faulty_mail.faults.extend(["refuse", "refuse"])
    first = queue_and_commit(world, django_capture_on_commit_callbacks)
    make_due(first)
    second = queue_and_commit(world, django_capture_on_commit_callbacks, name="Bob")
    first.refresh_from_db()
    assert first.attempts == 1 and state_of(second) == OutboxState.QUEUED
    assert faulty_mail.delivered == []


def test_the_cron_command_sends_every_due_message(
    world, faulty_mail, django_capture_on_commit_callbacks
):
    faulty_mail.faults.extend(["refuse", "refuse"])
    messages = [
        queue_and_commit(world, django_capture_on_commit_callbacks, name=name)
        for name in ("Alice", "Bob")
    ]
    for message in messages:
        make_due(message)
    out = io.StringIO()
    call_command("sweep_outbox", stdout=out)
    assert "2 message(s) due" in out.getvalue()
    assert [state_of(message) for message in messages] == [OutboxState.SENT] * 2
    assert len(faulty_mail.delivered) == 2
