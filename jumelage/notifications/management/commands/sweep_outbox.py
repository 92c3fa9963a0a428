"""`jumelage sweep_outbox`: send (inline) or hand to the workers every outbox message that
is due: a retry after a failed send, or one whose task was lost. With Celery beat running
this is done every 30 seconds already; with inline tasks (no broker), run it from cron,
every minute or two."""

from django.core.management.base import BaseCommand

from jumelage.notifications import dispatch


class Command(BaseCommand):
    help = "Send or hand over every outbox message that is due (retries, lost tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="at most this many")

    def handle(self, *args, limit, **options):
        handed = dispatch.sweep(limit=limit)
        if options["verbosity"] > 0:
            self.stdout.write(f"{handed} message(s) due, handed over.")
