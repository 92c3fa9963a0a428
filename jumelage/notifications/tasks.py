"""Celery tasks of the outbox: send one message (retrying it later on a failure), and the
periodic sweep that hands over every message whose task was lost."""

from celery import shared_task

from jumelage.notifications import dispatch, sending


@shared_task(ignore_result=True)
def send_outbox_message(message_id: int) -> None:
    delay = sending.send(message_id)
    if delay is not None:
        dispatch.dispatch(message_id, countdown=delay)


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    return dispatch.sweep()
