"""System checks of the deployment that only requests can reveal (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from .ratelimit import forwarded_for_uncounted_seen


@register(Tags.security, deploy=True)
def forwarded_for_check(app_configs, **kwargs) -> list[Warning]:
    """Requests came with X-Forwarded-For (``ForwardedForMiddleware`` noted it) while NUM_PROXIES is 0."""
    if settings.NUM_PROXIES:
        return []
    try:
        seen = forwarded_for_uncounted_seen()
    except Exception:  # the cache is down: nothing to tell either way
        return []
    if not seen:
        return []
    return [
        Warning(
            f"Requests arrived with X-Forwarded-For (last noticed {seen}) but NUM_PROXIES is 0: every visitor is "
            "taken to have the proxy's address, so the whole site shares one budget of each rate limit.",
            hint="Set NUM_PROXIES to the number of reverse proxies in front of the app that append to "
            "X-Forwarded-For (1 for a single nginx); see README, Security.",
            id="privacydesk.W001",
        )
    ]
