from celery import shared_task
from django.conf import settings

from .services import batch_build, batches_stalled_ids, letter_generate


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=5, max_retries=5)
def generate_letter(letter_id: int) -> bool:
    return letter_generate(letter_id=letter_id)


@shared_task(acks_late=True, time_limit=1800, soft_time_limit=1700)
def build_batch(batch_id: int) -> int:
    return batch_build(batch_id=batch_id).done


@shared_task
def produce_pending_letters() -> int:
    """Beat: letters approved but never produced (the broker was down) are produced now."""
    from .models import Letter, LetterStatus

    ids = list(
        Letter.objects.filter(status=LetterStatus.APPROVED, generated_at__isnull=True).values_list("pk", flat=True)[
            :200
        ]
    )
    for letter_id in ids:
        generate_letter.delay(letter_id)
    return len(ids)


@shared_task
def resume_stalled_batches() -> int:
    """Beat: a print file whose worker died is resumed where it stopped (finished chunks are kept)."""
    ids = batches_stalled_ids(older_than_seconds=settings.LETTER_BATCH_STALL_SECONDS)
    for batch_id in ids:
        build_batch.delay(batch_id)
    return len(ids)
