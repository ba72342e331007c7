"""`make run` (manage.py rundesk): the broker is chosen once, before anything publishes, and nothing starts without one."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
from urllib.parse import urlparse

import pytest
from django.conf import settings

from privacydesk.core.management.commands.rundesk import choose_broker


def manage(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    """manage.py as `make run` runs it: the development settings, a SQLite file, no broker unless given."""
    base = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "privacydesk.settings.dev"}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_a_broker_seed_demo_refuses_to_start_and_says_why(tmp_path):
    result = manage("seed_demo", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    assert result.returncode != 0
    assert "core.E001" in result.stderr and "No Celery broker is configured" in result.stderr
    assert "Set REDIS_URL" in result.stderr


def test_make_run_publishes_the_demos_tasks_to_the_broker_its_worker_reads(tmp_path):
    """Everything seed_demo published is in the chosen broker's queue, where the worker started next reads it."""
    broker = tmp_path / "broker"
    result = manage(
        "rundesk",
        "--prepare-only",
        env={
            "RUN_BROKER": "filesystem",
            "CELERY_FILESYSTEM_DIR": str(broker),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "Broker: filesystem://" in result.stdout
    tasks = [json.loads(path.read_text())["headers"]["task"] for path in (broker / "queue").iterdir()]
    database = sqlite3.connect(tmp_path / "db.sqlite3")
    notifications = database.execute("SELECT count(*) FROM cases_notification").fetchone()[0]
    letters = database.execute("SELECT count(*) FROM letters_letter").fetchone()[0]
    assert notifications and letters
    assert tasks.count("privacydesk.cases.tasks.send_notification") == notifications  # the acknowledgements
    assert tasks.count("privacydesk.letters.tasks.generate_letter") == letters  # the letters' PDFs


@pytest.mark.redis
def test_with_redis_answering_and_no_redis_url_the_desk_uses_that_redis():
    url = urlparse(settings.TEST_REDIS_URL)
    env, why = choose_broker({"PATH": "/usr/bin"}, redis=(url.hostname, url.port))
    broker = f"redis://{url.hostname}:{url.port}/0"
    assert env["CELERY_BROKER_URL"] == env["REDIS_URL"] == broker
    assert why.startswith(broker)


def test_without_redis_the_desk_uses_the_filesystem_transport():
    env, _why = choose_broker({}, redis=("127.0.0.1", closed_port()))
    assert env["CELERY_BROKER_URL"] == "filesystem://" and "REDIS_URL" not in env


def test_a_broker_given_in_the_environment_is_used_as_given():
    assert choose_broker({"REDIS_URL": "redis://cache:6379/2"})[0]["CELERY_BROKER_URL"] == "redis://cache:6379/2"
    given = {"CELERY_BROKER_URL": "redis://broker:6379/1", "REDIS_URL": "redis://cache:6379/2"}
    assert choose_broker(given)[0]["CELERY_BROKER_URL"] == "redis://broker:6379/1"
    forced = choose_broker({"RUN_BROKER": "filesystem", "REDIS_URL": "redis://cache:6379/2"})[0]
    assert forced["CELERY_BROKER_URL"] == "filesystem://" and "REDIS_URL" not in forced
