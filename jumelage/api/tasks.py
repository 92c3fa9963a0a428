"""Celery tasks of the webhooks: try one delivery (queued again after a growing delay on a
failure), and the periodic sweep that hands over every delivery whose task was lost."""

from celery import shared_task

from jumelage.api import delivering, dispatch


@shared_task(ignore_result=True)
def deliver_webhook(delivery_id: int) -> None:
    delay = delivering.deliver(delivery_id)
    if delay is not None:
        dispatch.dispatch(delivery_id, countdown=delay)


@shared_task(ignore_result=True)
def sweep_webhooks() -> int:
    return dispatch.sweep()
