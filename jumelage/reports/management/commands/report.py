"""`jumelage report trip SLUG --lang zh-hant --format pdf --output report.pdf`."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jumelage.reports.models import TripReport
from jumelage.reports.render import FORMATS, trip_report


class Command(BaseCommand):
    help = "Generate a report: `trip SLUG` writes the official trip report of a delegation."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True)
        trip = kinds.add_parser("trip", help="The official trip report of a delegation.")
        trip.add_argument("slug", help="The delegation's slug, e.g. toulouse-2018.")
        trip.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES]
        )
        trip.add_argument("--format", dest="output_format", default="pdf", choices=FORMATS)
        trip.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, kind, slug, lang, output_format, output, **options):
        try:
            content = trip_report(slug, lang, output_format)
        except TripReport.DoesNotExist as error:
            raise CommandError(f"No trip report for the delegation {slug!r}.") from error
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content)} bytes")
