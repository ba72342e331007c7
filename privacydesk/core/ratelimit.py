"""A fixed-window rate limit in the cache, shared by all workers when the cache is Redis.

When the cache cannot be reached (Redis down), the limits let everyone through and log a warning: a
customer's submission must not fail because of an abuse limit (bench/faults.py --rate-limit found the 500s).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry our own NUM_PROXIES proxies added to X-Forwarded-For."""
    if settings.NUM_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= settings.NUM_PROXIES:
            return forwarded[-settings.NUM_PROXIES]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, key: str, *, limit: int, window: int = 3600) -> bool:
    """Count one hit; False once ``limit`` hits were counted in the current window. ``limit=0``: no limit."""
    if limit <= 0:
        return True
    cache_key = _cache_key(scope, key, window)  # a digest: no raw address or reference in the cache
    try:
        cache.add(cache_key, 0, timeout=window + 60)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window + 60)
            count = 1
    except Exception:
        logger.warning("rate limit %s: the cache cannot be reached; not limiting", scope, exc_info=True)
        return True
    return count <= limit


def _cache_key(scope: str, key: str, window: int) -> str:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{bucket}"


def exceeded(scope: str, key: str, *, limit: int, window: int = 3600) -> bool:
    """True once ``limit`` hits were counted for ``key`` in the current window (without counting one more)."""
    if limit <= 0:
        return False
    try:
        count = cache.get(_cache_key(scope, key, window)) or 0
    except Exception:
        logger.warning("rate limit %s: the cache cannot be reached; not limiting", scope, exc_info=True)
        return False
    return count >= limit
