"""Settings shared by every environment; everything secret or site-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "privacydesk.core",
    "privacydesk.accounts",
    "privacydesk.organizations",
    "privacydesk.cases",
    "privacydesk.audit",
    "privacydesk.deadlines",
    "privacydesk.letters",
    "privacydesk.policies",
    "privacydesk.guides",
    "privacydesk.retention",
    "privacydesk.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Notices a reverse proxy that NUM_PROXIES does not count (log, and `check --deploy`).
    "privacydesk.core.middleware.ForwardedForMiddleware",
    # Cache-Control: no-store on the staff pages, the admin and the requester's own pages.
    "privacydesk.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "privacydesk.core.middleware.PermissionsPolicyMiddleware",
    # Outside everything that may query the database (sessions, auth): a lost database gives the 503 page.
    "privacydesk.core.middleware_db.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "privacydesk.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "privacydesk.urls"
WSGI_APPLICATION = "privacydesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database: the embedded default is a SQLite file; give DATABASE_URL for PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite, for a small desk's load (web, worker and beat writing together):
    # - WAL: readers go on while one connection writes; synchronous=NORMAL is safe with WAL and much faster;
    # - IMMEDIATE: a transaction takes the write lock when it begins, so two transactions that read and then
    #   write queue behind each other instead of one failing at once with "database is locked" (a deferred
    #   transaction cannot wait for a lock it would have to upgrade);
    # - timeout: how long a writer waits for the lock (SQLite's busy timeout), in seconds.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Redis: broker and cache when given; otherwise embedded defaults.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    }

# --- i18n: Japanese first, English as an equal.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tokyo")
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Uploaded documents: outside any public URL, encrypted at rest with a key from the environment.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
FILE_ENCRYPTION_KEY = os.environ.get("FILE_ENCRYPTION_KEY", "")
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
UPLOAD_MAX_FILES = int(os.environ.get("UPLOAD_MAX_FILES", "5"))
UPLOAD_MAX_TOTAL_BYTES = int(os.environ.get("UPLOAD_MAX_TOTAL_BYTES", str(25 * 1024 * 1024)))  # per form sent
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Public forms: abuse limits (submissions per client address per hour; 0 turns the limit off).
SUBMISSION_RATE_LIMIT_PER_HOUR = int(os.environ.get("SUBMISSION_RATE_LIMIT_PER_HOUR", "10"))
LOOKUP_RATE_LIMIT_PER_HOUR = int(os.environ.get("LOOKUP_RATE_LIMIT_PER_HOUR", "10"))
# Lost-link look-ups per reference number, and wrong tracking links per reference number and per address.
LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR = int(os.environ.get("LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR", "5"))
TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = int(os.environ.get("TRACKING_FAILURES_PER_REFERENCE_PER_HOUR", "10"))
TRACKING_FAILURES_PER_ADDRESS_PER_HOUR = int(os.environ.get("TRACKING_FAILURES_PER_ADDRESS_PER_HOUR", "30"))
# How many reverse proxies in front of us append to X-Forwarded-For (0: use REMOTE_ADDR). Behind a proxy, leaving
# it at 0 gives every visitor the proxy's address and one shared budget: `check --deploy` warns (README, Security).
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))

# --- E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PrivacyDesk <no-reply@privacydesk.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery: JSON only, time limits, late acks for our idempotent tasks.
# The broker: CELERY_BROKER_URL, else REDIS_URL. There is no in-memory fallback, which published tasks where no
# worker reads them: without a broker the system check core.E001 stops runserver, migrate and seed_demo.
# `make run` (manage.py rundesk) chooses one before anything publishes and gives it to every process it starts.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Publishing must not hold a customer's request hostage when the broker is down: try briefly, then
# leave the e-mail in the outbox, where the beat sweep picks it up once the broker is back.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Letters: letters per WeasyPrint document in a print file, and when a print file counts as stalled.
LETTER_BATCH_CHUNK = 50
LETTER_BATCH_STALL_SECONDS = int(os.environ.get("LETTER_BATCH_STALL_SECONDS", "300"))
# A letter or print file that fails is tried again after 30 s, 60 s, 120 s, …; after this many failed attempts it
# is FAILED (no sweep picks it up again) until a supervisor tries again from today's mail.
LETTER_MAX_ATTEMPTS = int(os.environ.get("LETTER_MAX_ATTEMPTS", "5"))
LETTER_RETRY_BACKOFF_SECONDS = int(os.environ.get("LETTER_RETRY_BACKOFF_SECONDS", "30"))
# A reminder claimed by a worker that died is claimed again after this long.
REMINDER_CLAIM_TIMEOUT_SECONDS = 600
# A delivery's claim outlives no live task (hard limit CELERY_TASK_TIME_LIMIT): older, it was a dead worker's.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", "180"))
# Pending e-mails younger than this are left to their own task; older ones are re-enqueued by the sweep.
NOTIFICATION_SWEEP_GRACE_SECONDS = int(os.environ.get("NOTIFICATION_SWEEP_GRACE_SECONDS", "30"))
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded broker of `make run` when no Redis is reachable: a real worker, no server.
    _broker_dir = Path(os.environ.get("CELERY_FILESYSTEM_DIR", BASE_DIR / "var" / "broker"))
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_BEAT_SCHEDULE = {
    "dispatch-pending-notifications": {
        "task": "privacydesk.cases.tasks.dispatch_pending_notifications",
        "schedule": float(os.environ.get("NOTIFICATION_SWEEP_SECONDS", "60")),
    },
    "scan-reminders": {
        "task": "privacydesk.deadlines.tasks.scan_reminders",
        "schedule": 300.0,
    },
    "daily-digest": {
        "task": "privacydesk.deadlines.tasks.send_daily_digests",
        "schedule": crontab(hour=8, minute=30),
    },
    "produce-pending-letters": {
        "task": "privacydesk.letters.tasks.produce_pending_letters",
        "schedule": 300.0,
    },
    "resume-stalled-batches": {
        "task": "privacydesk.letters.tasks.resume_stalled_batches",
        "schedule": 120.0,
    },
    "purge-expired-data": {
        "task": "privacydesk.retention.tasks.purge_expired_data",
        "schedule": crontab(hour=3, minute=15),
    },
    "purge-stale-uploads": {
        "task": "privacydesk.cases.tasks.purge_stale_uploads",
        "schedule": 3600.0,
    },
    "monthly-report-summaries": {
        "task": "privacydesk.reports.tasks.send_monthly_summaries",
        "schedule": crontab(hour=8, minute=45),
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Staff: password, then a TOTP code; locked for a while after repeated failures; idle sessions expire.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:queue"
STAFF_IDLE_TIMEOUT_SECONDS = int(os.environ.get("STAFF_IDLE_TIMEOUT_SECONDS", "1800"))
LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_SECONDS = 900
OTP_TOTP_ISSUER = "PrivacyDesk"

# --- Browser security headers (README, "Security"). Production adds HTTPS-only cookies, HSTS and the redirect.
# Database sessions; a lost database on save gives the 503 page, not "400 Bad Request" (privacydesk/core/sessions.py).
SESSION_ENGINE = "privacydesk.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# One-time notices ride in the session: no fourth cookie (the cookie page lists exactly what we set).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # no script of ours reads it
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin: tracking links carry a secret in their path; no other site ever learns a URL of ours.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only our own files: no inline script or style, no third-party origin, no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# Powerful browser features no page of ours uses, switched off for every page (and any frame).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- Logging: one JSON line per record (time, level, logger, message, and the case reference, letter or print
# file given with ``extra``) on standard error, for the web, the Celery worker and beat alike (privacydesk/core/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"()": "privacydesk.core.logs.JsonLineFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (plain text, or only with DEBUG) are replaced: its records reach the root's.
        "django": {"level": "INFO", "propagate": True},
        "django.server": {"level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The worker and beat keep this configuration: Celery adds no handler of its own to the root logger (it still sets
# the level given with -l).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
