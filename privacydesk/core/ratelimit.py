"""Sliding-window rate limits in the cache, shared by all workers when the cache is Redis.

Hits are counted in fixed buckets of ``window`` seconds; a limit weighs the previous bucket by the share of it
still inside the last ``window`` seconds (the usual sliding-window counter). So a limit of 10 an hour lets about
10 through in any hour — not 10 before and 10 after the turn of the hour, as fixed windows did.

When the cache cannot be reached (Redis down), the limits let everyone through and log a warning: a
customer's submission must not fail because of an abuse limit (bench/faults.py --rate-limit found the 500s).

Limits are per client address, so behind a reverse proxy ``NUM_PROXIES`` must say how many proxies append to
X-Forwarded-For; otherwise every visitor has the proxy's address and the whole site shares one budget.
``ForwardedForMiddleware`` notices that at run time and ``core.checks`` reports it in ``check --deploy``.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

# Set (for a month) when requests came with X-Forwarded-For while NUM_PROXIES was 0: read by ``check --deploy``.
FORWARDED_FOR_UNCOUNTED_KEY = "core:forwarded-for-without-num-proxies"
FORWARDED_FOR_UNCOUNTED_SECONDS = 30 * 24 * 3600


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry our own NUM_PROXIES proxies added to X-Forwarded-For."""
    if settings.NUM_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "")


def forwarded_for_uncounted_record(request: HttpRequest) -> None:
    """A request came through a proxy that NUM_PROXIES does not count: say so in the log and for ``check --deploy``."""
    logger.warning(
        "Requests arrive with X-Forwarded-For but NUM_PROXIES is 0: every client is taken to be %s, so all of "
        "them share one rate-limit budget. Set NUM_PROXIES to the number of reverse proxies in front of the app.",
        request.META.get("REMOTE_ADDR", "?"),
    )
    try:
        cache.set(FORWARDED_FOR_UNCOUNTED_KEY, timezone.now().isoformat(), FORWARDED_FOR_UNCOUNTED_SECONDS)
    except Exception:
        logger.warning("the cache cannot be reached; check --deploy will not know about the proxy", exc_info=True)


def forwarded_for_uncounted_seen() -> str | None:
    """When requests last came with X-Forwarded-For while NUM_PROXIES was 0 (ISO time), if in the last month."""
    return cache.get(FORWARDED_FOR_UNCOUNTED_KEY)


def hit(scope: str, key: str, *, limit: int, window: int = 3600, now: float | None = None) -> bool:
    """Count one hit, unless it would make more than ``limit`` in the last ``window`` seconds: then count nothing
    and return False. ``limit=0``: no limit."""
    if limit <= 0:
        return True
    now = time.time() if now is None else now
    current = _cache_key(scope, key, window, now)  # a digest: no raw address or reference in the cache
    try:
        cache.add(current, 0, timeout=2 * window + 60)  # still there while it is the previous bucket
        try:
            count = cache.incr(current)
        except ValueError:  # expired between add and incr
            cache.set(current, 1, timeout=2 * window + 60)
            count = 1
        if _weighted(cache.get(_cache_key(scope, key, window, now - window)) or 0, count, window, now) > limit:
            cache.decr(current)  # refused: it does not count against the next hour
            return False
    except Exception:
        logger.warning("rate limit %s: the cache cannot be reached; not limiting", scope, exc_info=True)
        return True
    return True


def _weighted(previous: int, current: int, window: int, now: float) -> float:
    """Hits in the last ``window`` seconds, taking the previous bucket's as spread evenly over it."""
    return previous * (1 - (now % window) / window) + current


def _cache_key(scope: str, key: str, window: int, now: float) -> str:
    bucket = int(now // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{bucket}"
