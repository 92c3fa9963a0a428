"""`jumelage send_survey_reminders`: remind whoever has not answered an open outcome survey
and is due a reminder. Beat runs it hourly with a broker; without one, run it from cron."""

from django.core.management.base import BaseCommand

from jumelage.followup import surveys


class Command(BaseCommand):
    help = "Send the outcome surveys' due reminders."

    def handle(self, *args, **options):
        self.stdout.write(f"{surveys.send_reminders()} reminders sent.")
