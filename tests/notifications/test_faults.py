"""The outbox under a broker that is down and a decision that changes before its message
goes out: the data is saved and answered normally, the messages wait or are cancelled."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calls import services as calls
from jumelage.calls.enums import ApplicationState
from jumelage.celery import app as celery_app
from jumelage.notifications import dispatch, sending
from jumelage.notifications.models import OutboxMessage, OutboxState
from jumelage.selection.enums import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(settings):
    """Celery points at a Redis that refuses connections (nothing listens on port 9).

    The connection pools are dropped both ways: one made by an earlier task (an inline
    `.delay()` makes them too) would still talk to the old broker."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"
    _drop_pools()
    yield
    celery_app.conf.broker_url = saved
    _drop_pools()


def _drop_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_a_submission_while_the_broker_is_down_is_saved_and_answered_normally(
    rich_world, client, broker_down, settings, mailoutbox, django_capture_on_commit_callbacks
):
    application = rich_world.application
    # Back to a draft, to submit it again through the page.
    calls.withdraw_application(rich_world.users.alice, application.pk)
    calls.reopen_application(rich_world.users.alice, application.pk)
    OutboxMessage.objects.all().delete()
    client.force_login(rich_world.users.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("calls:submit", kwargs={"pk": application.pk}))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    message = OutboxMessage.objects.get(template_key="application-submitted")
    assert message.state == OutboxState.QUEUED and mailoutbox == []
    # The broker is back (here: inline sending) and the sweep's grace has passed.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert dispatch.sweep() == 1
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and len(mailoutbox) == 1


def test_a_dispatch_to_a_broker_that_is_down_says_so_without_raising(broker_down):
    assert dispatch.dispatch(123) is False


def test_the_sweep_stops_while_the_broker_is_down(rich_world, broker_down):
    OutboxMessage.objects.update(
        state=OutboxState.QUEUED, next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert dispatch.sweep() == 0
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.QUEUED}


def decision_message(world, decision):
    return OutboxMessage.objects.create(
        template_key=decision,
        side=world.taichung,
        recipient_email="alice@example.org",
        language="en",
        subject="Decision",
        body="…",
        slot=f"decision:{world.cycle.pk}:{world.application.pk}",
    )


def test_a_decision_message_whose_decision_changed_is_cancelled_not_sent(rich_world, mailoutbox):
    # Alice holds no place and is no reserve: "selected" no longer holds.
    message = decision_message(rich_world, Decision.SELECTED)
    sending.send(message.pk)
    message.refresh_from_db()
    assert message.state == OutboxState.CANCELLED and mailoutbox == []
    assert "decision changed" in message.error


def test_a_decision_message_that_still_holds_is_sent(rich_world, mailoutbox):
    message = decision_message(rich_world, Decision.NOT_SELECTED)
    sending.send(message.pk)
    message.refresh_from_db()
    assert message.state == OutboxState.SENT and len(mailoutbox) == 1
