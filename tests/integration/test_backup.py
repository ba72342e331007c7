"""Backups: `manage.py backup`, then `manage.py restore` into an EMPTY new database and a new private folder.

The restore runs as a separate process (as `make restore` does) against a database created for the test on the
shared PostgreSQL server and dropped afterwards; the test compares the rows and decrypts the restored files.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from privacydesk.cases.models import AttachmentKind, Case
from privacydesk.cases.services import case_submit, staged_upload_create
from privacydesk.cases.uploads import CheckedFile
from privacydesk.core.management.commands.backup import row_counts
from privacydesk.core.storage import _fernet
from privacydesk.letters.models import Letter
from privacydesk.letters.services import letter_draft
from tests.cases.helpers import submission
from tests.conftest import PDF_BYTES, image_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def server_url(dbname: str) -> str:
    db = connection.settings_dict
    return f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"


@pytest.fixture
def seeded(organization, reception):
    """Two cases; one with an encrypted identity document and a letter with its (encrypted) PDF."""
    png = image_bytes()
    staged = staged_upload_create(
        session_key="backup-test",
        checked=CheckedFile(png, "image/png", hashlib.sha256(png).hexdigest(), "licence.png"),
        kind=AttachmentKind.OTHER,
    )
    case = case_submit(organization=organization, submission=submission(subject="開示請求"), staged_uploads=[staged])
    case_submit(organization=organization, submission=submission())
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception, body="受け付けました。")
    letter.pdf.save("letter.pdf", ContentFile(PDF_BYTES), save=True)
    return {"case": case, "png": png, "letter": letter}


@pytest.fixture
def empty_database():
    name = f"h_faults_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def backup(tmp_path) -> Path:
    call_command("backup", output=str(tmp_path / "backups"))
    (folder,) = (p for p in (tmp_path / "backups").iterdir() if p.is_dir())
    return folder


def restore_in_new_process(folder: Path, dbname: str, media: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings.test",
        "TEST_DATABASE_URL": server_url(dbname).replace("postgresql://", "postgres://"),
        "TEST_PRIVATE_MEDIA_ROOT": str(media),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", str(folder), *extra],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_backup_restored_into_an_empty_database_has_the_same_rows_and_readable_files(
    seeded, tmp_path, empty_database
):
    folder = backup(tmp_path)
    assert {p.name for p in folder.iterdir()} == {"database.dump", "private-files.tar", "manifest.json"}
    media = tmp_path / "restored-private"
    done = restore_in_new_process(folder, empty_database, media)
    assert done.returncode == 0, done.stderr

    original_counts = row_counts(connection)
    with psycopg.connect(server_url(empty_database)) as restored:
        tables = [r[0] for r in restored.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        counts = {t: restored.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        cases = restored.execute("SELECT reference, subject, email, submission_key FROM cases_case ORDER BY id")
        cases = cases.fetchall()
        attachment = restored.execute("SELECT file, sha256 FROM cases_attachment").fetchone()
        letter = restored.execute("SELECT pdf, body, number FROM letters_letter").fetchone()
    assert counts == original_counts and counts["cases_case"] == 2
    assert cases == list(Case.objects.order_by("id").values_list("reference", "subject", "email", "submission_key"))
    original = seeded["case"].attachments.get()
    assert attachment == (original.file.name, original.sha256)
    assert letter == (seeded["letter"].pdf.name, "受け付けました。", seeded["letter"].number)

    # The files came back still encrypted, and the key (kept apart from the backup) opens them.
    stored = (media / attachment[0]).read_bytes()
    assert seeded["png"] not in stored
    assert _fernet(settings.FILE_ENCRYPTION_KEY).decrypt(stored) == seeded["png"]
    assert _fernet(settings.FILE_ENCRYPTION_KEY).decrypt((media / letter[0]).read_bytes()) == PDF_BYTES
    assert Letter.objects.get().pdf.open().read() == PDF_BYTES  # the original is untouched


def test_restore_refuses_a_database_that_is_not_empty(seeded, tmp_path):
    folder = backup(tmp_path)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))
    assert Case.objects.count() == 2


def test_restore_refuses_a_damaged_backup(seeded, tmp_path, empty_database):
    folder = backup(tmp_path)
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    with open(damaged / "private-files.tar", "r+b") as handle:
        handle.seek(600)
        handle.write(b"X")
    done = restore_in_new_process(damaged, empty_database, tmp_path / "media")
    assert done.returncode != 0 and "does not match its SHA-256" in done.stderr
    with psycopg.connect(server_url(empty_database)) as restored:
        assert restored.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0


def test_restore_refuses_the_wrong_encryption_key(seeded, tmp_path, settings):
    folder = backup(tmp_path)
    settings.FILE_ENCRYPTION_KEY = "another-key"
    with pytest.raises(CommandError, match="FILE_ENCRYPTION_KEY is not the key"):
        call_command("restore", str(folder))
