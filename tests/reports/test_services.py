"""The monthly summary goes once per supervisor and month, on the first business day, in their language."""

from datetime import datetime

import pytest
from django.core import mail

from privacydesk.reports.models import MonthlySummary
from privacydesk.reports.services import (
    complaint_themes_set,
    monthly_summaries_pending_ids,
    monthly_summaries_write,
    monthly_summary_deliver,
)
from tests.factories import UserFactory
from tests.reports.conftest import TOKYO

FIRST_BUSINESS_DAY = datetime(2025, 11, 4, 8, 45, tzinfo=TOKYO)  # 1 Nov is a Saturday, 3 Nov Culture Day


def _send_all(now):
    for summary_id in monthly_summaries_write(now=now) + monthly_summaries_pending_ids():
        monthly_summary_deliver(summary_id=summary_id)


def test_nothing_is_written_on_a_day_that_is_not_the_first_business_day(october):
    assert monthly_summaries_write(now=datetime(2025, 11, 3, 8, 45, tzinfo=TOKYO)) == []
    assert monthly_summaries_write(now=datetime(2025, 11, 5, 8, 45, tzinfo=TOKYO)) == []


def test_each_supervisor_gets_one_summary_for_last_month_however_often_the_task_runs(october):
    _send_all(FIRST_BUSINESS_DAY)
    _send_all(FIRST_BUSINESS_DAY)
    assert [m.to for m in mail.outbox] == [["boss@kaku.example"]]  # not the clerk: reception staff
    summary = MonthlySummary.objects.get()
    assert summary.month.isoformat() == "2025-10-01" and summary.sent_at is not None


def test_the_summary_gives_the_headline_figures_in_the_supervisors_language(october):
    japanese = UserFactory(username="sekinin", role="supervisor", email="sekinin@kaku.example", language="ja")
    japanese.organizations.add(october["org"])
    _send_all(FIRST_BUSINESS_DAY)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    english = by_recipient["boss@kaku.example"]
    assert english.subject == "[PrivacyDesk] Monthly summary for 2025-10"
    assert "Cases received: 7" in english.body
    assert "Answered on time: 75.0% (3 of 4)" in english.body
    assert "/en/staff/reports/?period=last_month" in english.body
    ja = by_recipient["sekinin@kaku.example"]
    assert ja.subject == "［PrivacyDesk］2025-10の月次サマリー"
    assert "受付件数：7件" in ja.body
    assert "/ja/staff/reports/?period=last_month" in ja.body


def test_a_claimed_summary_is_not_sent_by_a_second_worker(october):
    (summary_id,) = monthly_summaries_write(now=FIRST_BUSINESS_DAY)
    MonthlySummary.objects.filter(pk=summary_id).update(claimed_at=datetime.now(tz=TOKYO))
    assert monthly_summary_deliver(summary_id=summary_id) is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_complaint_themes_are_replaced_and_shared_within_the_organisation(october):
    c4 = october["org"].cases.get(reference="C4")
    complaint_themes_set(case=c4, names=["billing", "delivery"])
    assert sorted(c4.report_tags.values_list("name", flat=True)) == ["billing", "delivery"]
    complaint_themes_set(case=c4, names=[])
    assert not c4.report_tags.exists()
    assert october["org"].cases.get(reference="C5").report_tags.filter(name="billing").exists()
