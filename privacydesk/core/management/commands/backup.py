"""``manage.py backup``: the database (pg_dump, custom format) and the encrypted private files, with a manifest.

    backups/<UTC timestamp>/database.dump        pg_dump -Fc of the configured database
    backups/<UTC timestamp>/private-files.tar    PRIVATE_MEDIA_ROOT as it is on disk: still encrypted
    backups/<UTC timestamp>/manifest.json        SHA-256 and size of both, row counts, key fingerprint

The file encryption key is NOT in the backup (it is a secret of the environment): keep it apart, or the files
cannot be read after a restore. The manifest holds a fingerprint of the key so ``restore`` can tell a wrong one.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

DUMP_NAME = "database.dump"
FILES_NAME = "private-files.tar"
MANIFEST_NAME = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def key_fingerprint(key: str) -> str:
    """Enough to tell two keys apart, useless to guess one."""
    return hashlib.sha256(b"privacydesk-backup-key-fingerprint:" + key.encode()).hexdigest()[:16] if key else ""


def pg_environment(db: dict) -> dict:
    """libpq's environment for the Django connection settings (no password on the command line)."""
    env = dict(os.environ)
    for name, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    return env


def row_counts(conn) -> dict[str, int]:
    """Exact row count of every table of the public schema."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalog
            counts[table] = cursor.fetchone()[0]
    return counts


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the encrypted private files into backups/<timestamp>/."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BASE_DIR / "backups"), help="parent folder")

    def handle(self, *args, output: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError(f"Backups need PostgreSQL (set DATABASE_URL); this database is {connection.vendor}.")
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = Path(output) / stamp
        folder.mkdir(parents=True, exist_ok=False)
        ignore = Path(output) / ".gitignore"
        if not ignore.exists():  # personal data: never in a commit by mistake
            ignore.write_text("# Backups hold personal data: keep them out of git.\n*\n")
        os.chmod(folder, 0o700)  # personal data: readable by this user only
        db = connection.settings_dict
        dump = folder / DUMP_NAME
        # The row counts and the dump see the same snapshot, so a busy site still gives a manifest that matches.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(connection)
            command = ["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", "-f", str(dump)]
            proc = subprocess.run(  # noqa: S603 - fixed arguments; the names come from the settings
                [*command, db["NAME"]], env=pg_environment(db), capture_output=True, text=True
            )
        if proc.returncode:
            shutil.rmtree(folder, ignore_errors=True)
            raise CommandError(f"pg_dump failed: {proc.stderr.strip()}")
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        files = folder / FILES_NAME
        n_files = 0
        with tarfile.open(files, "w") as tar:
            if media.exists():
                for path in sorted(p for p in media.rglob("*") if p.is_file()):
                    tar.add(path, arcname=str(path.relative_to(media)))
                    n_files += 1
        manifest = {
            "created_at": stamp,
            "database": db["NAME"],
            "files": {
                DUMP_NAME: {"sha256": sha256_file(dump), "bytes": dump.stat().st_size},
                FILES_NAME: {"sha256": sha256_file(files), "bytes": files.stat().st_size, "count": n_files},
            },
            "row_counts": counts,
            "file_encryption_key_fingerprint": key_fingerprint(settings.FILE_ENCRYPTION_KEY),
        }
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for path in folder.iterdir():
            os.chmod(path, 0o600)
        self.stdout.write(f"{folder}")
        self.stderr.write(
            f"Backed up {db['NAME']} ({sum(manifest['row_counts'].values())} rows) and {n_files} private files "
            f"to {folder}. Keep FILE_ENCRYPTION_KEY apart: the files cannot be read without it."
        )
