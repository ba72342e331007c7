"""The outbox: each e-mail once, in the requester's language, whatever the broker does."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.utils import timezone, translation

from privacydesk.cases.models import Notification
from privacydesk.cases.notifications import notification_deliver, notifications_pending_ids
from privacydesk.cases.services import case_submit
from tests.cases.helpers import submission
from tests.conftest import UNREACHABLE_BROKER, use_broker

pytestmark = pytest.mark.django_db


def test_acknowledgement_is_written_in_the_requesters_language(organization):
    case = case_submit(organization=organization, submission=submission(language="en"))
    with translation.override("ja"):  # the staff member's or visitor's UI language does not matter
        assert notification_deliver(notification_id=case.notifications.get().pk)
    message = mail.outbox[0]
    assert message.to == ["Taro@Example.com"]
    assert case.reference in message.subject and "We have received" in message.subject
    assert "Dear 山田 太郎," in message.body
    assert f"/en/{organization.slug}/track/{case.reference}/{case.tracking_token()}/" in message.body


def test_a_notification_is_sent_once_however_often_it_is_delivered(organization):
    case = case_submit(organization=organization, submission=submission())
    notification_id = case.notifications.get().pk
    assert notification_deliver(notification_id=notification_id)
    assert not notification_deliver(notification_id=notification_id)
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notification_id).sent_at is not None
    assert case.events.filter(kind="email_sent").count() == 1


def test_a_failed_send_is_released_for_the_retry(organization, settings):
    settings.EMAIL_BACKEND = "tests.cases.test_notifications.FailingBackend"
    case = case_submit(organization=organization, submission=submission())
    notification = case.notifications.get()
    with pytest.raises(SMTPException):
        notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.claimed_at is None and notification.sent_at is None
    assert notification.attempts == 1 and "server said no" in notification.last_error
    assert notification.pk in notifications_pending_ids()


def test_an_agent_receives_the_mail_for_the_person(organization):
    from privacydesk.cases.services import Agent

    agent = Agent(agent_type="appointed", name="代理 花子", email="agent@example.com")
    case = case_submit(organization=organization, submission=submission(agent=agent))
    notification_deliver(notification_id=case.notifications.get().pk)
    assert mail.outbox[0].to == ["agent@example.com"]


def test_submission_succeeds_when_the_broker_is_down(client, organization, django_capture_on_commit_callbacks):
    from tests.cases.helpers import form_data

    with use_broker(UNREACHABLE_BROKER), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/ja/{organization.slug}/request/", form_data())
        response = client.post(f"/ja/{organization.slug}/request/confirm/", {"action": "send"})
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.sent_at is None
    assert notification.pk in notifications_pending_ids()  # the beat sweep will send it


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("server said no")


def _held(case, *, seconds_ago: int):
    """The row as an earlier delivery left it when the database went away: claimed, not sent."""
    claimed_at = timezone.now() - timedelta(seconds=seconds_ago)
    Notification.objects.filter(case=case).update(claimed_at=claimed_at)
    return case.notifications.get().pk, claimed_at.isoformat()


def test_an_interrupted_delivery_resumes_its_own_claim_and_no_other(organization):
    case = case_submit(organization=organization, submission=submission())
    notification_id, claim = _held(case, seconds_ago=5)
    assert not notification_deliver(notification_id=notification_id)  # held by the interrupted delivery
    assert not notification_deliver(notification_id=notification_id, claim=timezone.now().isoformat())
    assert notification_id not in notifications_pending_ids()
    assert notification_deliver(notification_id=notification_id, claim=claim)  # its retry takes it back
    assert len(mail.outbox) == 1 and Notification.objects.get(pk=notification_id).sent_at is not None


def test_a_mail_that_left_before_the_database_went_away_is_only_marked_sent(organization):
    case = case_submit(organization=organization, submission=submission())
    notification_id, claim = _held(case, seconds_ago=5)
    assert notification_deliver(notification_id=notification_id, claim=claim, already_sent=True)
    assert mail.outbox == []  # not sent a second time
    assert Notification.objects.get(pk=notification_id).sent_at is not None
    assert case.events.filter(kind="email_sent").count() == 1


def test_a_dead_workers_claim_is_taken_over_after_the_tasks_time_limit(organization, settings):
    assert settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS > settings.CELERY_TASK_TIME_LIMIT
    case = case_submit(organization=organization, submission=submission())
    notification_id, _claim = _held(case, seconds_ago=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS - 5)
    assert notification_id not in notifications_pending_ids()
    notification_id, _claim = _held(case, seconds_ago=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS + 5)
    assert notification_id in notifications_pending_ids()
    assert notification_deliver(notification_id=notification_id)
    assert len(mail.outbox) == 1
