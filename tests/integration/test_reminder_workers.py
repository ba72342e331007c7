"""Reminders through real Celery worker processes on Redis: each sent once whatever happens.

Workers are separate processes (like production) on the test database; they write e-mails as files, which
the test counts.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from privacydesk.cases.models import Case
from privacydesk.cases.services import case_submit
from privacydesk.cases.services import staff as services
from privacydesk.celery import app
from privacydesk.deadlines.models import Reminder
from privacydesk.deadlines.tasks import scan_reminders
from tests.cases.helpers import submission

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def due_case(organization, reception, supervisor):
    reception.email = "uketsuke@desk.example"
    reception.save()
    case = case_submit(organization=organization, submission=submission())
    services.case_assign(case_id=case.pk, assignee=reception, actor=reception)
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() + timedelta(hours=20))  # 1 business day or less
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    return case


def start_worker(tmp_path, name: str, backend: str = "django.core.mail.backends.filebased.EmailBackend"):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings.test",
        "TEST_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TEST_REDIS_URL": settings.TEST_REDIS_URL,
        "TEST_EMAIL_BACKEND": backend,
        "TEST_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "TEST_CLAIM_TIMEOUT": "3",
        "TEST_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "privacydesk",
            "worker",
            "-P",
            "solo",
            "-n",
            f"{name}@%h",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
    )


def mails(tmp_path) -> int:
    folder = tmp_path / "mail"
    return (
        sum(1 for f in folder.glob("*.log") for line in f.read_text().splitlines() if line.startswith("Subject:"))
        if folder.exists()
        else 0
    )


def wait_for(predicate, timeout=40.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def stop(*workers):
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_the_scan_run_twice_sends_one_reminder(due_case, tmp_path):
    worker = start_worker(tmp_path, "w1")
    try:
        scan_reminders.delay()
        scan_reminders.delay()
        wait_for(lambda: Reminder.objects.filter(sent_at__isnull=False).exists())
        time.sleep(2)
    finally:
        stop(worker)
    assert Reminder.objects.count() == 1
    assert mails(tmp_path) == 1


def test_two_workers_scanning_at_once_send_one_reminder(due_case, tmp_path):
    workers = [start_worker(tmp_path, "w1"), start_worker(tmp_path, "w2")]
    try:
        for _ in range(6):
            scan_reminders.delay()
        wait_for(lambda: Reminder.objects.filter(sent_at__isnull=False).exists())
        time.sleep(3)
    finally:
        stop(*workers)
    assert Reminder.objects.count() == 1
    assert mails(tmp_path) == 1


def test_a_worker_killed_while_sending_loses_nothing_and_sends_once(due_case, tmp_path):
    slow = start_worker(tmp_path, "slow", backend="tests.integration.slow_mail.SlowFileBackend")
    try:
        scan_reminders.delay()
        wait_for(lambda: Reminder.objects.filter(claimed_at__isnull=False).exists())
        time.sleep(1)  # inside the slow send
    finally:
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=10)
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None and mails(tmp_path) == 0
    time.sleep(3.5)  # the dead worker's claim expires
    worker = start_worker(tmp_path, "w2")
    try:
        scan_reminders.delay()  # the next beat scan sweeps what was never sent
        wait_for(lambda: Reminder.objects.filter(sent_at__isnull=False).exists())
        time.sleep(2)
    finally:
        stop(worker)
    assert mails(tmp_path) == 1
