"""Which deadline applies, and when it falls, for APPI, GDPR and CCPA cases."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from privacydesk.cases.services import case_submit
from privacydesk.organizations.models import DeadlineRule
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
TOKYO = timezone.get_default_timezone()


def filed(org, request_types, received, kind="request"):
    case = case_submit(
        organization=org,
        submission=submission(request_types=request_types),
        received_at=datetime(*received, tzinfo=TOKYO),
    )
    return timezone.localdate(case.ack_due_at), timezone.localdate(case.due_at), case


def test_appi_uses_the_organisations_own_target_in_business_days():
    org = OrganizationFactory(response_target_days=10, ack_target_days=3)
    ack, due, case = filed(org, ["disclosure"], (2026, 4, 24, 11, 0))  # Friday before Golden Week
    assert ack == date(2026, 4, 30)  # 4/27, 4/28, 4/30 (4/29 Showa Day)
    assert due == date(2026, 5, 14)  # Golden Week 4/29 and 5/3–5/6 skipped
    assert case.jurisdiction == "appi"
    assert timezone.localtime(case.due_at).time().hour == 23  # the end of the last day


def test_gdpr_is_one_month_from_receipt_moved_off_a_closed_day():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    _ack, due, case = filed(org, ["gdpr_access"], (2027, 1, 29, 11, 0))  # Friday 29 Jan
    assert due == date(2027, 3, 1)  # 28 Feb 2027 is a Sunday → Monday 1 March
    assert case.jurisdiction == "gdpr"
    _ack, due, _case = filed(org, ["gdpr_access"], (2028, 1, 31, 11, 0))
    assert due == date(2028, 2, 29)  # leap year: the month's last day


def test_ccpa_confirms_within_ten_business_days_and_answers_within_45_days():
    org = OrganizationFactory(ccpa_enabled=True, request_types=["ccpa_know", "ccpa_opt_out"])
    _ack, due, case = filed(org, ["ccpa_know"], (2026, 11, 2, 11, 0))
    assert timezone.localdate(case.requests.get().ack_due_at) == date(
        2026, 11, 17
    )  # California's business days: Veterans Day 11/11 skipped, Japan's 11/3 counts
    assert due == date(2026, 12, 17)
    _ack, due, _case = filed(org, ["ccpa_opt_out"], (2026, 11, 2, 11, 0))
    assert due == date(2026, 11, 24)  # opt-out: 15 California business days (Japan's 11/3 and 11/23 count)


def test_a_desks_old_rule_for_gdpr_is_ignored_the_law_sets_the_clock():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    DeadlineRule.objects.create(organization=org, jurisdiction="gdpr", ack_amount=1, response_amount=5)
    _ack, due, _case = filed(org, ["gdpr_access"], (2026, 11, 30, 11, 0))
    assert due == date(2026, 12, 30)  # one month, not the rule's 5 business days


def test_an_organisations_rule_overrides_the_default():
    org = OrganizationFactory()
    DeadlineRule.objects.create(
        organization=org, jurisdiction="appi", kind="complaint", ack_amount=1, response_amount=5
    )
    _ack, due, _case = filed(org, [], (2026, 11, 24, 11, 0))
    case = case_submit(
        organization=org,
        submission=submission(kind="complaint"),
        received_at=datetime(2026, 11, 24, 11, 0, tzinfo=TOKYO),
    )
    assert timezone.localdate(case.due_at) == date(2026, 12, 1)
    assert due != timezone.localdate(case.due_at)  # the inquiry keeps the default


def test_a_request_received_after_hours_counts_from_the_next_business_day():
    from datetime import time

    org = OrganizationFactory(desk_opens=time(10), desk_closes=time(17), ack_target_days=1)
    ack, _due, _case = filed(org, ["disclosure"], (2026, 11, 27, 18, 0))  # Friday evening
    assert ack == date(2026, 12, 1)  # received Monday 11/30, first day not counted
