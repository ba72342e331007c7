"""A supervisor opens the reports, asks for October 2025 and reads the figures and the charts: in both
languages, accessible (axe) and under the strict CSP (no violation reported by Chromium)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import staff_helpers
from tests.browser.helpers import blocking_violations
from tests.browser.staff_helpers import DeskWorker
from tests.factories import totp_device_for
from tests.reports.conftest import october  # noqa: F401 — the desk whose October is known by hand

language, desk_page = staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_reads_the_report_of_a_month_with_its_charts(desk_page, language, october):  # noqa: F811
    violations = []
    desk_page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    boss = october["boss"]
    worker = DeskWorker(desk_page, language)
    worker.sign_in(boss, totp_device_for(boss))

    worker.follow("Reports")
    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/reports/$"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Reports"))
    worker.choose("Period", "Dates of my choice")
    worker.fill("From", "2025-10-01")
    worker.fill("To", "2025-10-31")
    worker.press("Show the report")

    expect(desk_page.get_by_text("2025-10-01")).not_to_have_count(0)
    arrivals = desk_page.get_by_role("table", name=re.compile(worker.t("Arrivals by kind")))
    expect(arrivals.get_by_role("row")).to_have_count(4)  # header, request, complaint, inquiry
    late = desk_page.get_by_role("table", name=re.compile(worker.t("Late cases")))
    expect(late.get_by_role("row", name=re.compile("C2"))).to_have_count(1)
    for title in ("Arrivals per month", "Outcome shares per right", "Lead-time distribution"):
        chart = desk_page.get_by_role("img", name=re.compile(re.escape(worker.t(title))))
        expect(chart).to_have_count(1)
        expect(chart).to_be_visible()
        assert chart.bounding_box()["height"] > 60
    fees = desk_page.get_by_role("table", name=re.compile(worker.t("Fees of the cases that arrived in the period")))
    expect(fees.get_by_role("row", name=re.compile(worker.t("Outstanding")))).to_contain_text("1,000")

    with desk_page.expect_download() as waiting:
        desk_page.get_by_role("link", name=worker.t("Download the workbook (XLSX)")).click()
    assert waiting.value.suggested_filename == "report-20251001-20251031.xlsx"
    desk_page.get_by_role("region", name=worker.t("Lead times and deadlines")).scroll_into_view_if_needed()
    assert blocking_violations(Axe(), desk_page) == []
    assert violations == []
