"""The deadline dashboard shows what is overdue; a GDPR case's deadline is extended to three months from receipt,
with notice."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from privacydesk.cases.models import EventKind, Notification, NotificationKind
from privacydesk.cases.services import case_submit
from privacydesk.cases.services.staff import case_assign
from privacydesk.cases.workflow import Status
from privacydesk.core.vocabulary import RequestType
from privacydesk.organizations.calendar import add_months
from privacydesk.organizations.clocks import is_japanese_day_off, roll_forward
from tests.browser import staff_helpers
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory

# Fixtures of the staff tests (conftest.py belongs to the public-side tests).
desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "The request covers eleven years of call recordings, which we must review one by one."


def ymd(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


def test_the_dashboard_lists_an_overdue_case_of_mine_under_overdue(desk_page, language, desk):
    worker_user, device = desk_worker(desk, "reception", "uketsuke")
    overdue = case_submit(organization=desk, submission=submission(), received_at=timezone.now() - timedelta(days=120))
    case_assign(case_id=overdue.pk, assignee=worker_user, actor=worker_user)
    elsewhere = case_submit(  # another desk's case: not this worker's business
        organization=OrganizationFactory(), submission=submission(), received_at=timezone.now() - timedelta(days=120)
    )
    overdue.refresh_from_db()

    worker = DeskWorker(desk_page, language)
    worker.sign_in(worker_user, device)
    worker.follow("Deadlines")

    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/deadlines/$"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Deadlines"))
    under_overdue = worker.section("Overdue")
    expect(under_overdue.get_by_role("listitem")).to_have_count(1)
    expect(under_overdue.get_by_role("listitem")).to_contain_text(
        f"{overdue.reference} · {ymd(overdue.due_at)} · {worker.label(Status.RECEIVED)}"
    )
    expect(under_overdue).to_contain_text(worker_user.username)
    expect(under_overdue).not_to_contain_text(elsewhere.reference)
    for empty in ("Due today", "Due this week"):
        expect(worker.section(empty).get_by_role("listitem")).to_have_text([worker.t("None")])

    per_assignee = worker.section("Per assignee").get_by_role("row", name=re.compile(worker_user.username))
    expect(per_assignee.get_by_role("cell")).to_have_text([worker_user.username, "1", "0", "0"])
    org_name = desk.name_en if language == "en" else desk.name_ja
    per_organisation = worker.section("Per organisation").get_by_role("row", name=re.compile(re.escape(org_name)))
    expect(per_organisation.get_by_role("cell")).to_have_text([org_name, "1", "0", "0"])

    under_overdue.get_by_role("link", name=overdue.reference).click()
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(overdue.reference)
    expect(worker.section("Deadlines").get_by_role("heading")).to_contain_text(worker.t("Overdue"))
    desk_page.go_back()
    expect(under_overdue).to_be_visible()


@pytest.fixture
def gdpr_desk():
    types = [t.value for t in RequestType if t.jurisdiction == "appi"] + [RequestType.GDPR_ACCESS.value]
    return OrganizationFactory(gdpr_enabled=True, request_types=types)


def test_a_gdpr_deadline_is_extended_to_three_months_from_receipt_and_the_requester_is_told_in_their_language(
    desk_page, language, gdpr_desk
):
    requester_language = "ja" if language == "en" else "en"  # the desk worker's language is not the requester's
    case = case_submit(
        organization=gdpr_desk,
        submission=submission(request_types=[RequestType.GDPR_ACCESS.value], language=requester_language),
    )
    first_due = case.due_at
    # At most three months from the day of receipt, off a Japanese weekend or national holiday (not the closure).
    new_due = roll_forward(add_months(timezone.localdate(case.received_at), 3), is_japanese_day_off).isoformat()
    user, device = desk_worker(gdpr_desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(user, device)
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)

    deadlines = worker.section("Deadlines")
    response_deadline = deadlines.get_by_text(worker.t("Response deadline"), exact=True).locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(response_deadline).to_contain_text(ymd(first_due))
    worker.unfold("Extend the deadline")
    worker.fill("Reason for the extension (sent to the requester)", REASON)
    worker.press("Extend and notify the requester")

    expect(worker.flash()).to_have_text(worker.t("The deadline has been extended and the requester has been told."))
    expect(response_deadline).to_contain_text(new_due)
    expect(deadlines).to_contain_text(f"{timezone.localdate().isoformat()}: {REASON}")
    expect(deadlines.locator("summary")).to_have_count(0)  # once only
    extended = worker.timeline_entries(EventKind.DEADLINE).last
    expect(extended).to_contain_text(new_due)
    expect(extended).to_contain_text(REASON)

    notice = Notification.objects.get(case=case, kind=NotificationKind.EXTENSION)
    assert (notice.language, notice.recipient) == (requester_language, case.email)
    assert notice.context["new_due"].startswith(new_due)
