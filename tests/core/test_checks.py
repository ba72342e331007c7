"""The desk's system checks: without a broker, runserver, migrate and seed_demo do not start."""

from django.core.checks import run_checks


def test_no_broker_is_an_error(settings):
    settings.CELERY_BROKER_URL = ""
    errors = [e for e in run_checks() if e.id == "core.E001"]
    assert len(errors) == 1 and "REDIS_URL" in errors[0].hint


def test_a_broker_passes(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    assert not [e for e in run_checks() if e.id == "core.E001"]
