"""Sending through a mail server that refuses, times out, or accepts the mail just before
the worker dies: every message goes out once, or twice with one Message-ID, never lost."""

import datetime as dt

import pytest
from django.utils import timezone

from jumelage.notifications import dispatch, sending
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.notifications.services import queue_message
from tests.notifications import mailfaults

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def faulty_mail(settings):
    settings.EMAIL_BACKEND = "tests.notifications.mailfaults.FaultyBackend"
    settings.OUTBOX_RETRY_FIRST_SECONDS = 15
    settings.OUTBOX_RETRY_MAX_SECONDS = 120
    settings.OUTBOX_MAX_ATTEMPTS = 5
    mailfaults.faults.clear()
    mailfaults.delivered.clear()
    yield mailfaults
    mailfaults.faults.clear()
    mailfaults.delivered.clear()


def queued(world):
    """A queued message whose task has not run yet."""
    return queue_message(
        "application-submitted",
        recipient=world.users.alice,
        language="en",
        context={"name": "Alice", "call": "Taichung call"},
        side=world.taichung,
    )


def make_due(message):
    """Time passes: the retry delay, the sweep's grace or the sending lease runs out."""
    past = timezone.now() - dt.timedelta(seconds=1)
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=past, lease_until=past)


def state_of(message):
    message.refresh_from_db()
    return message.state


def test_a_message_is_sent_once_with_a_message_id(world, faulty_mail):
    message = queued(world)
    assert sending.send(message.pk) is None
    assert sending.send(message.pk) is None
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.attempts == 1
    assert len(faulty_mail.delivered) == 1
    assert faulty_mail.delivered[0].extra_headers["Message-ID"] == message.message_id
    assert message.message_id.startswith("<") and message.message_id.endswith(">")


def test_a_refusing_server_is_retried_with_growing_delays(world, faulty_mail):
    faulty_mail.faults.extend(["refuse"] * 4)
    message = queued(world)
    delays = []
    for _attempt in range(4):
        delays.append(sending.send(message.pk))
        assert state_of(message) == OutboxState.QUEUED
        make_due(message)
    assert delays == [15, 30, 60, 120]
    assert sending.send(message.pk) is None
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.attempts == 5 and message.error == ""
    assert len(faulty_mail.delivered) == 1


def test_a_retry_waits_for_its_delay(world, faulty_mail):
    faulty_mail.faults.append("refuse")
    message = queued(world)
    sending.send(message.pk)
    assert sending.send(message.pk) is None
    message.refresh_from_db()
    assert message.attempts == 1 and message.next_attempt_at > timezone.now()
    assert faulty_mail.delivered == []


def test_the_delays_stop_growing_at_the_longest(settings):
    assert [sending.retry_delay(n) for n in range(1, 8)] == [15, 30, 60, 120, 120, 120, 120]


def test_a_message_refused_at_every_attempt_fails_with_the_reason(world, faulty_mail):
    faulty_mail.faults.extend(["refuse"] * 5)
    message = queued(world)
    for _attempt in range(5):
        sending.send(message.pk)
        make_due(message)
    message.refresh_from_db()
    assert message.state == OutboxState.FAILED and message.attempts == 5
    assert "421" in message.error and "try again later" in message.error
    assert sending.send(message.pk) is None and faulty_mail.delivered == []


def test_an_unknown_mailbox_fails_at_once(world, faulty_mail):
    faulty_mail.faults.append("reject")
    message = queued(world)
    assert sending.send(message.pk) is None
    message.refresh_from_db()
    assert message.state == OutboxState.FAILED and message.attempts == 1
    assert "550" in message.error


def test_a_timeout_is_retried_with_the_same_message_id(world, faulty_mail):
    faulty_mail.faults.append("timeout")
    message = queued(world)
    assert sending.send(message.pk) == 15
    message.refresh_from_db()
    first_id = message.message_id
    assert "TimeoutError" in message.error
    make_due(message)
    sending.send(message.pk)
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.message_id == first_id
    assert [m.extra_headers["Message-ID"] for m in faulty_mail.delivered] == [first_id]


def test_a_worker_killed_after_sending_resends_once_with_the_same_message_id(world, faulty_mail):
    faulty_mail.faults.append("die-after-sending")
    message = queued(world)
    with pytest.raises(mailfaults.WorkerKilled):
        sending.send(message.pk)
    assert state_of(message) == OutboxState.SENDING
    assert sending.send(message.pk) is None  # the lease holds: no second worker sends it
    make_due(message)
    assert dispatch.due_messages().filter(pk=message.pk).exists()
    dispatch.sweep()
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.attempts == 2
    ids = {m.extra_headers["Message-ID"] for m in faulty_mail.delivered}
    assert len(faulty_mail.delivered) == 2 and ids == {message.message_id}


def test_no_lock_is_held_while_the_mail_server_is_talked_to(world, faulty_mail):
    message = queued(world)
    claim = sending.claim_message(message.pk)
    # Between the claim and the record, another transaction can change the row at once.
    assert OutboxMessage.objects.filter(pk=message.pk).update(error="seen") == 1
    sending.record_sent(claim)
    assert state_of(message) == OutboxState.SENT


def test_an_outcome_of_an_attempt_overtaken_by_another_is_not_recorded(world, faulty_mail):
    message = queued(world)
    slow = sending.claim_message(message.pk)
    make_due(message)
    sending.send(message.pk)  # the lease ran out and another worker sent it
    sending.record_failure(slow, TimeoutError("timed out"))
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and message.error == ""


def test_the_sweep_sends_a_message_whose_task_was_lost(world, faulty_mail):
    message = queued(world)
    assert dispatch.sweep() == 0  # within the grace its own task may still come
    make_due(message)
    assert dispatch.sweep() == 1
    assert state_of(message) == OutboxState.SENT and len(faulty_mail.delivered) == 1
