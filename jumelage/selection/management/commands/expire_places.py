"""`jumelage expire_places`: run daily (cron or Celery beat) so that a place left
unanswered past its deadline goes to the partner's next reserve."""

from django.core.management.base import BaseCommand

from jumelage.selection.services import expire_places


class Command(BaseCommand):
    help = "Decline the places not answered by their deadline and offer them to the reserves."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_places()} place(s) expired")
