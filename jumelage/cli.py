"""The `jumelage` console command: Django's management commands for operators."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jumelage", *sys.argv[1:]])
