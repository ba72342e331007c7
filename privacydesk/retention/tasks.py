"""Beat, daily at 03:15: destroy what the retention rules say is due. Safe to run twice or on two workers."""

from celery import shared_task

from .services import purge_expired_data as purge


@shared_task(acks_late=True)
def purge_expired_data() -> int:
    return purge().total
