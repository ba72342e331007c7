"""Beat, daily at 03:15: destroy what the retention rules say is due. Safe to run twice or on two workers.

Its own time limits (the default of two minutes is for small tasks): a first run over years of backlog stops
taking new objects after ``BUDGET_SECONDS`` and the next day's run goes on where it stopped.
"""

from celery import shared_task

from .services import purge_expired_data as purge

BUDGET_SECONDS = 45 * 60


@shared_task(acks_late=True, soft_time_limit=BUDGET_SECONDS + 10 * 60, time_limit=BUDGET_SECONDS + 15 * 60)
def purge_expired_data() -> int:
    return purge(time_budget_seconds=BUDGET_SECONDS).total
