"""The periodic reminder of the outcome surveys (to add to CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from jumelage.followup import surveys


@shared_task(ignore_result=True)
def send_survey_reminders() -> int:
    return surveys.send_reminders()
