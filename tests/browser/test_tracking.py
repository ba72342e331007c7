"""A requester follows their case from the tracking link, writes to the desk, and asks for a lost link again."""

import re

import pytest
from playwright.sync_api import expect

from privacydesk.cases.models import AttachmentKind, Kind, Message, Notification, NotificationKind
from privacydesk.cases.notifications import tracking_url
from privacydesk.cases.services import Requester, Submission, case_submit
from tests.browser.helpers import Visitor, exactly, pdf_file, text_disguised_as_jpeg
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THANKS = "Thank you. We have received your message."
SAME_ANSWER = (
    "If the reference number and e-mail address match a case, we will send the link to that address within "
    "a few minutes. Please check your e-mail."
)


@pytest.fixture
def desk():
    return OrganizationFactory(slug="kaku-trading")


def file_a_complaint(desk, *, language: str):
    requester = Requester(name="山田 太郎", email="taro@example.jp", furigana="ヤマダ タロウ")
    submission = Submission(
        kind=Kind.COMPLAINT,
        requester=requester,
        language=language,
        subject="広告メールの停止",
        message="止めてください。",
    )
    return case_submit(organization=desk, submission=submission)


def test_a_requester_sends_a_message_with_a_pdf_from_the_tracking_page(page, desk, tmp_path):
    case = file_a_complaint(desk, language="en")
    visitor = Visitor(page, "en")
    page.goto(tracking_url(case, "en"))

    expect(page.get_by_role("heading", level=1)).to_have_text(exactly(f"Your case {case.reference}"))
    expect(page.get_by_role("heading", name=re.compile("^Status"))).to_contain_text("Received")
    expect(visitor.shows("No messages yet.")).to_be_visible()

    visitor.fill("Your message", "Here is the letter you sent me in May.")
    visitor.attach("Document", text_disguised_as_jpeg(tmp_path, "letter.jpg"))
    visitor.press("Send")

    expect(page.get_by_role("alert")).to_be_visible()
    assert visitor.error_under("Document") == (
        "“letter.jpg” is not a JPEG, PNG or PDF file. Please send a photo or scan in one of these formats."
    )
    expect(visitor.field("Your message")).to_have_value("Here is the letter you sent me in May.")

    visitor.choose("Kind of document", "Other document")
    visitor.attach("Document", pdf_file(tmp_path, "letter-from-may.pdf"))
    visitor.press("Send")

    expect(page.get_by_role("status")).to_have_text(THANKS)
    expect(page).to_have_url(re.compile(rf"/en/kaku-trading/track/{case.reference}/\w+/$"))
    messages = page.get_by_role("region", name="Messages")
    expect(messages).to_contain_text("Here is the letter you sent me in May.")
    expect(messages).to_contain_text("Document: letter-from-may.pdf")
    expect(page.get_by_role("definition").filter(has_text="letter-from-may.pdf")).to_have_text(
        exactly("Other document: letter-from-may.pdf")
    )
    expect(visitor.field("Your message")).to_have_value("")

    message = Message.objects.get(case=case)
    assert message.body == "Here is the letter you sent me in May."
    attachment = message.attachments.get()
    assert (attachment.original_name, attachment.kind) == ("letter-from-may.pdf", AttachmentKind.OTHER)
    assert Notification.objects.filter(case=case, kind=NotificationKind.MESSAGE_RECEIVED, language="en").exists()


def test_sending_nothing_from_the_tracking_page_asks_for_a_message_or_a_document(page, desk):
    case = file_a_complaint(desk, language="ja")
    visitor = Visitor(page, "ja")
    page.goto(tracking_url(case, "ja"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)

    visitor.press("Send")

    expect(page.get_by_role("alert")).to_contain_text(visitor.t("Write a message or choose a document to send."))
    assert not Message.objects.filter(case=case).exists()


def test_a_japanese_requester_writes_to_the_desk(page, desk):
    case = file_a_complaint(desk, language="ja")
    visitor = Visitor(page, "ja")
    page.goto(tracking_url(case, "ja"))
    expect(page).to_have_url(re.compile(rf"/ja/kaku-trading/track/{case.reference}/"))

    visitor.fill("Your message", "先週も広告メールが届きました。")
    visitor.press("Send")

    expect(page.get_by_role("status")).to_have_text(visitor.t(THANKS))
    expect(page.get_by_text("先週も広告メールが届きました。")).to_be_visible()
    assert Notification.objects.filter(case=case, kind=NotificationKind.MESSAGE_RECEIVED, language="ja").exists()


def test_a_receipt_sent_without_choosing_its_kind_is_not_taken_for_an_identity_document(page, desk, tmp_path):
    requester = Requester(name="山田 太郎", email="taro@example.jp")
    submission = Submission(kind=Kind.REQUEST, requester=requester, language="ja", request_types=["disclosure"])
    case = case_submit(organization=desk, submission=submission)
    visitor = Visitor(page, "ja")
    page.goto(tracking_url(case, "ja"))
    needs = page.get_by_role("region", name=visitor.t("What we need from you"))
    expect(needs).to_contain_text(visitor.t("A copy of an identity document."))

    visitor.fill("Your message", "手数料の振込控えをお送りします。")
    visitor.attach("Document", pdf_file(tmp_path, "振込控え.pdf"))
    visitor.press("Send")

    expect(page.get_by_role("status")).to_have_text(visitor.t(THANKS))
    assert case.attachments.get().kind == AttachmentKind.OTHER
    expect(needs).to_contain_text(visitor.t("A copy of an identity document."))  # still needed


def test_a_tracking_link_with_a_wrong_token_is_not_found(page, desk):
    case = file_a_complaint(desk, language="en")
    good = tracking_url(case, "en")
    wrong = re.sub(r"/\w+/$", "/" + "0" * 32 + "/", good)

    assert page.goto(wrong).status == 404
    expect(page.get_by_text(case.reference)).to_have_count(0)
    assert page.goto(good.replace(case.reference, "2611-AAAA-BBBB")).status == 404
    assert page.goto(good).status == 200


def test_the_lost_link_page_answers_the_same_whether_or_not_the_case_exists(page, desk):
    case = file_a_complaint(desk, language="ja")
    visitor = Visitor(page, "ja")
    visitor.open("kaku-trading/")
    visitor.follow("Lost your tracking link?")
    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/track/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(visitor.t("Get your tracking link again"))

    # The reference as a person might type it from a letter: lower case, full width, no hyphens.
    typed = case.reference.replace("-", "").lower().translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    visitor.fill("Reference number", typed)
    visitor.fill("E-mail address you gave us", "TARO@example.jp")
    visitor.press("Send me the link")

    expect(page.get_by_role("status")).to_have_text(visitor.t(SAME_ANSWER))
    expect(page).to_have_url(re.compile(r"/ja/kaku-trading/track/$"))
    sent = Notification.objects.filter(case=case, kind=NotificationKind.TRACKING_LINK)
    assert sent.count() == 1
    assert sent.get().language == "ja"

    for reference, email in ((case.reference, "someone-else@example.jp"), ("2611-AAAA-BBBB", "taro@example.jp")):
        visitor.fill("Reference number", reference)
        visitor.fill("E-mail address you gave us", email)
        visitor.press("Send me the link")
        expect(page.get_by_role("status")).to_have_text(visitor.t(SAME_ANSWER))
        expect(visitor.field("Reference number")).to_have_value("")
    assert Notification.objects.filter(kind=NotificationKind.TRACKING_LINK).count() == 1
