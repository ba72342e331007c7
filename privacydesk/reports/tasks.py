"""Beat: on the first business day of the month, the monthly summary to each supervisor, once."""

from smtplib import SMTPException

from celery import shared_task
from django.db import transaction

from .services import monthly_summaries_pending_ids, monthly_summaries_write, monthly_summary_deliver


def _enqueue(ids: list[int]) -> None:
    for summary_id in ids:
        try:
            send_monthly_summary.delay(summary_id)
        except Exception:  # broker down: the next run's sweep sends it
            return


@shared_task
def send_monthly_summaries() -> int:
    written = monthly_summaries_write()
    pending = monthly_summaries_pending_ids()
    transaction.on_commit(lambda: _enqueue(pending))
    return len(written)


@shared_task(
    acks_late=True, autoretry_for=(SMTPException, OSError), retry_backoff=5, retry_backoff_max=600, max_retries=10
)
def send_monthly_summary(summary_id: int) -> bool:
    return monthly_summary_deliver(summary_id=summary_id)
