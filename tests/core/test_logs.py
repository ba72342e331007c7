"""One JSON line per log record, with the context given as ``extra``, for the web, the worker and beat alike."""

import json
import logging
import os
import subprocess
import sys
import threading

import pytest
from django.conf import settings

from privacydesk.core.logs import JsonLineFormatter


def record(**extra) -> logging.LogRecord:
    logger = logging.getLogger("privacydesk.letters.services")
    try:
        raise OSError("disk full\nsecond line")
    except OSError:
        return logger.makeRecord(
            logger.name, logging.ERROR, __file__, 1, "Letter %s failed", (12,), sys.exc_info(), extra=extra
        )


def test_a_record_is_one_line_with_its_case_reference_letter_and_traceback():
    line = JsonLineFormatter().format(record(case="2612-AB12-CD34", letter=12, request=object()))
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "ERROR" and data["logger"] == "privacydesk.letters.services"
    assert data["message"] == "Letter 12 failed" and data["time"].endswith("+00:00")
    assert (data["case"], data["letter"]) == ("2612-AB12-CD34", 12)
    assert "OSError: disk full" in data["exc"]
    assert "request" not in data  # objects given as extra are left out


def test_the_settings_give_every_record_of_the_root_logger_that_line():
    root = settings.LOGGING["root"]
    handler = settings.LOGGING["handlers"][root["handlers"][0]]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "privacydesk.core.logs.JsonLineFormatter"
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False


def first_line_with(command: list[str], message: str, timeout: float = 60) -> dict | None:
    """Start a Celery process and return the first JSON line of its log that has ``message``."""
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "privacydesk.settings.test",
        "TEST_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TEST_REDIS_URL": settings.TEST_REDIS_URL,
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "privacydesk", *command],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        for line in process.stderr:
            if line.startswith("{") and message in line:
                return json.loads(line)
        return None
    finally:
        timer.cancel()
        process.kill()
        process.wait(timeout=10)


@pytest.mark.redis
@pytest.mark.django_db
def test_the_worker_and_beat_log_the_same_lines(tmp_path):
    options = ["-P", "solo", "-Q", "logging-test", "-n", "logs@%h", "--without-mingle", "--without-gossip"]
    worker = first_line_with(["worker", *options, "-l", "INFO"], "ready.")
    assert worker is not None and worker["logger"] == "celery.apps.worker" and worker["level"] == "INFO"
    beat = first_line_with(["beat", "-l", "INFO", "-s", str(tmp_path / "schedule")], "Starting")
    assert beat is not None and beat["logger"] == "celery.beat"
