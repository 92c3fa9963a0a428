from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jumelage.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive of `jumelage backup` into a new installation's empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive written by `jumelage backup`")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created']}: {len(manifest['files'])} files "
            "checked against their checksums."
        )
