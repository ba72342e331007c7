"""``manage.py restore backups/<timestamp>``: a backup made by ``manage.py backup``, into the configured database
and PRIVATE_MEDIA_ROOT.

Checks the manifest's SHA-256s first. Refuses a database that already has tables, or a private folder that
already has files, unless ``--force`` (then the dump's objects replace the existing ones: ``pg_restore --clean``).
Refuses when FILE_ENCRYPTION_KEY is not the key the backup was made with (the files would be unreadable), unless
``--ignore-key``. Afterwards compares the row counts with the manifest.
"""

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import DUMP_NAME, FILES_NAME, MANIFEST_NAME, key_fingerprint, pg_environment, row_counts, sha256_file


class Command(BaseCommand):
    help = "Restore a backup folder (database + encrypted private files) into the configured database."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a folder written by manage.py backup, e.g. backups/20261125T230000Z")
        parser.add_argument("--force", action="store_true", help="restore over a database or folder that has data")
        parser.add_argument("--ignore-key", action="store_true", help="restore although the key differs")

    def handle(self, *args, backup: str, force: bool, ignore_key: bool, **options):
        folder = Path(backup)
        manifest = self._manifest(folder)
        if connection.vendor != "postgresql":
            raise CommandError(f"Restoring needs PostgreSQL (set DATABASE_URL); this database is {connection.vendor}.")
        if not shutil.which("pg_restore"):
            raise CommandError("pg_restore is not installed (Debian: postgresql-client).")
        expected_key = manifest.get("file_encryption_key_fingerprint", "")
        if expected_key and expected_key != key_fingerprint(settings.FILE_ENCRYPTION_KEY) and not ignore_key:
            raise CommandError(
                "FILE_ENCRYPTION_KEY is not the key this backup was made with: the files could not be read. "
                "Set the right key (or pass --ignore-key)."
            )
        db = connection.settings_dict
        existing = row_counts(connection)
        if existing and not force:
            raise CommandError(
                f"The database {db['NAME']} is not empty ({len(existing)} tables). Restore into an empty database, "
                "or pass --force (FORCE=1) to replace its contents."
            )
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        if media.exists() and any(p.is_file() for p in media.rglob("*")) and not force:
            raise CommandError(f"{media} already holds files. Use an empty folder, or pass --force (FORCE=1).")
        connection.close()  # pg_restore --clean must be able to drop what this connection would hold

        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", db["NAME"]]
        if existing:
            command += ["--clean", "--if-exists"]
        proc = subprocess.run(  # noqa: S603 - fixed arguments; the names come from the settings
            [*command, str(folder / DUMP_NAME)], env=pg_environment(db), capture_output=True, text=True
        )
        if proc.returncode:
            raise CommandError(f"pg_restore failed: {proc.stderr.strip()[-2000:]}")

        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / FILES_NAME) as tar:
            tar.extractall(media, filter="data")  # no absolute paths, no links out of the folder
        restored = row_counts(connection)
        differs = {t: (n, restored.get(t)) for t, n in manifest["row_counts"].items() if restored.get(t) != n}
        if differs:
            raise CommandError(f"Restored, but the row counts differ from the manifest: {differs}")
        self.stderr.write(
            f"Restored {db['NAME']} ({sum(restored.values())} rows in {len(restored)} tables, as in the manifest) "
            f"and {manifest['files'][FILES_NAME].get('count', '?')} private files into {media}."
        )

    def _manifest(self, folder: Path) -> dict:
        try:
            manifest = json.loads((folder / MANIFEST_NAME).read_text())
        except (OSError, ValueError) as exc:
            raise CommandError(f"{folder} is not a backup folder: {exc}") from None
        for name, info in manifest["files"].items():
            path = folder / name
            if not path.is_file() or sha256_file(path) != info["sha256"]:
                raise CommandError(f"{path} is missing or does not match its SHA-256 in the manifest.")
        return manifest
