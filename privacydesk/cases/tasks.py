"""Thin tasks: take IDs, call one service. Delivery is idempotent, so late acks are safe."""

from smtplib import SMTPException

from celery import shared_task

from .notifications import notification_deliver, notification_enqueue, notifications_pending_ids


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=10,
)
def send_notification(notification_id: int) -> bool:
    return notification_deliver(notification_id=notification_id)


@shared_task
def dispatch_pending_notifications() -> int:
    """Beat, every minute: re-enqueue what the broker never received (or a killed worker left)."""
    ids = notifications_pending_ids()
    for notification_id in ids:
        notification_enqueue(notification_id=notification_id)
    return len(ids)


@shared_task
def purge_stale_uploads() -> int:
    from .services import staged_uploads_purge

    return staged_uploads_purge()
