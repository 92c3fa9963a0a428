"""The daily retention run, from Celery beat (`jumelage retention` does the same from cron)."""

from celery import shared_task

from jumelage.accounts import retention


@shared_task(ignore_result=True)
def apply_retention() -> int:
    return sum(record.count for record in retention.apply())
