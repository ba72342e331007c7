"""Every main page under the strict Content-Security-Policy in Chromium: no violation, no request off this machine.

The policy blocks inline scripts, inline styles and style attributes, and any other origin. A violation shows
both as a console message ("Refused to …", "… Content Security Policy …") and as a ``securitypolicyviolation``
event; both are collected for every page, and every request the page makes is checked to stay on loopback.
"""

import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from privacydesk.letters.services import letter_draft
from tests.browser import staff_helpers
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import Visitor
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.cases.test_staff_permissions import EXPECTED
from tests.letters.helpers import decided_request

desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


class Watch:
    """What the browser refused or fetched while the test went through its pages."""

    def __init__(self, page: Page):
        self.page = page
        self.console: list[str] = []
        self.events: list[str] = []
        self.offsite: list[str] = []
        self.pages: list[str] = []
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text or "Permissions-Policy" in text:
            self.console.append(f"{self.page.url}: {text}")

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in LOOPBACK:
            self.offsite.append(request.url)

    def check(self) -> None:
        """Collect the events of the page now shown (call it on every page before leaving it)."""
        self.page.wait_for_load_state("load")
        self.pages.append(self.page.url)
        self.events += [f"{self.page.url}: {v}" for v in self.page.evaluate("window.__violations || []")]

    def assert_clean(self) -> None:
        assert self.console == [], self.console
        assert self.events == [], self.events
        assert self.offsite == [], self.offsite


def visit(watch: Watch, path: str) -> None:
    response = watch.page.goto(path)
    assert response is not None and response.status < 500, path
    assert "default-src 'self'" in response.headers.get("content-security-policy", ""), path
    watch.check()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_public_pages_run_under_the_policy(page, lang, settings):
    from tests.factories import OrganizationFactory

    org = OrganizationFactory(slug="kaku-trading")
    watch = Watch(page)
    visitor = Visitor(page, lang)
    for path in ("", "kaku-trading/", "kaku-trading/track/", "kaku-trading/calendar/", "kaku-trading/request-form/"):
        visit(watch, f"/{lang}/{path}")
    visit(watch, f"/{lang}/no-such-desk/")  # the 404 page
    # The request form, with its errors, then filled in: confirmation, done, tracking page.
    visit(watch, f"/{lang}/kaku-trading/request/")
    visitor.press("Continue to confirmation")
    expect(page.locator(".is-invalid").first).to_be_visible()
    watch.check()
    for kind in ("inquiry", "complaint"):
        visit(watch, f"/{lang}/kaku-trading/{kind}/")
    visitor.fill("Subject", "保有個人データについて")
    visitor.fill("Details", "教えてください。")
    visitor.fill("Full name", "山田 太郎")
    visitor.fill("E-mail address", "taro@example.com")
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")
    expect(page).to_have_url(re.compile(r"/complaint/confirm/$"))
    watch.check()
    visitor.press("Send")
    expect(page).to_have_url(re.compile(r"/done/$"))
    watch.check()
    visitor.follow("Follow your case")
    expect(page).to_have_url(re.compile(r"/track/[^/]+/\w+/$"))
    watch.check()
    assert org.cases.count() == 1
    # Too many wrong links: the 429 page.
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 1
    wrong = f"/{lang}/kaku-trading/track/2611-AAAA-BBBB/{'0' * 32}/"
    visit(watch, wrong)
    visit(watch, wrong)
    expect(page.get_by_role("heading", level=1)).to_have_text(visitor.t("Too many attempts"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"test_csp_too_many_attempts_{lang}.png"), full_page=True)
    assert len(watch.pages) >= 14
    watch.assert_clean()


def test_the_staff_pages_the_letter_preview_and_the_admin_run_under_the_policy(desk_page, language, desk):
    reception, _reception_device = desk_worker(desk, "reception", "uketsuke")
    supervisor, supervisor_device = desk_worker(desk, "supervisor", "sekininsha")
    supervisor.is_staff = supervisor.is_superuser = True
    supervisor.save()
    case = decided_request(desk, reception, supervisor, language="ja", decision="refused")
    letter = letter_draft(case=case, kind="refusal", actor=reception)

    watch = Watch(desk_page)
    worker = DeskWorker(desk_page, language)
    visit(watch, f"/{language}/staff/login/")
    worker.sign_in(supervisor, supervisor_device)
    watch.check()
    # Every staff page without an object in its URL (from the permission matrix), the case and the preview.
    downloads = {"export", "mailing_list", "report_csv", "report_workbook", "report_review"}  # files, not pages
    pages = [
        ("staff:" + name, {})
        for name, (method, obj, _) in EXPECTED.items()
        if method == "get" and not obj and name not in downloads
    ]
    pages += [("staff:case", {"case_id": case.pk}), ("staff:letter_preview", {"letter_id": letter.pk})]
    with translation.override(language):
        paths = [reverse(name, kwargs=kwargs) for name, kwargs in pages]
    for path in paths:
        visit(watch, path)
    # The letter preview places the envelope window without a style attribute.
    window = desk_page.locator(".letter-sheet .window")
    assert window.get_attribute("style") and "mm" in window.evaluate("w => w.style.top")
    assert desk_page.locator(".letter-sheet [style]").count() == desk_page.locator("[data-preview-style]").count()
    # The Django admin (desk set-up) under the same policy.
    for path in (
        "/admin/",
        "/admin/organizations/organization/",
        f"/admin/organizations/organization/{desk.pk}/change/",
    ):
        visit(watch, path)
        expect(desk_page.locator("#content")).to_be_visible()
    watch.assert_clean()
