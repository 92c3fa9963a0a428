from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jumelage.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files, with SHA-256 checksums, to one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="the archive to write (default: jumelage-<UTC time>.tar.gz)"
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        target = Path(output or f"jumelage-{stamp}.tar.gz")
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{target}: {len(manifest['files'])} files, checksums in manifest.json")
