"""System checks of the desk's own configuration. Django runs them before runserver, migrate, seed_demo and every
other management command that needs the project (and on `manage.py check`): an error stops the command. The
deployment checks (``check --deploy``) add what only requests can reveal."""

import sys

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .ratelimit import forwarded_for_uncounted_seen

# Commands that only read or write source files and never publish a task: a developer needs no broker for them.
OFFLINE_COMMANDS = frozenset(
    {"makemigrations", "showmigrations", "sqlmigrate", "squashmigrations", "makemessages", "compilemessages"}
)


@register()
def broker_configured(app_configs=None, **kwargs) -> list[Error]:
    """A broker, or nothing starts: published to no broker (or to Celery's in-memory transport, as the old
    fallback did), an acknowledgement e-mail or a letter's PDF would wait for the next sweep, or be lost."""
    if getattr(settings, "CELERY_BROKER_URL", "") or (sys.argv[1:2] and sys.argv[1] in OFFLINE_COMMANDS):
        return []
    return [
        Error(
            "No Celery broker is configured: e-mails and letters would be published where no worker reads them.",
            hint=(
                "Set REDIS_URL (or CELERY_BROKER_URL) in the environment, or start the desk with `make run`, which "
                "chooses one (Redis on 127.0.0.1:6379 when it answers, else kombu's filesystem:// transport) and "
                "gives it to every process it starts."
            ),
            id="core.E001",
        )
    ]


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
