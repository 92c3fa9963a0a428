"""`jumelage sweep_webhooks`: post (inline) or hand to the workers every webhook delivery
that is due: a retry after a failed try, or one whose task was lost. With Celery beat, run
the task `jumelage.api.tasks.sweep_webhooks`; with inline tasks (no broker), run this from
cron every minute or two."""

from django.core.management.base import BaseCommand

from jumelage.api import dispatch


class Command(BaseCommand):
    help = "Post or hand over every webhook delivery that is due (retries, lost tasks)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="at most this many")

    def handle(self, *args, limit, **options):
        handed = dispatch.sweep(limit=limit)
        if options["verbosity"] > 0:
            self.stdout.write(f"{handed} webhook delivery(ies) due, handed over.")
