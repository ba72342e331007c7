"""System checks of the desk's own configuration. Django runs them before runserver, migrate, seed_demo and every
other management command that needs the project (and on `manage.py check`): an error stops the command."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def broker_configured(app_configs=None, **kwargs) -> list[Error]:
    """A broker, or nothing starts: published to no broker (or to Celery's in-memory transport, as the old
    fallback did), an acknowledgement e-mail or a letter's PDF would wait for the next sweep, or be lost."""
    if getattr(settings, "CELERY_BROKER_URL", ""):
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
