"""Benchmark settings: production settings plus a middleware that reports SQL per request in headers.

Everything else (secrets, database, Redis, SSL redirect, rate limits) comes from the environment exactly as in
production; ``bench/run.py`` sets it.
"""

from privacydesk.settings.prod import *  # noqa: F403
from privacydesk.settings.prod import BASE_DIR, MIDDLEWARE

# Outermost, so that it also sees the session, auth and OTP queries of the other middleware.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

# collectstatic writes here (git-ignored) instead of var/staticfiles, so that the bench only writes under bench/.
STATIC_ROOT = BASE_DIR / "bench" / "results" / "_staticfiles"
