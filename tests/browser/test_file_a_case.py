"""A visitor files an inquiry, a complaint and a request through the public forms, then follows the case."""

import re

import pytest
from playwright.sync_api import expect

from privacydesk.cases.models import AttachmentKind, Case, Kind, Notification, NotificationKind
from tests.browser.helpers import REFERENCE, Visitor, exactly, png_file
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk():
    return OrganizationFactory(slug="kaku-trading")


def acknowledgement_is_queued(case: Case, language: str) -> bool:
    """No worker runs here: the e-mail waits in the outbox, in the requester's language."""
    return Notification.objects.filter(
        case=case, kind=NotificationKind.ACKNOWLEDGEMENT, language=language, recipient=case.email
    ).exists()


def sends_and_reads_reference(visitor: Visitor) -> str:
    visitor.press("Send")
    expect(visitor.page).to_have_url(re.compile(r"/done/$"))
    expect(visitor.shows("Thank you. We have received it.")).to_be_visible()
    reference = visitor.reference_number()
    assert REFERENCE.fullmatch(reference), reference
    return reference


def follows_the_case(visitor: Visitor, reference: str) -> None:
    visitor.follow("Follow your case")
    expect(visitor.page).to_have_url(re.compile(rf"/{visitor.language}/kaku-trading/track/{reference}/\w+/$"))
    expect(visitor.page.get_by_role("heading", level=1)).to_contain_text(reference)


def test_an_english_visitor_files_an_inquiry_and_follows_it(page, desk):
    visitor = Visitor(page, "en")
    visitor.open("kaku-trading/")
    expect(page.get_by_role("heading", level=1)).to_have_text(desk.desk_name_en)
    visitor.follow("Send an inquiry")
    expect(page).to_have_url(re.compile(r"/en/kaku-trading/inquiry/$"))

    visitor.fill("Subject", "Which data do you keep about me?")
    visitor.fill("Details", "I used your service from 2019 to 2023.\nWhat do you still hold?")
    visitor.fill("Full name", "Jane Smith")
    visitor.fill("E-mail address", "jane@example.com")
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/en/kaku-trading/inquiry/confirm/$"))
    expect(visitor.shows("Nothing has been sent yet. If everything is correct, press “Send”.")).to_be_visible()
    summary = visitor.summary()
    assert summary["Kind"] == "Inquiry"
    assert summary["Subject"] == "Which data do you keep about me?"
    assert summary["Full name"] == "Jane Smith"
    assert summary["E-mail address"] == "jane@example.com"
    assert summary["Language for our replies"] == "English"
    assert summary["Documents"] == "None"

    reference = sends_and_reads_reference(visitor)

    case = Case.objects.get(reference=reference)
    assert (case.kind, case.language, case.organization) == (Kind.INQUIRY, "en", desk)
    assert case.message.splitlines() == ["I used your service from 2019 to 2023.", "What do you still hold?"]
    assert acknowledgement_is_queued(case, "en")
    follows_the_case(visitor, reference)
    expect(page.get_by_text("Which data do you keep about me?")).to_be_visible()


def test_a_japanese_visitor_files_a_complaint(page, desk):
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text(desk.desk_name_ja)
    visitor.follow("Send a complaint")
    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/complaint/$"))

    visitor.fill("Subject", "退会後も広告メールが届きます")
    visitor.fill("Details", "三月に退会しましたが、まだ毎週メールが届きます。\n配信を止めてください。")
    visitor.fill("Full name", "山田　太郎")  # an ideographic space, as a Japanese IME types it
    visitor.fill("E-mail address", "taro@example.jp")
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/complaint/confirm/$"))
    summary = visitor.summary()
    assert summary[visitor.t("Subject")] == "退会後も広告メールが届きます"
    assert summary[visitor.t("Full name")] == "山田 太郎"
    assert summary[visitor.t("Language for our replies")] == "日本語"

    reference = sends_and_reads_reference(visitor)

    case = Case.objects.get(reference=reference)
    assert (case.kind, case.language, case.name) == (Kind.COMPLAINT, "ja", "山田 太郎")
    assert acknowledgement_is_queued(case, "ja")
    follows_the_case(visitor, reference)
    expect(page.get_by_text("退会後も広告メールが届きます")).to_be_visible()


def test_a_japanese_visitor_requests_disclosure_with_an_id_document_typed_in_full_width(page, desk, tmp_path):
    licence = png_file(tmp_path, "運転免許証.png")
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/")
    visitor.follow("Make a request")
    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/$"))

    visitor.tick("Disclosure")
    visitor.fill("Details that help us find the data", "２０２０年からの通話記録")
    visitor.fill("Customer or contract number", "Ｋ－１２３４５")
    visitor.fill("Full name", "山田 太郎")
    visitor.fill("Furigana (katakana)", "やまだ たろう")
    visitor.fill("Date of birth", "1980-04-01")
    visitor.fill("E-mail address", "taro@example.jp")
    visitor.fill("Telephone", "０３－１２３４－５６７８")
    visitor.fill("Postal code", "１３５００１６")
    visitor.fill("Address", "東京都江東区東陽９－９－９")
    visitor.choose("Identity document", "Driving licence")
    visitor.attach("Copy of the identity document", licence)
    visitor.tick("I agree to the handling of the personal information in this form as described above.")
    visitor.press("Continue to confirmation")

    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/request/confirm/$"))
    summary = visitor.summary()
    assert summary[visitor.t("What would you like us to do?")] == visitor.t("Disclosure")
    assert summary[visitor.t("Furigana (katakana)")] == "ヤマダ タロウ"
    assert summary[visitor.t("Telephone")] == "03-1234-5678"
    assert summary[visitor.t("Postal code")] == "135-0016"
    assert summary[visitor.t("How should we send our answer?")] == visitor.t("By post (sealed letter)")
    assert summary[visitor.t("Documents")] == f"{visitor.t('Identity document')}: 運転免許証.png"
    assert "1,000" in summary[visitor.t("Handling fee")]

    reference = sends_and_reads_reference(visitor)

    case = Case.objects.get(reference=reference)
    assert (case.kind, case.language) == (Kind.REQUEST, "ja")
    assert [r.request_type for r in case.requests.all()] == ["disclosure"]
    assert (case.phone, case.postal_code, case.furigana) == ("0312345678", "135-0016", "ヤマダ タロウ")
    assert case.fee_amount == 1000
    attachment = case.attachments.get()
    assert (attachment.kind, attachment.id_document_type) == (AttachmentKind.ID_DOCUMENT, "driving_licence")
    assert (attachment.original_name, attachment.content_type) == ("運転免許証.png", "image/png")
    assert acknowledgement_is_queued(case, "ja")

    follows_the_case(visitor, reference)
    documents = page.get_by_role("definition").filter(has_text="運転免許証.png")
    expect(documents).to_have_text(exactly(f"{visitor.t('Identity document')}: 運転免許証.png"))
