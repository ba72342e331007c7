"""E-mails to requesters, through the outbox.

``notification_create`` writes the row inside the caller's transaction and enqueues its delivery after
commit. If the broker is unreachable the row simply stays pending: the beat sweep
(``dispatch_pending_notifications``) enqueues it again once the broker is back. ``notification_deliver``
claims the row with a conditional UPDATE, so two workers never both send it, and a sent row is never sent
again. A claim older than ``NOTIFICATION_CLAIM_TIMEOUT_SECONDS`` (longer than the task's hard time limit, so no
live task still holds it) belongs to a dead worker and may be taken over. If the database goes away in the middle
of a delivery, ``DeliveryInterrupted`` carries the claim (and whether the mail already left) to the task's retry,
which resumes it: the mail is not held back until the claim expires, and not sent twice.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from privacydesk.celery import app as celery_app

from .models import Case, EventKind, Notification, NotificationKind
from .timeline import event_record

logger = logging.getLogger(__name__)
# Published by name: the tasks module imports this one, never the other way round.
SEND_NOTIFICATION_TASK = "privacydesk.cases.tasks.send_notification"

DATABASE_GONE = (OperationalError, InterfaceError)


class DeliveryInterrupted(Exception):
    """The database went away during a delivery: retry with ``claim`` (the claim's timestamp) and ``sent``."""

    def __init__(self, claim: str, sent: bool):
        super().__init__(claim, sent)
        self.claim = claim
        self.sent = sent


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS)


def notification_create(
    *, case: Case, kind: NotificationKind, dedupe_key: str, context: dict | None = None, enqueue: bool = True
) -> None:
    """An outbox row in the caller's transaction; handed to the broker on commit, or (``enqueue=False``) left to
    the sweep, which delivers it within a minute."""
    recipient = case.contact_email
    if not recipient:
        return
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "case": case,
            "kind": kind,
            "recipient": recipient,
            "language": case.language,
            "context": context or {},
        },
    )
    if created and enqueue:
        transaction.on_commit(lambda: notification_enqueue(notification_id=notification.pk))


def notification_enqueue(*, notification_id: int) -> bool:
    """Hand the delivery to the broker; on failure leave it pending for the sweep. Never raises."""
    try:
        celery_app.send_task(SEND_NOTIFICATION_TASK, args=(notification_id,))
    except Exception:  # broker down or unreachable: kombu raises several kinds
        logger.warning("Broker unreachable; notification %s stays in the outbox", notification_id, exc_info=True)
        return False
    return True


def notifications_pending_ids(*, limit: int = 500) -> list[int]:
    """Pending rows older than the grace period (so fresh ones are left to their own task)."""
    now = timezone.now()
    return list(
        Notification.objects.filter(
            sent_at__isnull=True, created_at__lte=now - timedelta(seconds=settings.NOTIFICATION_SWEEP_GRACE_SECONDS)
        )
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout()))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def _claim(notification_id: int, resume: str | None = None) -> datetime | None:
    """Take the row (free, expired, or — ``resume`` — still held by this very delivery); the claim's time."""
    now = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout())
    if resume:
        free |= Q(claimed_at=datetime.fromisoformat(resume))
    taken = (
        Notification.objects.filter(pk=notification_id, sent_at__isnull=True)
        .filter(free)
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    return now if taken else None


def notification_deliver(*, notification_id: int, claim: str | None = None, already_sent: bool = False) -> bool:
    """Send one notification if nobody has; True when this call sent it (or finished sending it).

    ``claim`` and ``already_sent`` come from a ``DeliveryInterrupted`` of an earlier attempt."""
    claimed_at = _claim(notification_id, resume=claim)
    if claimed_at is None:
        return False
    sent = already_sent
    try:
        notification = Notification.objects.select_related("case__organization").get(pk=notification_id)
        if not sent:
            try:
                _render(notification).send()
            except DATABASE_GONE:
                raise
            except Exception as exc:
                Notification.objects.filter(pk=notification_id).update(claimed_at=None, last_error=str(exc)[:300])
                raise
            sent = True
        _mark_sent(notification)
    except DATABASE_GONE as exc:
        raise DeliveryInterrupted(claimed_at.isoformat(), sent) from exc
    return True


def _mark_sent(notification: Notification) -> None:
    notification_id = notification.pk
    with transaction.atomic():
        Notification.objects.filter(pk=notification_id).update(sent_at=timezone.now(), last_error="")
        event_record(
            case=notification.case,
            kind=EventKind.EMAIL_SENT,
            data={"notification": notification.kind, "recipient": notification.recipient},
        )


def tracking_url(case: Case, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "cases:track",
            kwargs={"org": case.organization.slug, "reference": case.reference, "token": case.tracking_token()},
        )
    return f"{settings.SITE_URL}{path}"


def _render(notification: Notification) -> EmailMessage:
    case = notification.case
    with translation.override(notification.language):
        context = {
            "case": case,
            "organization": case.organization,
            "tracking_url": tracking_url(case, notification.language),
            **notification.context,
        }
        subject = render_to_string(f"emails/{notification.kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/{notification.kind}.txt", context)
    # No Reply-To: answers belong on the tracking page, where they join the case (the footer says so).
    return EmailMessage(subject=subject, body=body, to=[notification.recipient])
