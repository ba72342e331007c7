"""The procedure guide, the FAQ and the cookie page as visitors and desk staff use them, in Japanese and English.

axe-core checks every public page of the guides: no serious or critical violation. The cookie test drives the
real forms and compares what the browser ends up holding with what the cookie page says.
"""

import io
import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils.text import capfirst
from playwright.sync_api import expect

from privacydesk.guides.models import FaqEntry
from tests.browser import staff_helpers
from tests.browser.helpers import Visitor, blocking_violations
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.factories import OrganizationFactory

desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["ja", "en"]


def test_the_guide_faq_and_cookie_pages_have_no_serious_accessibility_violations(page):
    call_command("seed_demo", stdout=io.StringIO())
    axe, found = Axe(), []
    for lang in LANGUAGES:
        visitor = Visitor(page, lang)
        # toto-voicenet: fee per contract, visit/FAX/post; aoba-cloud: FAQ entries in Japanese only; lumina-web: GDPR
        for path in ("toto-voicenet/guide/", "lumina-web/guide/", "aoba-cloud/faq/", "minato-line/faq/", "cookies/"):
            visitor.open(path)
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            found += blocking_violations(axe, page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_shows_the_desks_procedure_and_prints_without_the_navigation(page, lang):
    call_command("seed_demo", stdout=io.StringIO())
    visitor = Visitor(page, lang)
    visitor.open("toto-voicenet/")
    visitor.follow("Procedure guide")
    expect(page).to_have_url(re.compile(rf"/{lang}/toto-voicenet/guide/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(visitor.t("Procedure guide"))
    expect(page.locator("main").get_by_text("03-5555-0102")).to_be_visible()  # the desk's FAX number, from its settings
    expect(page.get_by_role("button", name=visitor.t("Print this guide"))).to_be_visible()
    visitor.follow("Printable request form, to send by post or FAX")
    expect(page).to_have_url(re.compile(rf"/{lang}/toto-voicenet/request-form/$"))
    page.go_back()
    page.emulate_media(media="print")
    expect(page.locator("header")).to_be_hidden()
    expect(page.get_by_role("button", name=visitor.t("Print this guide"))).to_be_hidden()
    expect(page.get_by_role("heading", name=visitor.t("What to prepare"))).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_landing_pages_links_reach_the_policy_the_notice_the_guide_and_the_faq(page, lang):
    call_command("seed_demo", stdout=io.StringIO())
    visitor = Visitor(page, lang)
    for link, path in (
        ("Privacy policy", "policy/"),
        ("Public notice on retained personal data", "notice/"),
        ("Procedure guide", "guide/"),
        ("Frequently asked questions", "faq/"),
    ):
        visitor.open("minato-line/")
        nav = page.get_by_role("navigation", name=visitor.t("Before you start"))
        with page.expect_navigation() as navigation:
            nav.get_by_role("link", name=visitor.t(link), exact=True).click()
        assert navigation.value.status == 200, (link, navigation.value.status)
        expect(page).to_have_url(re.compile(rf"/{lang}/minato-line/{path}$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    visitor.open("minato-line/request/")
    for link, path in (("privacy policy", "policy/"), ("procedure guide", "guide/")):
        # the form's sentence says "privacy policy" mid-sentence; its Japanese is the page title's word
        name = re.compile(rf"^{re.escape(visitor.t(link.capitalize()))}$", re.IGNORECASE)
        href = page.locator("main").get_by_role("link", name=name).get_attribute("href")
        assert href == f"/{lang}/minato-line/{path}"


def cookie_names_listed(page) -> set[str]:
    return {name.strip() for name in page.locator("#cookie-table .cookie-name").all_inner_texts()}


def test_the_browser_holds_exactly_the_cookies_the_cookie_page_lists_and_talks_to_no_one_else(page, live_server):
    OrganizationFactory(slug="kaku-trading")
    origin = urlparse(live_server.url)
    requested_hosts, set_cookies = set(), set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).hostname or request.url[:10]))

    def remember_cookies(response):
        header = response.header_value("set-cookie") or ""
        set_cookies.update(m.group(1) for m in re.finditer(r"(?:^|\n)\s*([^=;\s]+)=", header))

    page.on("response", remember_cookies)
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/")
    visitor.follow("Send an inquiry")
    visitor.fill("Subject", "保有している情報について")
    visitor.fill("Details", "どのような情報を保有していますか。")
    visitor.fill("Full name", "山田 太郎")
    visitor.fill("E-mail address", "taro@example.com")
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")
    visitor.press("Send")
    expect(page).to_have_url(re.compile(r"/done/$"))
    visitor.follow("Follow your case")
    visitor.fill("Your message", "追加の質問です。")
    visitor.press("Send")  # a notice carried to the next page
    expect(visitor.shows("Thank you. We have received your message.")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    held = {cookie["name"] for cookie in page.context.cookies()}

    Visitor(page, "en").follow("Cookies and what we store in your browser")
    expect(page).to_have_url(re.compile(r"/en/cookies/$"))
    listed = cookie_names_listed(page)
    assert held | set_cookies == listed, (held, set_cookies, listed)
    assert {"sessionid", "csrftoken", "django_language"} <= held
    assert stored == [0, 0]
    assert requested_hosts == {origin.hostname}, requested_hosts
    assert all(cookie["domain"] in (origin.hostname, f".{origin.hostname}") for cookie in page.context.cookies())


def test_staff_add_an_faq_entry_and_the_public_sees_it(desk_page, desk, language):
    user, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(user, device)
    desk_page.get_by_role("link", name=worker.t("FAQ"), exact=True).click()
    expect(desk_page.get_by_role("heading", level=1)).to_contain_text(worker.t("FAQ"))
    worker.follow("Add a question")
    worker.fill("Question (Japanese)", "手数料はいくらですか。")
    worker.fill(capfirst(worker.t("answer (Japanese)")), "開示は1,000円（税込）です。\nその他は無料です。")
    worker.fill("Question (English)", "How much is the fee?")
    worker.fill(capfirst(worker.t("answer (English)")), "Disclosure costs 1,000 yen.\nEverything else is free.")
    found = blocking_violations(Axe(), desk_page)
    worker.press("Save")
    expect(worker.flash()).to_have_text(worker.t("The FAQ entry has been added."))
    expect(desk_page.get_by_role("cell", name="How much is the fee?")).to_be_visible()
    found += blocking_violations(Axe(), desk_page)  # the staff list with its move, edit and delete buttons
    assert FaqEntry.objects.filter(organization=desk, published=True).count() == 1

    worker.follow("See the public page")
    expect(desk_page).to_have_url(re.compile(rf"/{language}/{desk.slug}/faq/$"))
    question = "手数料はいくらですか。" if language == "ja" else "How much is the fee?"
    expect(desk_page.get_by_role("heading", level=2, name=question)).to_be_visible()
    answer = "その他は無料です。" if language == "ja" else "Everything else is free."
    expect(desk_page.get_by_text(answer)).to_be_visible()
    found += blocking_violations(Axe(), desk_page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_desk_name_keeps_off_the_edge_and_a_web_and_email_desk_offers_no_paper_form(phone_page, lang):
    call_command("seed_demo", stdout=io.StringIO())
    visitor = Visitor(phone_page, lang)
    for path in ("lumina-web/", "lumina-web/guide/"):
        visitor.open(path)
        brand = phone_page.locator(".navbar-brand").bounding_box()
        heading = phone_page.get_by_role("heading", level=1).bounding_box()
        assert brand["x"] >= 8 and abs(brand["x"] - heading["x"]) <= 1, (path, brand, heading)  # aligned with the page
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, path
        expect(phone_page.locator("main a[href$='/request-form/']")).to_have_count(0)
    visitor.open("aoba-cloud/guide/")  # web, e-mail and post: the form is for post only
    expect(phone_page.locator("main a[href$='/request-form/']")).to_have_text(
        visitor.t("Printable request form, to send by post")
    )


def test_the_staff_faq_list_fits_a_phone(browser, live_server, request, desk):
    from tests.browser.conftest import _open_page

    phone = _open_page(request, browser, live_server, {"width": 390, "height": 844}, has_touch=True)
    for n in range(3):
        FaqEntry.objects.create(
            organization=desk,
            question_ja=f"本人確認書類はどのように送ればよいですか（{n}）。",
            answer_ja="写しをお送りください。",
            question_en=f"How do I send my identity documents ({n})?",
            answer_en="Send a copy.",
            order=n,
        )
    user, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(phone, "ja")
    worker.sign_in(user, device)
    phone.goto("/ja/staff/faq/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.get_by_role("columnheader", name=worker.t("Status"))).to_have_count(0)  # not the case word
