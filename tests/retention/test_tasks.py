"""The daily beat task through a real Celery worker on Redis: it purges what is due, and running it again
(or delivering it twice) destroys and records nothing more."""

import time

import pytest

from privacydesk.cases.models import Case
from privacydesk.celery import app
from privacydesk.retention.models import DestructionRecord, RetentionRule
from privacydesk.retention.tasks import purge_expired_data
from tests.conftest import wait_for

from .helpers import answered_inquiry

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_the_beat_task_is_registered_under_the_scheduled_name(settings):
    name = settings.CELERY_BEAT_SCHEDULE["purge-expired-data"]["task"]
    assert name == purge_expired_data.name == "privacydesk.retention.tasks.purge_expired_data"


def test_the_worker_purges_once_however_often_the_task_runs(organization, reception, worker):
    RetentionRule.objects.create(
        organization=organization,
        data_kind="closed_cases",
        case_kind="inquiry",
        action="delete",
        period_days=0,
        counted_from="closing",
    )
    answered = answered_inquiry(organization, reception)
    for _ in range(3):
        purge_expired_data.delay()
    wait_for(lambda: not Case.objects.filter(pk=answered.pk).exists())
    with app.connection_for_write() as connection:  # the other two deliveries are taken and run too
        wait_for(lambda: connection.default_channel.client.llen("celery") == 0)
    time.sleep(1.0)
    assert DestructionRecord.objects.filter(case_reference=answered.reference).count() == 1
