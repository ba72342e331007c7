"""A receptionist writes a refusal letter, previews it and submits it; the supervisor approves it; the worker
produces the PDF. And a letter delivered electronically is downloaded from the requester's tracking page.

In English and in Japanese (the desk worker's language); the letter itself is in the requester's language.
No worker runs in browser tests: the test calls ``letter_generate`` as the worker would.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from privacydesk.letters.models import Letter, LetterKind, LetterStatus
from privacydesk.letters.services import letter_approve, letter_draft, letter_generate, letter_submit
from tests.browser import staff_helpers
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import Visitor
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.conftest import UNREACHABLE_BROKER, use_broker
from tests.letters.helpers import decided_request, pdf_text

desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = {"ja": "ご請求に対する決定について", "en": "Our decision on your request, and the reasons for it"}


@pytest.fixture(autouse=True)
def _no_worker():
    """Approving enqueues the PDF for a worker; send it nowhere, so no task is left in the shared Redis."""
    with use_broker(UNREACHABLE_BROKER):
        yield


@pytest.fixture
def staff(desk):
    return {
        "reception": desk_worker(desk, "reception", "uketsuke"),
        "supervisor": desk_worker(desk, "supervisor", "sekininsha"),
    }


def snapshot(request, page: Page, what: str) -> None:
    """A screenshot of a page on the way (the fixture keeps only where the test ends)."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}--{what}.png"), full_page=True)


def letters_panel(worker: DeskWorker):
    return worker.page.get_by_role("region", name=worker.t("Letters"), exact=True)


def download(page: Page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def the_address_sits_inside_the_window(page: Page) -> None:
    """Every line of the address block lies within the dashed window frame (nothing clipped by it)."""
    window = page.locator(".letter-sheet .window")
    frame = window.bounding_box()
    for line in window.locator("p").all():
        box = line.bounding_box()
        text = line.inner_text()
        assert box["x"] >= frame["x"] - 0.5 and box["y"] >= frame["y"] - 0.5, f"{text!r} starts outside the window"
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5, f"{text!r} runs out of the window"
        assert box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5, f"{text!r} is cut off by the window"


def test_a_refusal_letter_is_previewed_submitted_approved_and_produced(request, desk_page, language, desk, staff):
    (reception, reception_device), (supervisor, supervisor_device) = staff["reception"], staff["supervisor"]
    case = decided_request(desk, reception, supervisor, language="ja", decision="refused")
    worker = DeskWorker(desk_page, language)

    # The receptionist writes the letter and previews it
    worker.sign_in(reception, reception_device)
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)
    expect(letters_panel(worker)).to_contain_text(worker.t("No letter yet."))
    worker.unfold("Write a letter")
    worker.choose_choice("Kind of letter", LetterKind.REFUSAL)
    worker.press("Preview the letter")

    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/letters/\d+/preview/$"))
    expect(
        desk_page.get_by_role("heading", name=f"{worker.t('Preview')}: {worker.label(LetterKind.REFUSAL)} (v1)")
    ).to_be_visible()
    expect(desk_page.locator("h1 ~ .badge").first).to_have_text(worker.label(LetterStatus.DRAFT))
    sheet = desk_page.locator(".letter-sheet")
    expect(sheet.locator(".subject")).to_contain_text(SUBJECT["ja"])  # the requester's language, whatever the desk's
    expect(sheet).to_contain_text("拝復" if case.channel == "post" else "拝啓")
    expect(sheet).to_contain_text("業務に著しい支障を及ぼすおそれがあるため")  # the reasons of the decision
    expect(sheet).to_contain_text(case.reference)
    window = sheet.locator(".window")
    expect(window).to_contain_text("〒135-0016")
    expect(window).to_contain_text("東京都江東区東陽一丁目1番1号 架空マンション101号室")
    expect(window).to_contain_text("山田 太郎 様")
    assert window.evaluate("w => getComputedStyle(w).outlineStyle") == "dashed"
    the_address_sits_inside_the_window(desk_page)
    snapshot(request, desk_page, "preview")

    worker.press("Submit to the supervisor")
    expect(worker.flash()).to_have_text(worker.t("The letter has been submitted to the supervisor for approval."))
    expect(worker.page.get_by_role("heading", level=1)).to_have_text(case.reference)
    letter_line = letters_panel(worker).get_by_role("listitem").first
    expect(letter_line).to_contain_text(
        f"{worker.label(LetterKind.REFUSAL)} v1 — {worker.label(LetterStatus.AWAITING_APPROVAL)}"
    )
    expect(letter_line.get_by_role("button", name=worker.t("Approve the letter"))).to_have_count(0)
    worker.sign_out()

    # The supervisor approves it
    worker.sign_in(supervisor, supervisor_device)
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)
    snapshot(request, desk_page, "before-approval")
    letter_line.get_by_role("button", name=worker.t("Approve the letter")).click()
    expect(worker.flash()).to_have_text(worker.t("The letter has been approved; it is being produced."))
    expect(letter_line).to_contain_text(worker.label(LetterStatus.APPROVED))
    expect(letter_line).to_contain_text(worker.t("being produced"))
    expect(letter_line.get_by_role("link", name="PDF", exact=True)).to_have_count(0)

    # The worker produces the PDF; the supervisor reloads the case
    letter = Letter.objects.get(case=case)
    assert letter_generate(letter_id=letter.pk)
    letter.refresh_from_db()
    desk_page.reload()
    expect(letter_line.get_by_role("link", name="PDF", exact=True)).to_be_visible()
    expect(letter_line.get_by_title("SHA-256")).to_contain_text(letter.sha256[:12])
    expect(letter_line).not_to_contain_text(worker.t("being produced"))
    pdf = download(desk_page, letter_line.get_by_role("link", name="PDF", exact=True))
    assert pdf.startswith(b"%PDF")
    assert SUBJECT["ja"] in pdf_text(pdf) and case.reference in pdf_text(pdf)


def approved_letter(case, author, approver) -> Letter:
    letter = letter_draft(case=case, kind=LetterKind.REFUSAL, actor=author)
    letter_submit(letter_id=letter.pk, actor=author)
    return letter_approve(letter_id=letter.pk, actor=approver)


def test_a_letter_sent_electronically_is_downloaded_from_the_tracking_page(request, desk_page, language, desk, staff):
    (reception, reception_device), (supervisor, _) = staff["reception"], staff["supervisor"]
    case = decided_request(desk, reception, supervisor, language="en", decision="refused", reply_method="electronic")
    letter = approved_letter(case, reception, supervisor)
    worker = DeskWorker(desk_page, language)

    # Not for the post: today's mail does not list it, even before it is produced
    worker.sign_in(reception, reception_device)
    worker.follow("Today's mail")
    expect(desk_page.get_by_role("table")).to_contain_text(worker.t("No letter is waiting to be posted."))
    expect(desk_page.get_by_role("table")).not_to_contain_text(case.reference)

    assert letter_generate(letter_id=letter.pk)  # as the worker would
    worker.page.get_by_role("link", name=worker.t("Queue"), exact=True).click()
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)
    expect(letters_panel(worker).get_by_role("listitem").first).to_contain_text(worker.label(LetterStatus.DELIVERED))
    worker.sign_out()

    # The requester, on the tracking page
    requester = Visitor(desk_page, language)
    requester.open(f"{desk.slug}/track/{case.reference}/{case.tracking_token()}/")
    ours = desk_page.get_by_role("region", name=requester.t("Our letters"))
    expect(ours.get_by_role("listitem")).to_have_count(1)
    expect(ours.get_by_role("listitem")).to_contain_text(staff_helpers.label(language, LetterKind.REFUSAL))
    expect(ours).not_to_contain_text(requester.t("tracking number"))
    snapshot(request, desk_page, "tracking")
    pdf = download(desk_page, ours.get_by_role("link", name=requester.t("Download (PDF)")))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert SUBJECT["en"] in text and "Dear Emma Schmidt," in text and case.reference in text


def test_the_tracking_page_with_the_decision_letter_asks_for_nothing_the_desk_already_has(
    desk_page, language, desk, staff
):
    """Identity verified and fee waived at the desk, the case decided and the letter delivered: the requester
    must not be asked, next to the decision letter, for an identity document and 2,000 yen."""
    from privacydesk.cases.services import case_transition
    from privacydesk.cases.workflow import Action

    (reception, _), (supervisor, _) = staff["reception"], staff["supervisor"]
    case = decided_request(desk, reception, supervisor, language="en", decision="refused", reply_method="electronic")
    case_transition(case_id=case.pk, action=Action.START, actor=reception)
    case_transition(case_id=case.pk, action=Action.DECIDE, actor=supervisor)
    assert letter_generate(letter_id=approved_letter(case, reception, supervisor).pk)

    requester = Visitor(desk_page, language)
    requester.open(f"{desk.slug}/track/{case.reference}/{case.tracking_token()}/")
    expect(desk_page.get_by_role("region", name=requester.t("Our letters"))).to_contain_text(
        requester.t("Download (PDF)")
    )
    expect(desk_page.get_by_role("region", name=requester.t("What we need from you"))).to_have_count(0)
