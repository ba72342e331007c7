"""The desk's system checks: without a broker nothing starts; behind a reverse proxy that NUM_PROXIES does not
count, `check --deploy` and the log say so."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.test import Client

pytestmark = pytest.mark.django_db

PROXY = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}


def proxy_warnings() -> list:
    return [m for m in run_checks(include_deployment_checks=True) if m.id == "privacydesk.W001"]


def test_requests_through_an_uncounted_proxy_make_check_deploy_warn_and_the_log_say_it_once(caplog, settings):
    settings.NUM_PROXIES = 0
    assert proxy_warnings() == []
    client = Client(**PROXY)
    with caplog.at_level(logging.WARNING, logger="privacydesk.core.ratelimit"):
        for _ in range(3):
            assert client.get("/ja/").status_code == 200
    logged = [r for r in caplog.records if "NUM_PROXIES is 0" in r.getMessage()]
    assert len(logged) == 1 and "10.0.0.2" in logged[0].getMessage()
    (warning,) = proxy_warnings()
    assert "X-Forwarded-For" in warning.msg and "NUM_PROXIES" in warning.hint


def test_no_warning_once_num_proxies_is_set_or_without_a_proxy(caplog, settings):
    Client(REMOTE_ADDR="192.0.2.1").get("/ja/")
    assert proxy_warnings() == []
    settings.NUM_PROXIES = 1
    Client(**PROXY).get("/ja/")
    assert proxy_warnings() == []
    assert "NUM_PROXIES is 0" not in caplog.text


def test_the_warning_stays_until_num_proxies_is_set(settings):
    Client(**PROXY).get("/ja/")
    assert len(proxy_warnings()) == 1
    settings.NUM_PROXIES = 1
    assert proxy_warnings() == []


def test_no_broker_is_an_error(settings):
    settings.CELERY_BROKER_URL = ""
    errors = [e for e in run_checks() if e.id == "core.E001"]
    assert len(errors) == 1 and "REDIS_URL" in errors[0].hint


def test_a_broker_passes(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    assert not [e for e in run_checks() if e.id == "core.E001"]


def test_a_developer_needs_no_broker_to_check_or_make_migrations():
    """Commands that never publish run without one; the same project refuses to migrate without it."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CELERY_BROKER_URL", "CI")}
    env["DJANGO_SETTINGS_MODULE"] = "privacydesk.settings.dev"
    base = Path(settings.BASE_DIR)
    run = [sys.executable, "manage.py"]
    offline = subprocess.run(  # noqa: S603
        [*run, "makemigrations", "--check", "--dry-run"], cwd=base, env=env, capture_output=True
    )
    assert offline.returncode == 0, offline.stderr
    refused = subprocess.run([*run, "check"], cwd=base, env=env, capture_output=True, text=True)  # noqa: S603
    assert refused.returncode != 0 and "core.E001" in refused.stderr
