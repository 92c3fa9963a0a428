"""One archive holds an installation: its database (pg_dump, or SQLite's backup API), its
uploaded files, and a manifest of SHA-256 checksums that a restore verifies first."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DATABASE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why, to an operator."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(output: Path) -> dict:
    """Write the database and the media files to the archive `output`; returns its manifest."""
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        _dump_database(root / DATABASE[connection.vendor])
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            shutil.copytree(media, root / "media")
        manifest = {
            "created": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "files": {name: sha256(root / name) for name in _files(root)},
        }
        (root / MANIFEST).write_text(json.dumps(manifest, indent=2))
        with tarfile.open(output, "w:gz") as archive:
            for name in [MANIFEST, *manifest["files"]]:
                archive.add(root / name, arcname=name)
    return manifest


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"])


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client on the configured database (its password in the environment)."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    address = [
        f"--host={db.get('HOST') or 'localhost'}",
        f"--port={db.get('PORT') or 5432}",
        f"--username={db.get('USER') or 'postgres'}",
        f"--dbname={db['NAME']}",
    ]
    done = subprocess.run([*command, *address], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(done.stderr.strip() or f"{command[0]} failed")


def restore(archive_path: Path) -> dict:
    """Bring the archive into this installation, whose database must be empty (no tables),
    after checking every file against the manifest; returns the manifest."""
    if connection.introspection.table_names():
        raise BackupError(
            "The database is not empty: restore only into a new, empty database "
            "(create it, do not migrate it)."
        )
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(root, filter="data")
        manifest = _verified(root)
        _load_database(root / DATABASE[manifest["vendor"]], manifest["vendor"])
        if (root / "media").is_dir():
            shutil.copytree(root / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    return manifest


def _verified(root: Path) -> dict:
    manifest = json.loads((root / MANIFEST).read_text())
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This archive holds a {manifest['vendor']} database; "
            f"this installation uses {connection.vendor}."
        )
    damaged = [
        name
        for name, digest in manifest["files"].items()
        if not (root / name).is_file() or sha256(root / name) != digest
    ]
    if damaged:
        raise BackupError("These files do not match their checksums: " + ", ".join(damaged))
    return manifest


def _load_database(source: Path, vendor: str) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
        return
    _run(["pg_restore", "--no-owner", "--exit-on-error", str(source)])
