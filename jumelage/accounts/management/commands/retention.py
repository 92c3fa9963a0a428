"""`jumelage retention [--dry-run] [--today YYYY-MM-DD]`: purge or anonymise the personal
data each stage keeps no longer (accounts.retention). Run it daily, from cron or beat;
`--dry-run` lists what it would do, and changes nothing."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jumelage.accounts import retention

SHOWN = 20  # references listed per rule; the audit row keeps them all


class Command(BaseCommand):
    help = "Purge or anonymise the personal data past its retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, change nothing.")
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run=False, today=None, **options):
        day = self._day(today)
        if dry_run:
            for due in retention.plan(day):
                self._report(due.rule.label, len(due.records), due.references, "would be")
            return
        records = retention.apply(day)
        for record in records:
            self._report(record.label, record.count, record.references, "were")
        if not records:
            self.stdout.write("Nothing was due.")

    def _day(self, text):
        if not text:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--today takes a date as YYYY-MM-DD, not {text!r}.") from None

    def _report(self, label, count, references, verb):
        shown = ", ".join(references[:SHOWN]) + (" …" if len(references) > SHOWN else "")
        self.stdout.write(f"{label}: {count} {verb} purged or anonymised. {shown}".rstrip())
