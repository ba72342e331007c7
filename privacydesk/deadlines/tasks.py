"""Beat: scan for due reminders, sweep what was never delivered, send the daily digest."""

from smtplib import SMTPException

from celery import shared_task
from django.db import transaction

from .reminders import digests_write, reminder_deliver, reminder_plans, reminders_pending_ids, reminders_write


def _enqueue(ids: list[int]) -> None:
    for reminder_id in ids:
        try:
            send_reminder.delay(reminder_id)
        except Exception:  # broker down: the next scan's sweep sends it
            return


@shared_task
def scan_reminders() -> int:
    written = reminders_write(reminder_plans())
    pending = reminders_pending_ids()
    transaction.on_commit(lambda: _enqueue(pending))
    return len(written)


@shared_task(
    acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=5, retry_backoff_max=600, max_retries=10
)
def send_reminder(reminder_id: int) -> bool:
    return reminder_deliver(reminder_id=reminder_id)


@shared_task
def send_daily_digests() -> int:
    written = digests_write()
    _enqueue(written)
    return len(written)
