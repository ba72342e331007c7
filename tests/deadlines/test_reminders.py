"""The reminder scan, moving the clock: reminders before, an escalation after, each written once."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from privacydesk.cases.services import case_submit
from privacydesk.cases.services import staff as services
from privacydesk.deadlines.models import Reminder
from privacydesk.deadlines.reminders import (
    digests_write,
    reminder_deliver,
    reminder_plans,
    reminders_pending_ids,
    reminders_write,
)
from tests.cases.helpers import submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
TOKYO = timezone.get_default_timezone()


@pytest.fixture
def case(organization, reception, supervisor):
    reception.email, supervisor.email = "uketsuke@desk.example", "boss@desk.example"
    reception.save(), supervisor.save()
    # Received Monday 2 November 2026; due after 10 business days (11/3 and 11/23 are holidays) → 17 November.
    c = case_submit(
        organization=organization, submission=submission(), received_at=datetime(2026, 11, 2, 11, tzinfo=TOKYO)
    )
    services.case_assign(case_id=c.pk, assignee=reception, actor=reception)
    c.refresh_from_db()
    assert timezone.localdate(c.due_at).isoformat() == "2026-11-17"
    return c


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T09:00").replace(tzinfo=TOKYO)


def scan(now) -> list:
    return reminders_write(reminder_plans(now=now))


def test_nothing_is_due_a_week_before(case):
    assert scan(at("2026-11-09")) == []


def test_reminders_three_and_one_business_days_before_then_an_escalation(case, reception, supervisor):
    first = scan(at("2026-11-12"))  # 3 business days left (13, 16, 17)
    assert [(r.kind, r.offset, r.recipient) for r in Reminder.objects.filter(pk__in=first)] == [
        ("reminder", 3, reception)
    ]
    assert scan(at("2026-11-12")) == []  # the same scan again writes nothing
    assert scan(at("2026-11-13")) == []  # 2 left: the 3-day reminder is already written
    second = scan(at("2026-11-16"))
    assert [r.offset for r in Reminder.objects.filter(pk__in=second)] == [1]
    late = scan(at("2026-11-18"))
    assert [(r.kind, r.recipient) for r in Reminder.objects.filter(pk__in=late)] == [("escalation", supervisor)]


def test_each_reminder_is_sent_once_in_the_recipients_language(case, reception):
    reception.language = "ja"
    reception.save()
    scan(at("2026-11-12"))
    ids = reminders_pending_ids()
    assert [reminder_deliver(reminder_id=i) for i in ids] == [True]
    assert [reminder_deliver(reminder_id=i) for i in ids] == [False]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["uketsuke@desk.example"]
    assert case.reference in mail.outbox[0].subject and "営業日" in mail.outbox[0].subject


def test_a_case_waiting_for_the_requester_sends_no_reminder(case, reception):
    services.requester_message_send(case_id=case.pk, actor=reception, body="書類をお送りください。", ask=True)
    assert scan(at("2026-11-16")) == []


def test_the_scan_reads_only_cases_that_are_due(case, organization, django_assert_max_num_queries):
    from privacydesk.cases.demo import bulk_cases_create
    from privacydesk.cases.models import Case

    bulk_cases_create([organization], 200)
    Case.objects.exclude(pk=case.pk).update(due_at=at("2027-06-01"))  # far away
    with django_assert_max_num_queries(4):
        plans = reminder_plans(now=at("2026-11-12"))
    assert [p.case_id for p in plans] == [case.pk]


def test_the_daily_digest_lists_the_staff_members_cases(case, reception):
    assert len(digests_write(now=at("2026-11-13"))) == 1
    assert digests_write(now=at("2026-11-13")) == []  # once a day
    reminder_deliver(reminder_id=Reminder.objects.get(kind="digest").pk)
    assert case.reference in mail.outbox[0].body


def test_send_reminders_dry_run_prints_and_sends_nothing(case, capsys, settings):
    Reminder.objects.all().delete()
    case.__class__.objects.filter(pk=case.pk).update(due_at=timezone.now() + timedelta(hours=30))
    call_command("send_reminders", "--dry-run")
    out = capsys.readouterr().out
    assert case.reference in out and "dry run" in out
    assert not Reminder.objects.exists() and not mail.outbox
