"""Pausing while the case waits for the requester, and extending where the law allows."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from privacydesk.cases.models import Case, CaseRequest, Notification
from privacydesk.cases.notifications import notification_deliver
from privacydesk.cases.services import case_submit, case_transition
from privacydesk.cases.services.deadlines import deadline_extend
from privacydesk.cases.services.staff import decision_record
from privacydesk.cases.workflow import Action
from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.calendar import DeskCalendar, add_months
from privacydesk.organizations.clocks import is_japanese_day_off, roll_forward
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_clock_stops_while_the_case_waits_for_the_requester(organization):
    case = case_submit(organization=organization, submission=submission())
    due_before = timezone.localdate(case.due_at)
    case_transition(case_id=case.pk, action=Action.ASK_REQUESTER)
    paused = Case.objects.get(pk=case.pk)
    assert paused.clock_paused_at is not None
    # Time travel: the requester answers 7 calendar days later.
    Case.objects.filter(pk=case.pk).update(clock_paused_at=timezone.now() - timedelta(days=7))
    case_transition(case_id=case.pk, action=Action.REQUESTER_REPLIED)
    resumed = Case.objects.get(pk=case.pk)
    calendar = DeskCalendar.for_organization(organization)
    waited = calendar.business_days_between(timezone.localdate() - timedelta(days=7), timezone.localdate())
    assert timezone.localdate(resumed.due_at) == calendar.add_business_days(due_before, waited)
    assert resumed.clock_paused_at is None
    whats = [e.data["what"] for e in resumed.events.filter(kind="deadline")]
    assert whats == ["set", "paused", "resumed"]


def test_gdpr_extension_runs_three_months_from_receipt_with_reasons_and_a_notice_naming_the_right():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    case = case_submit(
        organization=org,
        submission=submission(request_types=["gdpr_access"], language="en"),
        received_at=timezone.now(),
    )
    right = case.requests.get()
    with pytest.raises(ActionRefused):
        deadline_extend(case_id=case.pk, request_id=right.pk, actor=None, reason=" ")
    deadline_extend(case_id=case.pk, request_id=right.pk, actor=None, reason="The request covers ten years of records.")
    case.refresh_from_db()
    right.refresh_from_db()
    three_months = roll_forward(add_months(timezone.localdate(case.received_at), 3), is_japanese_day_off)
    assert timezone.localdate(right.due_at) == three_months == timezone.localdate(case.due_at)
    assert right.extension_reason == "The request covers ten years of records." and right.extended_at
    event = case.events.filter(kind="deadline").last()
    assert event.data["what"] == "extended" and "ten years" in event.data["reason"]
    notification = Notification.objects.get(case=case, kind="extension")
    notification_deliver(notification_id=notification.pk)
    assert "Extension of the deadline" in mail.outbox[0].subject
    assert "ten years of records" in mail.outbox[0].body
    assert "Request: GDPR: access (Art. 15)" in mail.outbox[0].body
    with pytest.raises(ActionRefused, match="already been extended"):
        deadline_extend(case_id=case.pk, request_id=right.pk, actor=None, reason="again")


def test_appi_allows_no_extension(organization):
    case = case_submit(organization=organization, submission=submission())
    with pytest.raises(ActionRefused, match="allows no extension"):
        deadline_extend(case_id=case.pk, request_id=case.requests.get().pk, actor=None, reason="busy")


# --- A filing that mixes rights keeps a clock per right; the case's date is the earliest open one.
TOKYO = timezone.get_default_timezone()


def mixed(request_types, received, **desk):
    org = OrganizationFactory(gdpr_enabled=True, ccpa_enabled=True, request_types=request_types, **desk)
    case = case_submit(
        organization=org,
        submission=submission(request_types=request_types, language="en"),
        received_at=datetime(*received, tzinfo=TOKYO),
    )
    return case, {r.request_type: r for r in case.requests.all()}


def day(moment):
    return timezone.localdate(moment)


def test_appi_and_gdpr_each_keep_their_own_deadline_and_the_case_is_due_at_the_earliest():
    case, rights = mixed(["disclosure", "gdpr_access"], (2026, 11, 30, 11, 0), response_target_days=10)
    appi, gdpr = rights["disclosure"], rights["gdpr_access"]
    assert (appi.jurisdiction, appi.counts_from, day(appi.due_at)) == ("appi", date(2026, 11, 30), date(2026, 12, 14))
    assert (gdpr.jurisdiction, gdpr.counts_from, day(gdpr.due_at)) == ("gdpr", date(2026, 11, 30), date(2026, 12, 30))
    assert (day(case.due_at), case.jurisdiction) == (date(2026, 12, 14), "appi")


def test_a_slow_appi_target_leaves_the_gdpr_month_first_not_the_other_way_round():
    case, rights = mixed(["disclosure", "gdpr_access"], (2026, 10, 31, 10, 0), response_target_days=30)
    assert day(rights["gdpr_access"].due_at) == date(2026, 11, 30)  # Saturday's receipt counts, unmoved
    assert day(rights["disclosure"].due_at) == date(2026, 12, 16)  # from Monday 2 Nov, 30 desk business days
    assert (day(case.due_at), case.jurisdiction) == (date(2026, 11, 30), "gdpr")


def test_appi_and_ccpa_each_keep_their_own_deadline_and_ccpa_its_confirmation_of_receipt():
    case, rights = mixed(["disclosure", "ccpa_know"], (2027, 3, 13, 10, 0), response_target_days=10, ack_target_days=3)
    ccpa = rights["ccpa_know"]
    assert (ccpa.counts_from, day(ccpa.due_at), day(ccpa.ack_due_at)) == (
        date(2027, 3, 13),
        date(2027, 4, 27),
        date(2027, 3, 26),
    )
    assert rights["disclosure"].ack_due_at is None  # the desk's acknowledgement is the case's
    assert day(case.ack_due_at) == date(2027, 3, 18)  # 3 desk business days from Monday 15 March
    assert day(case.due_at) == day(rights["disclosure"].due_at) == date(2027, 3, 30)  # 22 Mar: substitute holiday


def test_extending_the_gdpr_right_leaves_the_appi_right_and_the_case_keeps_the_earliest():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["disclosure", "gdpr_access"], response_target_days=30)
    case = case_submit(organization=org, submission=submission(request_types=["disclosure", "gdpr_access"]))
    rights = {r.request_type: r for r in case.requests.all()}
    deadline_extend(case_id=case.pk, request_id=rights["gdpr_access"].pk, actor=None, reason="Many systems.")
    gdpr, appi = (CaseRequest.objects.get(pk=rights[t].pk) for t in ("gdpr_access", "disclosure"))
    assert day(gdpr.due_at) == roll_forward(add_months(day(case.received_at), 3), is_japanese_day_off)
    assert (appi.due_at, appi.extended_at) == (rights["disclosure"].due_at, None)
    case.refresh_from_db()
    assert (case.due_at, case.jurisdiction) == (appi.due_at, "appi")  # 30 business days come before 3 months
    with pytest.raises(ActionRefused, match="allows no extension"):
        deadline_extend(case_id=case.pk, request_id=appi.pk, actor=None, reason="busy")


def test_deciding_the_earliest_right_leaves_the_case_due_at_the_next_open_one():
    case, rights = mixed(["disclosure", "gdpr_access"], (2026, 10, 31, 10, 0), response_target_days=30)
    assert case.jurisdiction == "gdpr"
    Case.objects.filter(pk=case.pk).update(identity_verified=True, fee_status="waived")
    decision_record(request_id=rights["gdpr_access"].pk, actor=UserFactory(), decision="granted")
    case.refresh_from_db()
    assert (day(case.due_at), case.jurisdiction) == (date(2026, 12, 16), "appi")


def test_an_extension_is_refused_once_the_rights_first_period_has_passed():
    case, rights = mixed(["gdpr_access"], (2026, 10, 31, 10, 0))  # due Monday 30 November 2026
    with pytest.raises(ActionRefused, match="passed"):
        deadline_extend(case_id=case.pk, request_id=rights["gdpr_access"].pk, actor=None, reason="late")


def test_the_clock_moves_each_right_by_its_own_rule_while_the_case_waits():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["disclosure", "gdpr_access"])
    case = case_submit(organization=org, submission=submission(request_types=["disclosure", "gdpr_access"]))
    before = {r.request_type: day(r.due_at) for r in case.requests.all()}
    case_transition(case_id=case.pk, action=Action.ASK_REQUESTER)
    # Time travel: the requester answers 7 calendar days later.
    Case.objects.filter(pk=case.pk).update(clock_paused_at=timezone.now() - timedelta(days=7))
    case_transition(case_id=case.pk, action=Action.REQUESTER_REPLIED)
    after = {r.request_type: day(r.due_at) for r in CaseRequest.objects.filter(case=case)}
    calendar = DeskCalendar.for_organization(org)
    waited = calendar.business_days_between(timezone.localdate() - timedelta(days=7), timezone.localdate())
    assert after["disclosure"] == calendar.add_business_days(before["disclosure"], waited)
    assert after["gdpr_access"] == roll_forward(before["gdpr_access"] + timedelta(days=7), is_japanese_day_off)
    case.refresh_from_db()
    assert day(case.due_at) == min(after.values()) and case.clock_paused_at is None
