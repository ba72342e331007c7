"""Thin tasks: take IDs, call one service. Production is idempotent, so late acks are safe.

Tasks import services; services never import tasks (they enqueue by these tasks' names, on commit).
A letter or print file that fails is retried with backoff; its failed attempts are counted in the database and
end it after ``LETTER_MAX_ATTEMPTS`` (then it is FAILED and the sweeps leave it alone). A lost database counts no
attempt: it is retried with backoff, and the sweeps pick up whatever is left.
"""

from typing import Any

from celery import shared_task
from django.conf import settings

from .selectors import batches_stalled_ids, letters_pending_ids
from .services import (
    BUILD_BATCH_TASK,
    DATABASE_GONE,
    GENERATE_LETTER_TASK,
    ProductionFailed,
    batch_build,
    batch_enqueue,
    letter_enqueue,
    letter_generate,
    retry_delay,
)

RETRIES: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": DATABASE_GONE,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": settings.LETTER_MAX_ATTEMPTS,
}


@shared_task(name=GENERATE_LETTER_TASK, **RETRIES)
def generate_letter(self, letter_id: int) -> bool:
    try:
        return letter_generate(letter_id=letter_id)
    except ProductionFailed as failed:
        if failed.final:
            return False
        raise self.retry(countdown=retry_delay(failed.attempts)) from failed


@shared_task(name=BUILD_BATCH_TASK, time_limit=1800, soft_time_limit=1700, **RETRIES)
def build_batch(self, batch_id: int) -> int:
    try:
        return batch_build(batch_id=batch_id).done
    except ProductionFailed as failed:
        if failed.final:
            return 0
        raise self.retry(countdown=retry_delay(failed.attempts)) from failed


@shared_task
def produce_pending_letters() -> int:
    """Beat: letters approved but never produced (the broker was down) are produced now; FAILED ones are not."""
    ids = letters_pending_ids()
    for letter_id in ids:
        letter_enqueue(letter_id=letter_id)
    return len(ids)


@shared_task
def resume_stalled_batches() -> int:
    """Beat: a print file whose worker died is resumed where it stopped (finished chunks are kept); FAILED ones
    are not."""
    ids = batches_stalled_ids(older_than_seconds=settings.LETTER_BATCH_STALL_SECONDS)
    for batch_id in ids:
        batch_enqueue(batch_id=batch_id)
    return len(ids)
