"""The embedded default database (`make run` without DATABASE_URL): SQLite that holds two people working at once."""

import json
import os
import subprocess
import sys

from django.conf import settings

# Run with the development settings and a SQLite file: two threads, each with its own connection, read and then
# write in a transaction, over and over, the way two staff members saving a case at the same moment do.
SCRIPT = """
import json, threading, time
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saved (who integer, n integer)")
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
connection.close()
errors = []
start = threading.Barrier(2)

def work(who):
    start.wait()
    try:
        for n in range(40):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM saved")
                cursor.fetchone()
                time.sleep(0.002)
                cursor.execute("INSERT INTO saved VALUES (%s, %s)", [who, n])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=work, args=(who,)) for who in (1, 2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM saved")
    rows = cursor.fetchone()[0]
print(json.dumps({"errors": errors, "rows": rows, "journal_mode": journal_mode}))
"""


def test_two_people_writing_at_once_on_the_sqlite_file_get_no_database_is_locked(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"errors": [], "rows": 80, "journal_mode": "wal"}
