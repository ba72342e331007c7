"""A receptionist works a disclosure request up to a refusal; the supervisor approves it and the case is decided.

In English and in Japanese: the same steps, read from the page in the desk worker's language.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from privacydesk.cases.models import (
    Approval,
    Case,
    Decision,
    EventKind,
    FeeRecord,
    FeeStatus,
    IdentityVerification,
    LegalGround,
)
from privacydesk.cases.services import case_submit
from privacydesk.cases.workflow import Action, Status
from privacydesk.core.vocabulary import IdDocument, PaymentMethod, RequestType, VerificationMethod
from tests.browser import staff_helpers
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.cases.helpers import submission

# Fixtures of the staff tests (conftest.py belongs to the public-side tests).
desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASONS = "Disclosing the call recordings would seriously interfere with our complaint handling."
MASKING = (
    "Checked: no Individual Number is kept; on a health insurance card or eligibility certificate the insurer "
    "number, symbol, number and QR code are masked"
)


@pytest.fixture
def web_request(desk):
    """A disclosure request filed on the web form: 1 contract, so 1,000 JPY are due."""
    return case_submit(organization=desk, submission=submission())


def starts_work(worker: DeskWorker, reference: str) -> None:
    worker.find_in_queue(reference)
    worker.open_case(reference)
    expect(worker.status()).to_have_text(worker.label(Status.RECEIVED))
    worker.status_button(Action.START).click()
    expect(worker.flash()).to_have_text(worker.t("The status has been changed."))
    expect(worker.status()).to_have_text(worker.label(Status.IN_PROGRESS))
    expect(worker.timeline_entries(EventKind.STATUS_CHANGED).last).to_contain_text(
        f"{worker.label(Status.RECEIVED)} → {worker.label(Status.IN_PROGRESS)}"
    )


def records_the_identity(worker: DeskWorker, result=IdentityVerification.Result.VERIFIED) -> None:
    worker.unfold("Record a verification")
    worker.choose_choice("Method", VerificationMethod.DOCUMENT)
    worker.choose_choice("Identity document", IdDocument.PASSPORT)
    worker.tick(MASKING)
    worker.section("Identity verification").get_by_label(worker.label(result), exact=True).check()
    worker.press("Save the verification")
    expect(worker.flash()).to_have_text(worker.t("The identity verification has been recorded."))


def records_a_decision(worker: DeskWorker, decision: Decision, legal_ground=None, reasons: str = "") -> None:
    worker.unfold("Record the decision")
    worker.choose_choice("Decision", decision)
    if legal_ground:
        worker.choose_choice("Legal ground", legal_ground)
    if reasons:
        worker.fill("Reasons (explained to the requester)", reasons)
    worker.press("Save the decision")


def test_a_refusal_is_approved_by_the_supervisor_and_the_case_is_decided(desk_page, language, desk, web_request):
    reception, reception_device = desk_worker(desk, "reception", "uketsuke")
    supervisor, supervisor_device = desk_worker(desk, "supervisor", "sekininsha")
    reference = web_request.reference
    worker = DeskWorker(desk_page, language)

    # The receptionist
    worker.sign_in(reception, reception_device)
    starts_work(worker, reference)
    expect(worker.status_button(Action.DECIDE)).to_have_count(0)

    identity = worker.section("Identity verification")
    expect(identity.get_by_role("heading")).to_contain_text(worker.t("Not verified"))
    records_the_identity(worker)
    expect(identity.get_by_role("heading")).to_contain_text(worker.label(IdentityVerification.Result.VERIFIED))
    expect(identity.get_by_role("listitem")).to_contain_text(
        f"{worker.label(VerificationMethod.DOCUMENT)} ({worker.label(IdDocument.PASSPORT)}) — "
        f"{worker.label(IdentityVerification.Result.VERIFIED)}"
    )
    expect(worker.timeline_entries(EventKind.IDENTITY).last).to_contain_text(
        f"{worker.label(VerificationMethod.DOCUMENT)}: {worker.label(IdentityVerification.Result.VERIFIED)}"
    )

    fee = worker.section("Handling fee")
    expect(fee.get_by_role("heading")).to_contain_text(worker.label(FeeStatus.DUE))
    worker.unfold("Record a payment, waiver or extra fee")
    worker.choose_choice("Record", FeeRecord.Kind.PAYMENT)
    worker.fill("Amount (JPY, tax included)", "1000")
    worker.choose_choice("Payment method", PaymentMethod.BANK_TRANSFER)
    worker.fill("Date received", timezone.localdate().isoformat())
    worker.press("Save")
    expect(worker.flash()).to_have_text(worker.t("The handling fee has been recorded."))
    expect(fee.get_by_role("heading")).to_contain_text(worker.label(FeeStatus.RECEIVED))
    expect(worker.timeline_entries(EventKind.FEE).last).to_contain_text(
        worker.t("%(kind)s, %(amount)s JPY") % {"kind": worker.label(FeeRecord.Kind.PAYMENT), "amount": "1,000"}
    )

    records_a_decision(worker, Decision.REFUSED, LegalGround.BUSINESS, REASONS)
    expect(worker.flash()).to_have_text(worker.t("The decision has been recorded."))
    decisions = worker.section("Decisions")
    expect(decisions).to_contain_text(f"{worker.label(RequestType.DISCLOSURE)} — {worker.label(Decision.REFUSED)}")
    expect(decisions).to_contain_text(REASONS)
    expect(decisions.locator(".badge")).to_have_text(worker.label(Approval.PENDING))
    expect(worker.timeline_entries(EventKind.DECISION).last).to_contain_text(
        f"{worker.label(RequestType.DISCLOSURE)}: {worker.label(Decision.REFUSED)} "
        f"({worker.label(LegalGround.BUSINESS)})"
    )
    expect(worker.status_button(Action.DECIDE)).to_have_count(0)  # not before the supervisor's approval
    worker.sign_out()
    expect(worker.flash()).to_have_text(worker.t("You have signed out."))

    # The supervisor, at the same desk
    worker.sign_in(supervisor, supervisor_device)
    worker.find_in_queue(reference)
    worker.open_case(reference)
    expect(decisions.locator(".badge")).to_have_text(worker.label(Approval.PENDING))
    worker.choose("Approval", "Approve")
    worker.press("Save the approval")
    expect(worker.flash()).to_have_text(worker.t("The supervisor's answer has been recorded."))
    expect(decisions.locator(".badge")).to_have_text(worker.label(Approval.APPROVED))
    expect(worker.timeline_entries(EventKind.APPROVAL).last).to_contain_text(
        f"{worker.label(RequestType.DISCLOSURE)}: {worker.t('approved')}"
    )

    worker.status_button(Action.DECIDE).click()
    expect(worker.flash()).to_have_text(worker.t("The status has been changed."))
    expect(worker.status()).to_have_text(worker.label(Status.DECIDED))
    expect(worker.timeline_entries(EventKind.STATUS_CHANGED).last).to_contain_text(
        f"{worker.label(Status.IN_PROGRESS)} → {worker.label(Status.DECIDED)}"
    )
    assert Case.objects.get(pk=web_request.pk).status == Status.DECIDED


def test_a_decision_cannot_be_recorded_before_the_identity_is_verified(desk_page, language, desk, web_request):
    reception, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(reception, device)
    starts_work(worker, web_request.reference)

    expect(worker.status_button(Action.DECIDE)).to_have_count(0)  # the status button is not offered yet
    records_a_decision(worker, Decision.GRANTED)  # and the decision panel refuses

    expect(worker.flash()).to_have_text(worker.t("Verify the requester's identity before deciding."))
    expect(worker.status()).to_have_text(worker.label(Status.IN_PROGRESS))
    decided = f"{worker.label(RequestType.DISCLOSURE)} — {worker.label(Decision.GRANTED)}"
    expect(worker.section("Decisions").get_by_text(decided)).to_have_count(0)
    assert Case.objects.get(pk=web_request.pk).requests.get().decision == Decision.PENDING


def test_record_the_decision_on_a_page_left_open_is_refused_once_the_identity_is_no_longer_verified(
    desk_page, language, desk
):
    """Two tabs: the decision button was offered, then the verification was recorded as failed in the other.

    The page left open is older than the case: the decision is refused with what changed (the verification).
    """
    correction = case_submit(organization=desk, submission=submission(request_types=["correction"]))  # no fee
    reception, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(reception, device)
    starts_work(worker, correction.reference)
    records_the_identity(worker)
    records_a_decision(worker, Decision.GRANTED)
    expect(worker.flash()).to_have_text(worker.t("The decision has been recorded."))
    expect(worker.status_button(Action.DECIDE)).to_be_visible()

    other_tab = DeskWorker(desk_page.context.new_page(), language)
    other_tab.page.goto(desk_page.url)
    records_the_identity(other_tab, IdentityVerification.Result.FAILED)
    expect(other_tab.section("Identity verification").get_by_role("heading")).to_contain_text(
        other_tab.t("Not verified")
    )
    other_tab.page.close()

    worker.status_button(Action.DECIDE).click()  # from the page left open: told what changed since
    told = worker.t(
        "Someone else changed this case while you were working on it (%(what)s, by %(who)s, %(when)s). "
        "Your input is kept below; review the case and send again."
    )
    expect(worker.flash()).to_contain_text(told.split("%(")[0])
    expect(worker.flash()).to_contain_text(worker.t("Identity verification"))
    expect(worker.status()).to_have_text(worker.label(Status.IN_PROGRESS))
    assert Case.objects.get(pk=correction.pk).status == Status.IN_PROGRESS


def test_switching_the_language_after_a_refused_action_shows_the_case_page(desk_page, language, desk, web_request):
    reception, device = desk_worker(desk, "reception", "uketsuke")
    worker = DeskWorker(desk_page, language)
    worker.sign_in(reception, device)
    starts_work(worker, web_request.reference)
    records_a_decision(worker, Decision.GRANTED)
    expect(worker.flash()).to_have_text(worker.t("Verify the requester's identity before deciding."))

    other = DeskWorker(desk_page, "ja" if language == "en" else "en")
    desk_page.get_by_role("button", name={"ja": "日本語", "en": "English"}[other.language], exact=True).click()

    expect(desk_page.locator("html")).to_have_attribute("lang", other.language)
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(web_request.reference)
    expect(other.status()).to_have_text(other.label(Status.IN_PROGRESS))
