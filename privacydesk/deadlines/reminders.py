"""Reminders to the assignee before a deadline, escalations to the supervisors after it, a daily digest.

The scan reads only open cases whose deadline is near (the partial index on open cases' due_at), writes
one Reminder row per (kind, case, recipient, deadline, offset) — unique, so running the scan twice or on
two workers at once writes each only once — and delivery claims each row with a conditional UPDATE and
marks it sent, like the requesters' outbox. A worker killed mid-way leaves a claimed row that is claimed
again after REMINDER_CLAIM_TIMEOUT_SECONDS: nothing is lost.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from privacydesk.accounts.models import Role, User
from privacydesk.cases.models import Case
from privacydesk.cases.workflow import OPEN_STATUSES
from privacydesk.organizations.calendar import DeskCalendar, end_of_day

from .models import Reminder

logger = logging.getLogger(__name__)

DEFAULT_OFFSETS = (3, 1)
LOOKAHEAD_DAYS = 21  # calendar days that surely cover the largest reminder offset in business days


@dataclass(frozen=True)
class Plan:
    kind: str
    case_id: int
    reference: str
    recipient_id: int
    recipient: str
    deadline: datetime
    offset: int


def _claim_timeout() -> timedelta:
    return timedelta(seconds=settings.REMINDER_CLAIM_TIMEOUT_SECONDS)


def _offsets(organization) -> list[int]:
    return sorted(set(organization.reminder_offsets or DEFAULT_OFFSETS), reverse=True)


def reminder_plans(*, now: datetime | None = None) -> list[Plan]:
    """What should have been sent by ``now``. Reads only open cases due within the look-ahead."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cases = (
        Case.objects.filter(status__in=OPEN_STATUSES, due_at__lte=now + timedelta(days=LOOKAHEAD_DAYS))
        .select_related("organization", "assignee")
        .order_by("due_at")
    )
    calendars, supervisors, plans = {}, {}, []
    for case in cases:
        org = case.organization
        if org.pk not in calendars:
            calendars[org.pk] = DeskCalendar.for_organization(org)
            supervisors[org.pk] = list(
                User.objects.filter(organizations=org, is_active=True, role__in=[Role.SUPERVISOR, Role.ADMIN])
            )
        calendar = calendars[org.pk]
        if case.due_at < now:
            for boss in supervisors[org.pk]:
                plans.append(Plan("escalation", case.pk, case.reference, boss.pk, boss.username, case.due_at, 0))
            continue
        if case.assignee is None or case.clock_paused_at is not None:
            continue
        left = calendar.business_days_between(today, timezone.localdate(case.due_at))
        due_offsets = [o for o in _offsets(org) if left <= o]
        if due_offsets:  # only the nearest one that is due: no burst of old reminders for a late assignment
            offset = min(due_offsets)
            plans.append(
                Plan("reminder", case.pk, case.reference, case.assignee.pk, case.assignee.username, case.due_at, offset)
            )
    return plans


def reminders_write(plans: list[Plan]) -> list[int]:
    """Write each planned reminder once; returns the ids of the rows this call wrote."""
    written = []
    for plan in plans:
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    kind=plan.kind,
                    case_id=plan.case_id,
                    recipient_id=plan.recipient_id,
                    deadline=plan.deadline,
                    offset=plan.offset,
                )
        except IntegrityError:
            continue  # written by an earlier scan or another worker
        written.append(reminder.pk)
    return written


def reminders_pending_ids(*, limit: int = 1000) -> list[int]:
    now = timezone.now()
    return list(
        Reminder.objects.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout()))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def reminder_deliver(*, reminder_id: int) -> bool:
    now = timezone.now()
    claimed = (
        Reminder.objects.filter(pk=reminder_id, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lte=now - _claim_timeout()))
        .update(claimed_at=now)
    )
    if not claimed:
        return False
    reminder = Reminder.objects.select_related("recipient", "case__organization").get(pk=reminder_id)
    try:
        _message(reminder).send()
    except Exception:
        Reminder.objects.filter(pk=reminder_id).update(claimed_at=None)
        raise
    Reminder.objects.filter(pk=reminder_id).update(sent_at=timezone.now())
    return True


def _case_url(case, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("staff:case", kwargs={"case_id": case.pk})


def _message(reminder: Reminder) -> EmailMessage:
    user = reminder.recipient
    language = user.language or "ja"
    with translation.override(language):
        context = {"reminder": reminder, "user": user, "case": reminder.case}
        if reminder.case:
            context["url"] = _case_url(reminder.case, language)
        if reminder.kind == Reminder.Kind.DIGEST:
            context.update(digest_context(user=user, now=reminder.created_at))
        subject = render_to_string(f"emails/staff/{reminder.kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/staff/{reminder.kind}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def digest_context(*, user: User, now: datetime) -> dict:
    today = timezone.localdate(now)
    mine = Case.objects.filter(assignee=user, status__in=OPEN_STATUSES, due_at__isnull=False).order_by("due_at")
    week_end = end_of_day(today + timedelta(days=7))
    return {
        "overdue": list(mine.filter(due_at__lt=now)),
        "due": list(mine.filter(due_at__gte=now, due_at__lte=week_end)),
        "site_url": settings.SITE_URL,
    }


def digests_write(*, now: datetime | None = None) -> list[int]:
    """One digest per staff member per day, for those who have due or overdue cases."""
    now = now or timezone.now()
    day = end_of_day(timezone.localdate(now))
    horizon = now + timedelta(days=7)
    recipients = (
        User.objects.filter(is_active=True, email__gt="")
        .filter(assigned_cases__status__in=OPEN_STATUSES, assigned_cases__due_at__lte=horizon)
        .distinct()
    )
    written = []
    for user in recipients:
        try:
            with transaction.atomic():
                written.append(Reminder.objects.create(kind=Reminder.Kind.DIGEST, recipient=user, deadline=day).pk)
        except IntegrityError:
            continue
    return written
