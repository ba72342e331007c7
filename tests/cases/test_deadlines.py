"""Pausing while the case waits for the requester, and extending where the law allows."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from privacydesk.cases.models import Case, Notification
from privacydesk.cases.notifications import notification_deliver
from privacydesk.cases.services import case_submit, case_transition
from privacydesk.cases.services.deadlines import deadline_extend
from privacydesk.cases.workflow import Action
from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.calendar import DeskCalendar, add_months
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory

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


def test_gdpr_extension_adds_two_months_with_reasons_and_a_notice_in_the_requesters_language():
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    case = case_submit(organization=org, submission=submission(request_types=["gdpr_access"], language="en"))
    before = timezone.localdate(case.due_at)
    with pytest.raises(ActionRefused):
        deadline_extend(case_id=case.pk, actor=None, reason=" ")
    deadline_extend(case_id=case.pk, actor=None, reason="The request covers ten years of records.")
    case.refresh_from_db()
    after = timezone.localdate(case.due_at)
    calendar = DeskCalendar.for_organization(org)
    assert after == calendar.on_or_after(add_months(before, 2))  # two months, off a closed day
    event = case.events.filter(kind="deadline").last()
    assert event.data["what"] == "extended" and "ten years" in event.data["reason"]
    notification = Notification.objects.get(case=case, kind="extension")
    notification_deliver(notification_id=notification.pk)
    assert "Extension of the deadline" in mail.outbox[0].subject
    assert "ten years of records" in mail.outbox[0].body
    with pytest.raises(ActionRefused, match="already been extended"):
        deadline_extend(case_id=case.pk, actor=None, reason="again")


def test_appi_allows_no_extension(organization):
    case = case_submit(organization=organization, submission=submission())
    with pytest.raises(ActionRefused, match="allows no extension"):
        deadline_extend(case_id=case.pk, actor=None, reason="busy")
