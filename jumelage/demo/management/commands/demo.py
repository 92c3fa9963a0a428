import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from jumelage.demo import data, loader

DEFAULT_ADDRPORT = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Migrate, load the Taichung–Toulouse demo (again: changes nothing), then serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--load-only", action="store_true", help="Load the demo data without serving it."
        )
        parser.add_argument(
            "--addrport", default=DEFAULT_ADDRPORT, help="Where to serve (default: %(default)s)."
        )

    def handle(self, *args, load_only=False, addrport=DEFAULT_ADDRPORT, **options):
        self.stdout.write("Migrating the database…")
        call_command("migrate", interactive=False, verbosity=0)
        started = time.monotonic()
        loader.load()
        self.stdout.write(f"Demo data loaded in {time.monotonic() - started:.1f} s.\n")
        self._print_logins(addrport)
        if load_only:
            return
        # Without the reloader: it would start a second process that loads the demo again.
        call_command("runserver", addrport, use_reloader=False)

    def _print_logins(self, addrport):
        rows = [("Role", "Email", "Password", "Look at")]
        rows += [(role, email, data.PASSWORD, look) for role, email, look in loader.logins()]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[3]]))
        self.stdout.write(f"\nOpen http://{addrport}/\n")
