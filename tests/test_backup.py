"""`jumelage backup` then `jumelage restore` into a fresh installation: every table's
count and every uploaded file's checksum match; a non-empty database is refused."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from jumelage.core.backups import sha256

# Transactional: pg_dump reads what is committed; the data migrations stay for the others.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def counts(cursor, tables) -> dict:
    found = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        found[table] = cursor.fetchone()[0]
    return found


def checksums(root: Path) -> dict:
    return {str(p.relative_to(root)): sha256(p) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def fresh_database(tmp_path):
    """(DATABASE_URL of a new, empty database of the same kind, a way to open it)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_restored"
    server = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}", lambda: psycopg.connect(f"{server}/{name}")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_elsewhere(archive, database_url, data_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "DATA_DIR": str(data_dir)}
    command = [str(Path(sys.executable).parent / "jumelage"), "restore", str(archive)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_a_backup_restores_every_row_and_file_into_a_fresh_installation(
    rich_world, tmp_path, fresh_database
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    url, open_restored = fresh_database
    done = restore_elsewhere(archive, url, tmp_path / "restored")
    assert done.returncode == 0, done.stderr
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        expected = counts(cursor, tables)
    with open_restored() as restored:
        assert counts(restored.cursor(), tables) == expected
    assert expected["calls_application"] == 1 and expected["calls_attachment"] >= 1
    uploaded = checksums(Path(settings.MEDIA_ROOT))
    assert uploaded and checksums(tmp_path / "restored" / "media") == uploaded


def test_a_restore_into_a_database_that_is_not_empty_is_refused(rich_world, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
