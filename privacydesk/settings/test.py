"""Tests: fast hasher, locmem e-mail, a temporary private media root.

The database is PostgreSQL when TEST_DATABASE_URL names it (`make test` and .ci/run set it; CI must), else an
in-memory SQLite where the tests that need PostgreSQL skip with a reason. Redis (the Celery broker) is
TEST_REDIS_URL; each pytest-xdist worker gets its own database number (tests/conftest.py).
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

CI = os.environ.get("CI", "").lower() == "true"
_db_url = os.environ.get("TEST_DATABASE_URL")
if not _db_url and CI:
    raise ImproperlyConfigured("CI needs TEST_DATABASE_URL (PostgreSQL); .ci/run and `make test` set it.")
if _db_url:
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=0)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CELERY_BROKER_URL = TEST_REDIS_URL
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_MAX_RETRIES = 1

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789-abcdefghijklmnop"
FILE_ENCRYPTION_KEY = "dGVzdC1vbmx5LWZpbGUta2V5LXRlc3Qtb25seS0wMDA="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Worker processes started by the integration tests write e-mails to files the test counts.
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("TEST_EMAIL_FILE_PATH", tempfile.gettempdir())
LETTER_BATCH_CHUNK = int(os.environ.get("TEST_LETTER_BATCH_CHUNK", "10"))
LETTER_BATCH_STALL_SECONDS = int(os.environ.get("TEST_CLAIM_TIMEOUT", "600"))
REMINDER_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("TEST_CLAIM_TIMEOUT", "600"))
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("TEST_PRIVATE_MEDIA_ROOT") or tempfile.mkdtemp(prefix="privacydesk-test-media-")
)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SITE_URL = "http://testserver"
NOTIFICATION_SWEEP_GRACE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
