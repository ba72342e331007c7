"""Today's mail: the receptionist prints the approved letters in one file, posts them and marks them as posted;
the requesters' tracking pages then say when and how each letter was sent.

In English and in Japanese (the desk worker's language); the letters are in each requester's language.
No worker runs in browser tests: the test calls ``batch_build`` as the worker would.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import formats, timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from privacydesk.letters.models import Letter, LetterBatch, LetterKind, LetterStatus, PostalService
from privacydesk.letters.services import batch_build, letter_approve, letter_draft, letter_submit
from privacydesk.letters.tasks import generate_letter
from privacydesk.letters.workflow import Action
from tests.browser import staff_helpers
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import Visitor, blocking_violations
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.conftest import UNREACHABLE_BROKER, use_broker
from tests.letters.helpers import decided_request, pdf_text

desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRACKING_NUMBER = "1234-5678-9012"


@pytest.fixture(autouse=True)
def _no_worker():
    """The print file is queued for a worker; send it nowhere, so no task is left in the shared Redis."""
    with use_broker(UNREACHABLE_BROKER):
        yield


def approved_letter(case, author, approver) -> Letter:
    letter = letter_draft(case=case, kind=LetterKind.REFUSAL, actor=author)
    letter_submit(letter_id=letter.pk, actor=author)
    return letter_approve(letter_id=letter.pk, actor=approver)


@pytest.fixture
def todays_mail(desk):
    """Two refusal letters approved for the post: to a Japanese and to an English requester."""
    reception = desk_worker(desk, "reception", "uketsuke")
    supervisor, _ = desk_worker(desk, "supervisor", "sekininsha")
    cases = {
        lang: decided_request(desk, reception[0], supervisor, language=lang, decision="refused", reply_method="post")
        for lang in ("ja", "en")
    }
    letters = {lang: approved_letter(case, reception[0], supervisor) for lang, case in cases.items()}
    return reception, cases, letters


def artifact_name(request) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    return re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")


def snapshot(request, page: Page, what: str) -> None:
    """A screenshot of a page on the way (the fixture keeps only where the test ends)."""
    page.screenshot(path=str(ARTIFACTS / f"{artifact_name(request)}--{what}.png"), full_page=True)


def marked_as_posted(language: str, count: int) -> str:
    with translation.override(language):
        return translation.ngettext(
            "%(count)d letter marked as posted.", "%(count)d letters marked as posted.", count
        ) % {"count": count}


def posted_on(language: str, service: PostalService, tracking_number: str = "") -> str:
    """What the tracking page says about a letter posted today."""
    with translation.override(language):
        values = {"day": formats.date_format(timezone.localdate(), "DATE_FORMAT"), "service": service.label}
        if tracking_number:
            message = "posted on %(day)s (%(service)s, tracking number %(number)s)"
            return translation.gettext(message) % {**values, "number": tracking_number}
        return translation.gettext("posted on %(day)s (%(service)s)") % values


def test_todays_mail_is_printed_in_one_file_posted_and_shown_on_the_tracking_pages(
    request, desk_page, language, desk, todays_mail
):
    (reception, device), cases, letters = todays_mail
    worker = DeskWorker(desk_page, language)
    worker.sign_in(reception, device)
    worker.follow("Today's mail")
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Today's mail"))
    rows = desk_page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    for lang, case in cases.items():
        row = rows.filter(has=desk_page.get_by_role("link", name=case.reference, exact=True))
        language_name = {"ja": "日本語", "en": "English"}[lang]  # the requester's language, by its own name
        expect(row).to_contain_text(f"{worker.label(LetterKind.REFUSAL)} ({language_name})")
        expect(row).to_contain_text(case.name)
    snapshot(request, desk_page, "mail")

    # The print file, made by the worker
    worker.press("Prepare the print file")
    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/mail/print/\d+/$"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Print file"))
    expect(desk_page.get_by_role("main")).to_contain_text(
        worker.t("%(done)s of %(total)s letters") % {"done": 0, "total": 2}
    )
    batch = LetterBatch.objects.get()
    batch_build(batch_id=batch.pk)  # the page shows it at its next refresh (every 2 s); a reload could cross that
    expect(desk_page.get_by_role("progressbar")).to_have_text("100%")
    expect(desk_page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    snapshot(request, desk_page, "print-file")
    with desk_page.expect_download() as info:
        worker.follow("Download the print file (PDF)")
    with open(info.value.path(), "rb") as handle:
        pdf = handle.read()
    (ARTIFACTS / f"{artifact_name(request)}--print-file.pdf").write_bytes(pdf)  # for a look at the letters
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert cases["ja"].reference in text and cases["en"].reference in text
    assert "ご請求に対する決定について" in text and "Our decision on your request" in text

    # Posted at the counter: one by simple registered mail with a tracking number, both marked as posted
    worker.follow("Back to today's mail")
    for case in cases.values():
        desk_page.get_by_label(f"{worker.t('Posted')} {case.reference}", exact=True).check()
    desk_page.get_by_label(f"{worker.t('Tracking number')} {cases['ja'].reference}", exact=True).fill(TRACKING_NUMBER)
    expect(worker.field("Posted on")).to_have_value(timezone.localdate().isoformat())
    worker.choose_choice("Postal service", PostalService.SIMPLE_REGISTERED)
    worker.press("Mark as posted")
    expect(worker.flash()).to_have_text(marked_as_posted(language, 2))
    expect(rows).to_have_count(1)
    expect(rows).to_have_text(worker.t("No letter is waiting to be posted."))
    expect(desk_page.get_by_role("button", name=worker.t("Prepare the print file"))).to_be_disabled()
    for letter in letters.values():
        letter.refresh_from_db()
        assert (letter.status, letter.postal_service) == (LetterStatus.POSTED, PostalService.SIMPLE_REGISTERED)
    worker.sign_out()

    # Each requester's tracking page
    requester = Visitor(desk_page, language)
    for lang, case in cases.items():
        requester.open(f"{desk.slug}/track/{case.reference}/{case.tracking_token()}/")
        letter_line = desk_page.get_by_role("region", name=requester.t("Our letters")).get_by_role("listitem")
        expect(letter_line).to_have_count(1)
        expect(letter_line).to_contain_text(staff_helpers.label(language, LetterKind.REFUSAL))
        number = TRACKING_NUMBER if lang == "ja" else ""
        expect(letter_line).to_contain_text(posted_on(language, PostalService.SIMPLE_REGISTERED, number))
        expect(letter_line.get_by_role("link")).to_have_count(0)  # posted, not downloadable
        snapshot(request, desk_page, f"tracking-{lang}")


def test_a_letter_approved_after_the_print_file_was_made_is_not_ticked_as_posted(
    desk_page, language, desk, todays_mail
):
    """The worker prints today's mail, and meanwhile the supervisor approves one more letter. Back on Today's
    mail, "Mark as posted" must not be ready to record that unprinted letter as posted: the requester's tracking
    page would tell them it is on its way."""
    (reception, device), cases, letters = todays_mail
    worker = DeskWorker(desk_page, language)
    worker.sign_in(reception, device)
    worker.follow("Today's mail")
    worker.press("Prepare the print file")
    batch_build(batch_id=LetterBatch.objects.get().pk)  # the page shows it at its next refresh (every 2 s)
    expect(desk_page.get_by_role("link", name=worker.t("Download the print file (PDF)"))).to_be_visible()

    supervisor = letters["ja"].approved_by
    late = decided_request(desk, reception, supervisor, language="ja", decision="refused", reply_method="post")
    approved_letter(late, reception, supervisor)

    worker.follow("Back to today's mail")
    expect(desk_page.locator("table tbody tr")).to_have_count(3)
    for case in cases.values():
        expect(desk_page.get_by_label(f"{worker.t('Posted')} {case.reference}", exact=True)).to_be_checked()
    expect(desk_page.get_by_label(f"{worker.t('Posted')} {late.reference}", exact=True)).not_to_be_checked()


def test_a_supervisor_sees_a_letter_that_could_not_be_produced_and_tries_it_again(
    request, desk_page, language, desk, todays_mail, settings
):
    """A letter whose PDF keeps failing leaves today's mail; the supervisor finds it, with the error, in its own
    section of the page, and tries it again once the cause is fixed. The page has no serious accessibility issue."""
    settings.LETTER_MAX_ATTEMPTS = 1
    _, cases, letters = todays_mail
    failing = letters["en"]
    Letter.objects.filter(pk=failing.pk).update(language="de")  # no letter templates in German
    generate_letter.apply(args=[failing.pk])
    Letter.objects.filter(pk=failing.pk).update(language="en")  # the cause, fixed
    supervisor = failing.approved_by
    worker = DeskWorker(desk_page, language)
    worker.sign_in(supervisor, TOTPDevice.objects.get(user=supervisor))
    worker.follow("Today's mail")
    failed = desk_page.get_by_role("region", name=worker.t("Letters and print files that could not be produced"))
    expect(failed).to_contain_text(cases["en"].reference)
    expect(failed).to_contain_text("TemplateDoesNotExist")
    expect(failed).not_to_contain_text(cases["ja"].reference)
    assert not blocking_violations(Axe(), desk_page)
    snapshot(request, desk_page, "failed")

    retry = staff_helpers.label(language, Action.RETRY)
    failed.get_by_role("button", name=f"{retry} {cases['en'].reference}", exact=True).click()
    expect(worker.flash()).to_have_text(worker.t("The letter is being produced again."))
    expect(failed).to_have_count(0)
    failing.refresh_from_db()
    assert (failing.status, failing.attempts, failing.last_error) == (LetterStatus.APPROVED, 0, "")
