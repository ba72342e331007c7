"""A person in the EU asks the web service's desk (demo desk D) for disclosure under APPI and access under the GDPR,
in English; the desk worker sees two deadlines on the case: APPI's desk target and the GDPR's month."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from privacydesk.cases.models import Case
from privacydesk.organizations.demo import DESKS
from tests.browser import staff_helpers
from tests.browser.helpers import Visitor
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.factories import OrganizationFactory

language, desk_page = staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lumina():
    """Desk D of the demo data: APPI and GDPR rights, answered on the web."""
    return OrganizationFactory(**next(d for d in DESKS if d["slug"] == "lumina-web"))


def ymd(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d")


def test_a_gdpr_and_appi_request_filed_in_english_shows_a_deadline_per_right(page, desk_page, language, lumina):
    visitor = Visitor(page, "en")
    visitor.open("lumina-web/request/")
    visitor.tick("Disclosure")
    visitor.tick("GDPR: access (Art. 15)")
    visitor.fill("Details that help us find the data", "My account since 2021, login ID jane.s")
    visitor.fill("Full name", "Jane Smith")
    visitor.fill("E-mail address", "jane@example.eu")
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")
    expect(page).to_have_url(re.compile(r"/en/lumina-web/request/confirm/$"))
    visitor.press("Send")
    expect(page).to_have_url(re.compile(r"/done/$"))
    case = Case.objects.get(reference=visitor.reference_number())
    rights = {r.request_type: r for r in case.requests.all()}
    appi, gdpr = rights["disclosure"], rights["gdpr_access"]

    user, device = desk_worker(lumina, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(user, device)
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)

    deadlines = worker.section("Deadlines")
    each = deadlines.get_by_role("list", name=worker.t("Deadline of each right")).get_by_role("listitem")
    expect(each).to_have_count(2)
    appi_item = deadlines.get_by_role("listitem", name=worker.t("Disclosure"))
    gdpr_item = deadlines.get_by_role("listitem", name=worker.t("GDPR: access (Art. 15)"))
    expect(appi_item).to_contain_text(worker.t("APPI (Japan)"))
    expect(gdpr_item).to_contain_text(worker.t("GDPR (EU/EEA)"))

    def value(item, term: str):
        return item.get_by_text(worker.t(term), exact=True).locator("xpath=following-sibling::dd[1]")

    expect(value(appi_item, "Answer due")).to_have_text(ymd(appi.due_at))
    expect(value(gdpr_item, "Answer due")).to_have_text(ymd(gdpr.due_at))
    assert ymd(appi.due_at) != ymd(gdpr.due_at) or appi.jurisdiction != gdpr.jurisdiction
    today = timezone.localdate(case.received_at).isoformat()
    expect(value(gdpr_item, "Counts as received on")).to_contain_text(today)  # the day of receipt, never moved
    expect(value(appi_item, "May sue from (APPI Art. 39)")).to_be_visible()
    expect(value(gdpr_item, "May sue from (APPI Art. 39)")).to_have_count(0)
    # Only the GDPR right can be extended, once, with reasons.
    expect(appi_item.locator("summary")).to_have_count(0)
    expect(gdpr_item.locator("summary")).to_have_text(worker.t("Extend the deadline"))
    # The case's own date, which the queue sorts on, is the earlier of the two.
    earliest = min(appi.due_at, gdpr.due_at)
    expect(
        deadlines.get_by_text(worker.t("Response deadline"), exact=True).locator("xpath=following-sibling::dd[1]")
    ).to_contain_text(ymd(earliest))
