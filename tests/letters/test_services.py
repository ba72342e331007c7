"""The life of a letter: draft, preview, approval, production by the worker, posting, electronic delivery."""

from datetime import date

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.core.errors import ActionRefused
from privacydesk.letters.models import LetterBatch, LetterStatus
from privacydesk.letters.selectors import todays_mail
from privacydesk.letters.services import (
    batch_build,
    letter_approve,
    letter_draft,
    letter_generate,
    letter_regenerate,
    letter_submit,
    letters_mark_posted,
)
from tests.letters.helpers import decided_request, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def case(organization, reception, supervisor):
    return decided_request(organization, reception, supervisor, decision="refused")


def test_a_refusal_letter_needs_another_persons_approval_before_it_is_produced(case, reception, supervisor):
    letter = letter_draft(case=case, kind="refusal", actor=reception)
    assert letter.status == LetterStatus.DRAFT
    letter_submit(letter_id=letter.pk, actor=reception)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.AWAITING_APPROVAL
    assert not letter_generate(letter_id=letter.pk)  # nothing is produced before approval
    with pytest.raises(ActionRefused):
        letter_approve(letter_id=letter.pk, actor=reception)
    letter_approve(letter_id=letter.pk, actor=supervisor)
    assert letter_generate(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.pdf and len(letter.sha256) == 64
    assert "ご請求に対する決定について" in pdf_text(letter.pdf.read())
    event = case.events.filter(kind="letter", data__what="generated").get()
    assert event.data["sha256"] == letter.sha256


def test_producing_twice_renders_once(case, reception):
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    letter_submit(letter_id=letter.pk, actor=reception)
    assert letter_generate(letter_id=letter.pk) is True
    assert letter_generate(letter_id=letter.pk) is False


def test_regenerating_keeps_the_old_version(case, reception):
    first = letter_draft(case=case, kind="acknowledgement", actor=reception)
    letter_submit(letter_id=first.pk, actor=reception)
    letter_generate(letter_id=first.pk)
    second = letter_regenerate(letter_id=first.pk, actor=reception)
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.status == LetterStatus.SUPERSEDED and first.pdf  # the old PDF is kept
    assert second.number != first.number


def test_a_decision_letter_waits_for_every_decision(organization, reception):
    from privacydesk.cases.services import case_submit
    from tests.cases.helpers import submission

    undecided = case_submit(organization=organization, submission=submission())
    with pytest.raises(ActionRefused):
        letter_draft(case=undecided, kind="disclosure", actor=reception)


def test_todays_mail_then_posted_shows_on_the_timeline_and_tracking_page(client, case, reception):
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    letter_submit(letter_id=letter.pk, actor=reception)
    assert list(todays_mail()) == [letter]
    posted = {"actor": reception, "posted_on": date(2026, 11, 25), "service": "ordinary"}
    assert letters_mark_posted(letter_ids=[letter.pk], **posted) == 0  # never printed: cannot have been posted
    letter_generate(letter_id=letter.pk)
    letters_mark_posted(
        letter_ids=[letter.pk],
        actor=reception,
        posted_on=date(2026, 11, 25),
        service="simple_registered",
        tracking_numbers={letter.pk: "123-45-67890-1"},
    )
    assert list(todays_mail()) == []
    assert case.events.filter(kind="letter", data__what="posted").exists()
    page = client.get(f"/en/{case.organization.slug}/track/{case.reference}/{case.tracking_token()}/").content.decode()
    assert "posted on" in page and "123-45-67890-1" in page


def test_an_electronic_reply_is_downloaded_from_the_tracking_page_and_audited(
    client, organization, reception, supervisor
):
    case = decided_request(organization, reception, supervisor, reply_method="electronic")
    letter = letter_draft(case=case, kind="disclosure", actor=reception, body="氏名、住所")
    letter_submit(letter_id=letter.pk, actor=reception)
    letter_approve(letter_id=letter.pk, actor=supervisor)
    letter_generate(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DELIVERED and list(todays_mail()) == []
    url = f"/en/{organization.slug}/track/{case.reference}/{case.tracking_token()}/letters/{letter.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="download", case_id=case.pk).exists()
    assert client.get(url.replace(case.tracking_token(), "0" * 32)).status_code == 404


def test_a_batch_is_one_pdf_with_every_letter_once_and_resumes_after_a_crash(
    organization, reception, supervisor, settings
):
    settings.LETTER_BATCH_CHUNK = 2
    letters = []
    for _ in range(5):
        case = decided_request(organization, reception, supervisor)
        letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
        letter_submit(letter_id=letter.pk, actor=reception)
        letters.append(letter)
    batch = LetterBatch.objects.create(created_by=reception, total=5)
    batch.letters.set(letters)
    # A worker rendered the first chunk, then died: the batch resumes from the second chunk.
    from django.core.files.base import ContentFile

    from privacydesk.letters.rendering import document_html, html_to_pdf, letter_section

    ordered = list(batch.letters.order_by("case__organization_id", "number"))
    first = batch.pdf.storage.save(
        "batches/test-0000.pdf", ContentFile(html_to_pdf(document_html([letter_section(x) for x in ordered[:2]])))
    )
    LetterBatch.objects.filter(pk=batch.pk).update(chunks=[first], done=2, status="running")
    batch = batch_build(batch_id=batch.pk)
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(batch.pdf.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert batch.status == "done" and batch.done == 5
    assert [text.count(x.case.reference) for x in ordered] == [1, 1, 1, 1, 1]
