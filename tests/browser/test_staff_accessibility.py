"""axe-core on the staff queue and a case page with every panel in use; labels lead to their own fields."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from privacydesk.cases.models import Decision, FeeRecord, LegalGround
from privacydesk.cases.services import case_submit
from privacydesk.cases.services import staff as services
from privacydesk.core.vocabulary import IdDocument, PaymentMethod, RequestType, VerificationMethod
from tests.browser.helpers import blocking_violations
from tests.browser.staff_helpers import LANGUAGES, DeskWorker, desk_worker
from tests.cases.helpers import submission
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_case():
    """A disclosure and a GDPR access request: fee paid, identity verified, a refusal awaiting the supervisor.

    So the case page shows every panel at once: decisions with the approval form, the fee, the identity
    verification, and the extension of the (GDPR) deadline.
    """
    types = [t.value for t in RequestType if t.jurisdiction == "appi"] + [RequestType.GDPR_ACCESS.value]
    desk = OrganizationFactory(gdpr_enabled=True, request_types=types)
    case = case_submit(
        organization=desk,
        submission=submission(request_types=[RequestType.DISCLOSURE.value, RequestType.GDPR_ACCESS.value]),
    )
    reception, _device = desk_worker(desk, "reception", "uketsuke")
    services.identity_verify(
        case_id=case.pk,
        actor=reception,
        method=VerificationMethod.DOCUMENT,
        result="verified",
        document_type=IdDocument.PASSPORT,
        masking_confirmed=True,
    )
    services.fee_record(
        case_id=case.pk,
        actor=reception,
        kind=FeeRecord.Kind.PAYMENT,
        amount=case.fee_amount,
        method=PaymentMethod.BANK_TRANSFER,
        received_on=timezone.localdate(),
    )
    services.decision_record(
        request_id=case.requests.get(request_type=RequestType.DISCLOSURE).pk,
        actor=reception,
        decision=Decision.REFUSED,
        legal_ground=LegalGround.BUSINESS,
        reason="Serious interference with our complaint handling.",
    )
    return case


def opens_every_panel(worker: DeskWorker) -> None:
    for summary in worker.page.locator("details > summary").all():
        summary.click()


def test_the_staff_queue_and_a_case_page_have_no_serious_accessibility_violations(page, busy_case):
    supervisor, device = desk_worker(busy_case.organization, "supervisor", "sekininsha")
    DeskWorker(page, "en").sign_in(supervisor, device)
    axe, found = Axe(), []
    for language in LANGUAGES:
        worker = DeskWorker(page, language)
        worker.open("staff/")
        found += blocking_violations(axe, page)
        worker.open_case(busy_case.reference)
        found += blocking_violations(axe, page)
        opens_every_panel(worker)
        found += blocking_violations(axe, page)
    assert not found, "\n".join(found)


def test_every_label_on_the_case_page_leads_to_a_field_of_its_own_form(page, busy_case):
    """A click on a label (or a screen reader) must reach the field under it, not one in another panel."""
    supervisor, device = desk_worker(busy_case.organization, "supervisor", "sekininsha")
    worker = DeskWorker(page, "en")
    worker.sign_in(supervisor, device)
    worker.open_case(busy_case.reference)
    expect(worker.section("Decisions").get_by_role("button", name="Save the approval")).to_be_visible()

    strays = page.eval_on_selector_all(
        "label[for]",
        r"""labels => labels.flatMap(label => {
            const field = document.getElementById(label.htmlFor);
            const twins = document.querySelectorAll('[id="' + label.htmlFor + '"]').length;
            if (field && field.closest('form') === label.closest('form') && twins === 1) return [];
            const text = label.textContent.replace(/\s+/g, " ").trim();
            return [`“${text}” → #${label.htmlFor} (${twins} elements with that id)`];
        })""",
    )
    assert not strays, "\n".join(strays)
