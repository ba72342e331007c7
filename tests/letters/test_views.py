"""Letters at the staff desk and the public request form."""

import pytest

from privacydesk.letters.models import Letter, LetterBatch, LetterText
from privacydesk.letters.rendering import letter_section
from privacydesk.letters.services import letter_submit
from tests.cases.helpers import with_version
from tests.conftest import sign_in
from tests.letters.helpers import decided_request, pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def case(organization, reception, supervisor):
    return decided_request(organization, reception, supervisor, decision="refused")


def test_staff_write_and_preview_a_letter_before_it_is_produced(client, case, reception):
    sign_in(client, reception)
    data = with_version(case, {"letter-kind": "refusal", "letter-body": ""})
    response = client.post(f"/en/staff/cases/{case.pk}/letters/new/", data)
    letter = Letter.objects.get()
    assert response["Location"] == f"/en/staff/letters/{letter.pk}/preview/"
    page = client.get(response["Location"]).content.decode()
    assert "ご請求に対する決定について" in page  # the letter in the requester's language
    assert "Submit to the supervisor" in page
    assert not letter.pdf


def test_the_print_file_of_todays_mail_and_the_mailing_list(
    client, case, reception, settings, django_capture_on_commit_callbacks
):
    from privacydesk.letters.services import batch_build, letter_draft

    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    letter_submit(letter_id=letter.pk, actor=reception)
    sign_in(client, reception)
    page = client.get("/en/staff/mail/").content.decode()
    assert case.reference in page
    response = client.post("/en/staff/mail/print/")
    batch = LetterBatch.objects.get()
    batch_build(batch_id=batch.pk)  # what the worker does
    progress = client.get(response["Location"]).content.decode()
    assert "100%" in progress and "Download the print file" in progress
    pdf = b"".join(client.get(f"/en/staff/mail/print/{batch.pk}/pdf/").streaming_content)
    assert case.reference in pdf_text(pdf)
    csv_text = client.get("/en/staff/mail/list.csv").content.decode("utf-8")
    assert csv_text.startswith("\ufeff") and case.name in csv_text
    client.post("/en/staff/mail/posted/", {"letter": [letter.pk], "posted_on": "2026-11-25", "service": "recorded"})
    letter.refresh_from_db()
    assert letter.status == "posted" and letter.postal_service == "recorded"


def test_supervisors_word_the_free_text_parts_and_new_letters_use_it(client, case, reception, supervisor):
    sign_in(client, supervisor)
    url = f"/en/staff/letters/wording/?organization={case.organization_id}&kind=acknowledgement&language=ja"
    client.post(
        url,
        {
            "opening": "<script>alert(1)</script>平素より当社サービスをご利用いただきありがとうございます。",
            "closing": "",
        },
    )
    assert LetterText.objects.get().opening.startswith("<script>")
    from privacydesk.letters.services import letter_draft

    html = letter_section(letter_draft(case=case, kind="acknowledgement", actor=reception))
    assert "平素より当社サービスをご利用いただきありがとうございます。" in html
    assert "<script>" not in html  # plain text only: no template code or markup from the browser


def test_the_printable_request_form_in_both_languages(client, organization):
    ja = client.get(f"/ja/{organization.slug}/request-form/").content.decode()
    en = client.get(f"/en/{organization.slug}/request-form/").content.decode()
    assert organization.name_ja in ja and "御中" in ja
    assert "Request form for disclosure, etc." in en and "Disclosure" in en
    response = client.get(f"/en/{organization.slug}/request-form.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "Request form for disclosure, etc." in pdf_text(response.content)


def test_todays_mail_and_its_mailing_list_address_the_agent_with_the_letters_document_number(client, case, reception):
    from privacydesk.cases.models import Case
    from privacydesk.letters.services import letter_draft

    Case.objects.filter(pk=case.pk).update(
        agent_type="appointed", agent_name="代理 花子", agent_postal_code="100-0001", agent_address="東京都千代田区1-1"
    )
    letter = letter_submit(
        letter_id=letter_draft(case=case, kind="acknowledgement", actor=reception).pk, actor=reception
    )
    assert letter.document_number == f"個相第{letter.number}号"
    sign_in(client, reception)
    page = client.get("/en/staff/mail/").content.decode()
    assert "〒100-0001 東京都千代田区1-1 代理 花子" in page and letter.document_number in page
    csv_text = client.get("/en/staff/mail/list.csv").content.decode("utf-8")
    assert f"{letter.document_number},100-0001,東京都千代田区1-1,代理 花子" in csv_text
    html = letter_section(letter)
    assert (
        "東京都千代田区1-1" in html and letter.document_number in html and "東京都江東区" not in html.split("meta")[0]
    )


@pytest.fixture
def failed(case, reception, settings):
    """A letter and a print file that failed on their only attempt (their language has no letter templates)."""
    from privacydesk.letters.services import letter_draft
    from privacydesk.letters.tasks import build_batch, generate_letter

    settings.LETTER_MAX_ATTEMPTS = 1
    letter = letter_submit(
        letter_id=letter_draft(case=case, kind="acknowledgement", actor=reception).pk, actor=reception
    )
    Letter.objects.filter(pk=letter.pk).update(language="de")
    generate_letter.apply(args=[letter.pk])
    batch = LetterBatch.objects.create(created_by=reception, total=1)
    batch.letters.set([letter])
    build_batch.apply(args=[batch.pk])
    letter.refresh_from_db()
    batch.refresh_from_db()
    assert letter.status == batch.status == "failed"
    return letter, batch


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("ja", "作成できなかった書面・印刷用ファイル", "再試行する"),
        ("en", "Letters and print files that could not be produced", "Try again"),
    ],
)
def test_supervisors_see_what_could_not_be_produced_on_todays_mail_with_the_error(
    client, failed, reception, supervisor, language, heading, button
):
    letter, batch = failed
    sign_in(client, supervisor)
    page = client.get(f"/{language}/staff/mail/").content.decode()
    assert heading in page and button in page
    assert page.count("TemplateDoesNotExist") == 2  # the letter's error and the print file's
    assert letter.case.reference in page and f"/staff/letters/{letter.pk}/retry/" in page
    assert f"/staff/mail/print/{batch.pk}/retry/" in page
    sign_in(client, reception)
    assert heading not in client.get(f"/{language}/staff/mail/").content.decode()


def test_a_supervisor_tries_a_failed_letter_and_print_file_again_and_it_is_audited(client, failed, supervisor):
    from privacydesk.audit.models import AuditEntry

    letter, batch = failed
    sign_in(client, supervisor)
    assert client.post(f"/en/staff/letters/{letter.pk}/retry/")["Location"] == "/en/staff/mail/"
    assert client.post(f"/en/staff/mail/print/{batch.pk}/retry/")["Location"] == "/en/staff/mail/"
    letter.refresh_from_db()
    batch.refresh_from_db()
    assert (letter.status, letter.attempts, letter.last_error) == ("approved", 0, "")
    assert (batch.status, batch.attempts, batch.last_error) == ("pending", 0, "")
    assert AuditEntry.objects.filter(action="change", detail__what="letter retry", detail__letter=letter.pk).exists()
    assert AuditEntry.objects.filter(action="change", detail__what="print file retry", detail__batch=batch.pk).exists()
    # Trying again what has not failed changes nothing and is not audited.
    client.post(f"/en/staff/mail/print/{batch.pk}/retry/")
    assert AuditEntry.objects.filter(detail__what="print file retry").count() == 1
