"""Development: `make run`. A dev secret is allowed only here, where DEBUG is on."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
FILE_ENCRYPTION_KEY = os.environ.get("FILE_ENCRYPTION_KEY") or "ZGV2LW9ubHktZmlsZS1rZXktZGV2LW9ubHktMDAwMDA="
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
