"""`jumelage erase_expired_travel_details`: run daily (cron, a Celery beat or a systemd
timer) so travellers' personal details are kept no longer than their retention date."""

from django.core.management.base import BaseCommand

from jumelage.exchange.services import erase_expired_details


class Command(BaseCommand):
    help = "Erase the travel details (passport, diet, contacts) past their retention date."

    def handle(self, *args, **options):
        erased = erase_expired_details()
        self.stdout.write(f"{erased} travellers' details erased.")
