"""Thin tasks: take IDs, call one service. Delivery is idempotent, so late acks are safe."""

from smtplib import SMTPException

from celery import shared_task

from .notifications import (
    SEND_NOTIFICATION_TASK,
    DeliveryInterrupted,
    notification_deliver,
    notification_enqueue,
    notifications_pending_ids,
)
from .services import staged_uploads_purge


@shared_task(
    name=SEND_NOTIFICATION_TASK,
    bind=True,
    acks_late=True,
    autoretry_for=(SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=10,
)
def send_notification(self, notification_id: int, claim: str | None = None, already_sent: bool = False) -> bool:
    try:
        return notification_deliver(notification_id=notification_id, claim=claim, already_sent=already_sent)
    except DeliveryInterrupted as interrupted:
        # The database went away mid-delivery: resume this very claim once it is back (the sweep is the backstop).
        kwargs = {"notification_id": notification_id, "claim": interrupted.claim, "already_sent": interrupted.sent}
        raise self.retry(args=(), kwargs=kwargs, countdown=min(5 * 2**self.request.retries, 120)) from interrupted


@shared_task
def dispatch_pending_notifications() -> int:
    """Beat, every minute: re-enqueue what the broker never received (or a killed worker left)."""
    ids = notifications_pending_ids()
    for notification_id in ids:
        notification_enqueue(notification_id=notification_id)
    return len(ids)


@shared_task
def purge_stale_uploads() -> int:
    return staged_uploads_purge()
