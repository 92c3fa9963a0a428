from celery import shared_task

from jumelage.notifications import services


@shared_task(ignore_result=True)
def send_outbox_message(message_id: int) -> None:
    services.send(message_id)
