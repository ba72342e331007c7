"""axe-core on the letter pages of the desk, in both languages: no serious or critical violation.

Today's mail with two letters waiting, the print file's progress page, and the preview of a draft letter.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from privacydesk.letters.models import LetterBatch, LetterKind
from privacydesk.letters.services import batch_build, letter_approve, letter_draft, letter_submit
from tests.browser.helpers import blocking_violations
from tests.browser.staff_helpers import LANGUAGES, DeskWorker, desk_worker
from tests.conftest import UNREACHABLE_BROKER, use_broker
from tests.factories import OrganizationFactory
from tests.letters.helpers import decided_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _no_worker():
    with use_broker(UNREACHABLE_BROKER):
        yield


@pytest.fixture
def letters():
    """Two refusal letters approved for the post (Japanese and English requester) and one draft to preview."""
    desk = OrganizationFactory()
    reception, _ = desk_worker(desk, "reception", "uketsuke")
    supervisor, device = desk_worker(desk, "supervisor", "sekininsha")
    for language in ("ja", "en"):
        case = decided_request(desk, reception, supervisor, language=language, decision="refused")
        letter = letter_draft(case=case, kind=LetterKind.REFUSAL, actor=reception)
        letter_submit(letter_id=letter.pk, actor=reception)
        letter_approve(letter_id=letter.pk, actor=supervisor)
    draft_case = decided_request(
        desk, reception, supervisor, language="ja", decision="refused", reply_method="electronic"
    )
    draft = letter_draft(case=draft_case, kind=LetterKind.REFUSAL, actor=reception)
    return supervisor, device, draft


def test_todays_mail_the_print_file_and_the_letter_preview_have_no_serious_accessibility_violations(page, letters):
    supervisor, device, draft = letters
    DeskWorker(page, "en").sign_in(supervisor, device)
    axe, found = Axe(), []
    for language in LANGUAGES:
        worker = DeskWorker(page, language)
        worker.open("staff/mail/")
        expect(page.locator("table tbody tr")).to_have_count(2)
        found += blocking_violations(axe, page)
        worker.open(f"staff/letters/{draft.pk}/preview/")
        expect(page.locator(".letter-sheet .subject")).to_be_visible()
        found += blocking_violations(axe, page)
    worker.open("staff/mail/")
    worker.press("Prepare the print file")
    expect(page.get_by_role("progressbar")).to_be_visible()
    batch_build(batch_id=LetterBatch.objects.get().pk)  # as the worker would: the page stops refreshing itself
    # no reload of our own: it could cross the page's own refresh (every 2 s) and be aborted
    expect(page.get_by_role("link", name=worker.t("Download the print file (PDF)"))).to_be_visible()
    found += blocking_violations(axe, page)
    assert not found, "\n".join(found)
