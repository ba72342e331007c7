"""Shared fixtures. Services (PostgreSQL, Redis, Chromium) are required in CI and skipped elsewhere.

Parallel runs (pytest-xdist, `make test`): each worker has its own test database (pytest-django) and its own
Redis database (below), and the tests that start real workers or servers are marked `serial` (and put in one
xdist group): `make test` runs them in a second pass, one at a time.
"""

import io
import os
import shutil
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from PIL import Image

from tests.factories import OrganizationFactory

CI = os.environ.get("CI", "").lower() == "true"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def worker_redis_url(url: str, worker: str) -> str:
    """The Redis database of pytest-xdist worker ``gwN``: N below the one TEST_REDIS_URL names, never 0.

    gw0 keeps TEST_REDIS_URL itself; db 0 is where a developer's own desk (`make run`) queues its tasks.
    """
    parsed = urlparse(url)
    number = int(parsed.path.strip("/") or 0) - int(worker.removeprefix("gw"))
    if number < 1:
        raise pytest.UsageError(f"Too many xdist workers for {url}: name a higher Redis database in TEST_REDIS_URL.")
    return parsed._replace(path=f"/{number}").geturl()


def pytest_configure(config):
    """A worker's tasks go to its own Redis database: a real Celery worker started by one test process never
    takes a task queued by another (whose rows are in another test database), nor purges its queue."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    from privacydesk.celery import app

    url = worker_redis_url(settings.TEST_REDIS_URL, worker)
    settings.TEST_REDIS_URL = settings.CELERY_BROKER_URL = url
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
    os.environ["TEST_REDIS_URL"] = url  # for the worker processes and servers a test starts


INTEGRATION = Path(__file__).parent / "integration"  # Celery worker processes, gunicorn, own PostgreSQL and Redis


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects and before xdist groups by xdist_group
def pytest_collection_modifyitems(config, items):
    """Mark `serial` what must not run beside its like: tests/integration and every test of the real worker."""
    for item in items:
        if item.path.is_relative_to(INTEGRATION) or "worker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.serial)
            item.add_marker(pytest.mark.xdist_group("serial"))


def require(available: bool, reason: str) -> None:
    """Skip with a reason on a developer's machine; fail in CI, where every service must be there."""
    if available:
        return
    if CI:
        pytest.fail(f"{reason} (CI must run this test; .ci/run starts the services)")
    pytest.skip(reason)


def redis_available() -> bool:
    url = urlparse(settings.TEST_REDIS_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _service_markers(request):
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        require(connection.vendor == "postgresql", "needs PostgreSQL: set TEST_DATABASE_URL (make test does)")
    if request.node.get_closest_marker("redis"):
        require(redis_available(), f"needs Redis at {settings.TEST_REDIS_URL}")
    if request.node.get_closest_marker("browser"):
        require(shutil.which("chromium") is not None, "needs Debian's chromium (/usr/bin/chromium)")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Japanese). A request to /en/ leaves English active in the thread
    (LocaleMiddleware); with the suite split among workers, what ran before a test is never the same."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def organization(db):
    return OrganizationFactory()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buffer, format=fmt)
    return buffer.getvalue()


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class use_broker:
    """Point the Celery app (producer side) at another broker URL for the duration of a block."""

    def __init__(self, url: str):
        self.url = url

    def _apply(self, url: str) -> None:
        from privacydesk.celery import app

        app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
        app._pool = None  # kombu keeps one pool per broker URL; forget ours so the next publish picks anew
        app.amqp._producer_pool = None

    def __enter__(self):
        from privacydesk.celery import app

        self.old = app.conf.broker_url
        self._apply(self.url)
        return self

    def __exit__(self, *exc):
        self._apply(self.old)


UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def english():
    """Run the test with English active (the default language is Japanese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def sign_in(client, user):
    """A staff session that passed both factors (password and TOTP)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import totp_device_for

    device = totp_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def reception(db, organization):
    from tests.factories import UserFactory

    user = UserFactory(username="uketsuke", role="reception")
    user.organizations.add(organization)
    return user


@pytest.fixture
def supervisor(db, organization):
    from tests.factories import UserFactory

    user = UserFactory(username="sekininsha", role="supervisor")
    user.organizations.add(organization)
    return user


@pytest.fixture
def staff_client(client, reception):
    return sign_in(client, reception)


@pytest.fixture
def worker():
    """A real Celery worker (a thread, solo pool) on the test broker, its queue emptied first."""
    from celery.contrib.testing.worker import start_worker

    from privacydesk.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("celery")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def wait_for(predicate, timeout: float = 20.0) -> None:
    """Poll until ``predicate()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")
