"""Issue #8, staff side, CI size: staff work the same few cases at once while reminders and a print batch run.

The same harness and checks as ``bench/staff_load.py`` (20 staff, 500 letters), smaller: a real gunicorn and a
real Celery worker on the test database and Redis, staff signed in with password and TOTP over HTTP.
"""

import os
import socket

import pytest
from django.conf import settings
from django.db import connection

from bench.run import Gunicorn
from bench.staff_load import deadlocks, prepare, run, summary, verify, wait_reminders_sent
from privacydesk.celery import app
from tests.integration.test_reminder_workers import start_worker, stop

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STAFF, ACTIONS = 8, 25  # each action: the queue, the case page, one change


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(tmp_path, port: int) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings.test",
        "PYTHONPATH": str(settings.BASE_DIR),
        "TEST_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TEST_REDIS_URL": settings.TEST_REDIS_URL,
        "TEST_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        # The harness's client speaks as if behind the HTTPS proxy (as the production bench does).
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
    }


def test_staff_under_load_lose_nothing_and_never_deadlock(organization, tmp_path, capsys):
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    plan = prepare(organization=organization, staff=STAFF, hot=3, pool=10, letters=50)
    port = _free_port()
    server_log = tmp_path / "gunicorn.log"
    server = Gunicorn(_server_env(tmp_path, port), port, 2, server_log)
    dbname = connection.settings_dict["NAME"]
    before = deadlocks(dbname)
    worker = start_worker(tmp_path, "staffload")
    try:
        server.start()
        result = run(port=port, plan=plan, actions=ACTIONS, timeout=240)
        wait_reminders_sent(timeout=60)
    finally:
        server.stop()
        stop(worker)
    delta = deadlocks(dbname) - before
    checked = verify(plan, result, logs=[server_log], mail_dir=tmp_path / "mail")
    with capsys.disabled():
        print("\n" + summary(plan, result, checked, delta))
    assert checked["problems"] == []
    assert delta == 0
    assert result.conflicts, "the same few cases were changed at once: some changes must have been refused"
    assert result.accepted and sum(result.requests.values()) == STAFF * ACTIONS * 3
    assert checked["batch"]["pages"] == 50
