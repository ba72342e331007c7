"""A real Celery worker on a real Redis broker sends the e-mails; a broker outage loses none.

The worker runs in a thread of the test process (celery.contrib.testing), consuming from Redis, so the
locmem outbox it writes to is the one this test reads.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from privacydesk.cases.models import Notification
from privacydesk.cases.tasks import dispatch_pending_notifications, send_notification
from privacydesk.celery import app
from tests.cases.helpers import form_data
from tests.conftest import UNREACHABLE_BROKER, use_broker, wait_for

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def submit(client, organization, lang="ja"):
    client.post(f"/{lang}/{organization.slug}/request/", form_data(language=lang))
    response = client.post(f"/{lang}/{organization.slug}/request/confirm/", {"action": "send"})
    assert response.status_code == 302


def test_the_worker_sends_the_acknowledgement(client, organization, worker):
    submit(client, organization, lang="en")
    wait_for(lambda: Notification.objects.filter(sent_at__isnull=False).exists())
    assert len(mail.outbox) == 1
    assert "We have received your message" in mail.outbox[0].subject


def test_a_submission_while_the_broker_is_down_is_mailed_once_the_broker_is_back(client, organization):
    with use_broker(UNREACHABLE_BROKER):
        started = time.monotonic()
        submit(client, organization)
        assert time.monotonic() - started < 5  # the customer is not kept waiting for the broker
    notification = Notification.objects.get()
    assert notification.sent_at is None and not mail.outbox
    # The broker is back: beat's next sweep enqueues what is pending, and the worker sends it.
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("celery")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        dispatch_pending_notifications.delay()
        wait_for(lambda: Notification.objects.filter(sent_at__isnull=False).exists())
    assert len(mail.outbox) == 1


def test_a_task_delivered_twice_sends_one_email(client, organization, worker):
    with use_broker(UNREACHABLE_BROKER):
        submit(client, organization)
    notification = Notification.objects.get()
    send_notification.delay(notification.pk)
    send_notification.delay(notification.pk)
    dispatch_pending_notifications.delay()
    wait_for(lambda: Notification.objects.filter(sent_at__isnull=False).exists())
    time.sleep(1)  # let the other deliveries run
    assert len(mail.outbox) == 1
