"""Switching language, the postal-code helper with and without JavaScript, and the pages on a phone."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from privacydesk.cases.models import Case
from privacydesk.organizations.demo import DESKS
from tests.browser.helpers import REFERENCE, Visitor, png_file
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390
FILL_ADDRESS = "Fill in the address from the postal code"
ABOUT_THE_PERSON = "About the person the data is about"
NOT_FOUND = "We could not find that postal code. Please enter the address yourself."


@pytest.fixture
def desk():
    return OrganizationFactory(slug="kaku-trading")


@pytest.fixture
def demo_desks():
    call_command("seed_demo", stdout=io.StringIO())
    return [desk["slug"] for desk in DESKS]


def page_width(page) -> int:
    """How wide the page really is; wider than the screen means the visitor has to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_language_switcher_keeps_the_visitor_on_the_same_form(page, desk):
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/request/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("button", name="日本語")).to_have_attribute("aria-current", "true")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/request/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request for disclosure, etc.")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("link", name=desk.name_en)).to_be_visible()

    page.get_by_role("button", name="日本語").click()

    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text(visitor.t("Request for disclosure, etc."))
    expect(page.get_by_role("link", name=desk.name_ja)).to_be_visible()


def test_a_visitor_whose_browser_speaks_english_can_switch_a_japanese_page_to_english(page_in_english_browser, desk):
    """Most links to the desk point at /ja/; the switcher must work whatever language the browser prefers."""
    page = page_in_english_browser
    Visitor(page, "ja").open("kaku-trading/request/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/request/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_postal_code_button_fills_in_the_address_without_leaving_the_page(page, desk):
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/request/")
    visitor.fill("Full name", "山田 太郎")
    visitor.fill("Postal code", "１３５－００１６")

    with page.expect_response(re.compile(r"/api/postal-code/\?code=")) as lookup:
        visitor.press(FILL_ADDRESS, within=ABOUT_THE_PERSON)
    assert lookup.value.json()["found"] is True

    expect(visitor.field("Address")).to_have_value("東京都江東区東陽")
    expect(visitor.field("Address")).to_be_focused()
    expect(visitor.field("Postal code")).to_have_value("135-0016")
    expect(visitor.field("Full name")).to_have_value("山田 太郎")
    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/$"))
    expect(page.get_by_role("alert")).to_have_count(0)


def test_an_unknown_postal_code_asks_the_visitor_to_type_the_address(page, desk):
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/request/")
    visitor.fill("Full name", "山田 太郎")
    visitor.fill("Postal code", "999-9999")

    visitor.press(FILL_ADDRESS, within=ABOUT_THE_PERSON)

    expect(page.get_by_role("status")).to_have_text(visitor.t(NOT_FOUND))
    expect(visitor.field("Full name")).to_have_value("山田 太郎")
    expect(visitor.field("Postal code")).to_have_value("999-9999")
    expect(visitor.field("Address")).to_have_value("")


def test_the_postal_code_button_works_without_javascript(page_without_js, desk):
    visitor = Visitor(page_without_js, "en")
    visitor.open("kaku-trading/request/")
    visitor.fill("Full name", "Taro Yamada")
    visitor.fill("Postal code", "1350016")

    visitor.press(FILL_ADDRESS, within=ABOUT_THE_PERSON)

    expect(visitor.field("Address")).to_have_value("東京都江東区東陽")
    expect(visitor.field("Postal code")).to_have_value("135-0016")
    expect(visitor.field("Full name")).to_have_value("Taro Yamada")
    expect(page_without_js.get_by_role("alert")).to_have_count(0)  # not yet checked: no errors shown


def test_every_demo_desk_fits_a_phone_screen_in_both_languages(phone_page, demo_desks):
    too_wide = []
    for slug in demo_desks:
        for language in ("ja", "en"):
            for path in ("", "request/", "inquiry/", "track/"):
                url = f"/{language}/{slug}/{path}"
                phone_page.goto(url)
                if page_width(phone_page) > PHONE_WIDTH:
                    too_wide.append((url, page_width(phone_page)))
    assert not too_wide, f"pages wider than a {PHONE_WIDTH}px phone: {too_wide}"


def test_a_visitor_files_a_request_on_a_phone(phone_page, demo_desks, tmp_path):
    page, widths = phone_page, {}
    visitor = Visitor(page, "ja")
    visitor.open("minato-line/")
    widths["landing"] = page_width(page)
    visitor.follow("Make a request")
    widths["form"] = page_width(page)

    visitor.tick("Disclosure")
    visitor.fill("Full name", "佐藤 花子")
    visitor.fill("Furigana (katakana)", "さとう はなこ")
    visitor.fill("E-mail address", "hanako@example.jp")
    visitor.fill("Telephone", "０９０－１２３４－５６７８")
    visitor.fill("Postal code", "1350016")
    visitor.press(FILL_ADDRESS, within=ABOUT_THE_PERSON)
    expect(visitor.field("Address")).to_have_value("東京都江東区東陽")
    visitor.fill("Address", "東京都江東区東陽1-2-3")
    visitor.choose("Identity document", "Passport")
    visitor.attach("Copy of the identity document", png_file(tmp_path, "passport.png"))
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/ja/minato-line/request/confirm/$"))
    widths["confirmation"] = page_width(page)
    visitor.press("Send")

    expect(page).to_have_url(re.compile(r"/ja/minato-line/request/done/$"))
    widths["done"] = page_width(page)
    reference = visitor.reference_number()
    assert REFERENCE.fullmatch(reference)
    assert Case.objects.get(reference=reference).phone == "09012345678"
    visitor.follow("Follow your case")
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    widths["tracking"] = page_width(page)

    assert all(width <= PHONE_WIDTH for width in widths.values()), f"wider than the phone: {widths}"
