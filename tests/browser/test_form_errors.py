"""A visitor makes mistakes on the request form: nothing they typed or uploaded is lost, and they are told why."""

import re

import pytest
from playwright.sync_api import expect

from privacydesk.cases.models import StagedUpload
from tests.browser.helpers import Visitor, png_file, text_disguised_as_jpeg
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONSENT = "I agree to the handling of the personal information in this form as described above."
KEPT = "Please correct the fields marked below. What you entered and the files you uploaded are kept."
ALREADY_UPLOADED = "Files you have already uploaded with this form:"
NOT_AN_IMAGE = "“%(name)s” is not a JPEG, PNG or PDF file. Please send a photo or scan in one of these formats."


@pytest.fixture
def desk():
    return OrganizationFactory(slug="kaku-trading")


def already_uploaded(visitor: Visitor):
    """The list of files the form kept, below the sentence that introduces it."""
    return visitor.page.locator("p", has_text=visitor.t(ALREADY_UPLOADED)).locator("xpath=following-sibling::ul[1]")


def test_an_empty_request_form_says_what_is_missing_next_to_each_field(page, desk):
    visitor = Visitor(page, "en")
    visitor.open("kaku-trading/request/")
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/request/$"))
    expect(page.get_by_role("alert")).to_contain_text(KEPT)
    assert visitor.error_under("E-mail address") == "This field is required."
    assert visitor.error_under("Full name") == "This field is required."
    assert visitor.error_under(CONSENT) == "This field is required."
    # The desk answers by post by default, so it needs somewhere to send the letter.
    assert visitor.error_under("Postal code") == "Enter the postal code of that address."
    assert visitor.error_under("Address") == "Enter the address we should send our answer to."
    expect(visitor.field("E-mail address")).to_have_attribute("aria-invalid", "true")
    expect(visitor.field("E-mail address")).to_have_attribute("aria-describedby", "id_email_error")
    expect(page.locator("#id_request_types_error")).to_have_text("This field is required.")
    expect(page.locator("#id_request_types_error")).to_be_visible()


def test_an_english_visitor_who_forgets_consent_keeps_what_they_typed_and_their_file(page, desk, tmp_path):
    licence = png_file(tmp_path, "licence.png")
    visitor = Visitor(page, "en")
    visitor.open("kaku-trading/request/")
    visitor.tick("Disclosure")
    visitor.tick("Correction, addition, deletion")
    visitor.fill("Full name", "Jane Smith")
    visitor.fill("E-mail address", "jane@example.com")
    visitor.fill("Telephone", "090 1234 5678")
    visitor.fill("Postal code", "135-0016")
    visitor.fill("Address", "9-9-9 Toyo, Koto-ku, Tokyo")
    visitor.choose("Identity document", "Passport")
    visitor.attach("Copy of the identity document", licence)
    visitor.press("Continue to confirmation")

    expect(page.get_by_role("alert")).to_contain_text(KEPT)
    assert visitor.error_under(CONSENT) == "This field is required."
    expect(visitor.field("Disclosure")).to_be_checked()
    expect(visitor.field("Correction, addition, deletion")).to_be_checked()
    expect(visitor.field("Full name")).to_have_value("Jane Smith")
    expect(visitor.field("E-mail address")).to_have_value("jane@example.com")
    expect(visitor.field("Telephone")).to_have_value("090 1234 5678")
    expect(visitor.field("Address")).to_have_value("9-9-9 Toyo, Koto-ku, Tokyo")
    expect(visitor.field("Identity document")).to_have_value("passport")
    expect(already_uploaded(visitor)).to_contain_text("Identity document: licence.png")
    expect(visitor.field("Copy of the identity document")).to_have_value("")  # not asked for again

    visitor.tick(CONSENT)
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/request/confirm/$"))
    summary = visitor.summary()
    assert summary["Documents"] == "Identity document: licence.png"
    assert summary["Identity document"] == "Passport"
    asked = summary["What would you like us to do?"]
    assert asked.startswith("Disclosure") and asked.endswith("Correction, addition, deletion"), asked
    assert summary["Telephone"] == "090-1234-5678"
    assert StagedUpload.objects.count() == 1  # one upload, not one per submission of the form


def test_going_back_from_the_confirmation_keeps_everything_and_a_kept_file_can_be_removed(page, desk, tmp_path):
    letter = png_file(tmp_path, "contract.png")
    visitor = Visitor(page, "en")
    visitor.open("kaku-trading/inquiry/")
    visitor.fill("Subject", "My contract")
    visitor.fill("Details", "Please see the attached contract.")
    visitor.fill("Full name", "Jane Smith")
    visitor.fill("E-mail address", "jane@example.com")
    visitor.attach("Other document", letter)
    visitor.tick(CONSENT)
    visitor.press("Continue to confirmation")
    assert visitor.summary()["Documents"] == "Other document: contract.png"

    visitor.press("Back to edit")

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/inquiry/$"))
    expect(visitor.field("Subject")).to_have_value("My contract")
    expect(visitor.field("Details")).to_have_value("Please see the attached contract.")
    expect(visitor.field(CONSENT)).to_be_checked()
    expect(already_uploaded(visitor)).to_contain_text("Other document: contract.png")

    page.get_by_label(re.compile(r"contract\.png .*remove")).check()
    visitor.press("Continue to confirmation")

    assert visitor.summary()["Documents"] == "None"
    assert not StagedUpload.objects.exists()


def test_a_japanese_visitor_is_told_clearly_about_a_bad_file_and_a_bad_telephone_number(page, desk, tmp_path):
    fake = text_disguised_as_jpeg(tmp_path, "パスポート.jpg")
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/request/")
    visitor.press("Continue to confirmation")

    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("alert")).to_contain_text(visitor.t(KEPT))
    assert visitor.error_under("E-mail address") == "このフィールドは必須です。"  # Django's own catalog

    visitor.tick("Disclosure")
    visitor.fill("Full name", "山田 花子")
    visitor.fill("Furigana (katakana)", "やまだ はなこ")
    visitor.fill("E-mail address", "hanako@example.jp")
    visitor.fill("Telephone", "０３－１２３４")  # too short
    visitor.fill("Postal code", "１３５－００１６")
    visitor.fill("Address", "東京都江東区東陽９－９－９")
    visitor.choose("Identity document", "Passport")
    visitor.attach("Copy of the identity document", fake)
    visitor.tick(CONSENT)
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/$"))
    assert visitor.error_under("Copy of the identity document") == visitor.t(NOT_AN_IMAGE) % {"name": "パスポート.jpg"}
    assert visitor.error_under("Telephone") == visitor.t(
        "Enter a telephone number of 10 or 11 digits, such as 03-1234-5678 (or +81 3 1234 5678)."
    )
    expect(visitor.field("Full name")).to_have_value("山田 花子")
    expect(visitor.field("Furigana (katakana)")).to_have_value("やまだ はなこ")
    expect(visitor.field("Address")).to_have_value("東京都江東区東陽９－９－９")
    expect(page.get_by_text(visitor.t(ALREADY_UPLOADED))).to_have_count(0)  # the bad file was not kept

    visitor.fill("Telephone", "０３－１２３４－５６７８")
    visitor.attach("Copy of the identity document", png_file(tmp_path, "パスポート.png"))
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/confirm/$"))
    summary = visitor.summary()
    assert summary[visitor.t("Documents")] == f"{visitor.t('Identity document')}: パスポート.png"
    assert summary[visitor.t("Telephone")] == "03-1234-5678"
    assert summary[visitor.t("Furigana (katakana)")] == "ヤマダ ハナコ"
