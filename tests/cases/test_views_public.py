"""The customer's journey through the Django test client: form → confirmation → done → tracking."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from privacydesk.cases.models import Case, Notification, StagedUpload
from tests.cases.helpers import form_data
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def strip_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def url(org, kind="request", step="", lang="ja"):
    return f"/{lang}/{org.slug}/{kind}/" + (f"{step}/" if step else "")


def file_case(client, org, kind="request", lang="ja", **overrides):
    response = client.post(url(org, kind, lang=lang), form_data(kind, **overrides))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert response["Location"] == url(org, kind, "confirm", lang)
    response = client.post(url(org, kind, "confirm", lang), {"action": "send"})
    assert response["Location"] == url(org, kind, "done", lang)
    return Case.objects.latest("created_at")


def test_a_request_goes_through_confirmation_to_a_reference_number(client, organization):
    response = client.post(url(organization), form_data())
    confirm = client.get(response["Location"]).content.decode()
    assert "03-1234-5678" in confirm and "ヤマダ タロウ" in confirm and "135-0016" in confirm
    assert "2,000" in confirm  # 1,000 yen × 2 contracts
    assert not Case.objects.exists()  # nothing is sent before the visitor presses Send
    client.post(url(organization, step="confirm"), {"action": "send"})
    case = Case.objects.get()
    done = client.get(url(organization, step="done")).content.decode()
    assert case.reference in done
    assert case.tracking_token() in done
    assert (case.phone, case.furigana, case.fee_amount, case.language) == ("0312345678", "ヤマダ タロウ", 2000, "ja")


def test_back_to_edit_keeps_everything_typed(client, organization):
    client.post(url(organization), form_data(name="山田 花子"))
    response = client.post(url(organization, step="confirm"), {"action": "edit"})
    page = client.get(response["Location"]).content.decode()
    assert 'value="山田 花子"' in page
    assert re.search(r'<input[^>]*value="disclosure"[^>]*checked', page)


def test_errors_keep_what_was_typed_and_the_uploaded_file(client, organization):
    upload = SimpleUploadedFile("licence.png", image_bytes())
    response = client.post(
        url(organization),
        {**form_data(email="not-an-email"), "id_document_type": "passport", "id_document": upload},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="山田 太郎"' in page
    assert "licence.png" in page  # listed as already sent
    assert StagedUpload.objects.count() == 1
    # Correct the e-mail without choosing the file again: the file goes with the case.
    response = client.post(url(organization), form_data())
    assert response.status_code == 302
    client.post(url(organization, step="confirm"), {"action": "send"})
    assert Case.objects.get().attachments.get().original_name == "licence.png"


def test_a_staged_file_can_be_removed(client, organization):
    client.post(
        url(organization), {**form_data(email=""), "other_document": SimpleUploadedFile("a.png", image_bytes())}
    )
    token = str(StagedUpload.objects.get().token)
    client.post(url(organization), {**form_data(), "remove_upload": token})
    assert not StagedUpload.objects.exists()


def test_a_refused_file_is_explained_next_to_its_field(client, organization):
    response = client.post(
        url(organization, lang="en"),
        {**form_data(language="en"), "other_document": SimpleUploadedFile("photo.jpg", b"plain text")},
    )
    assert response.status_code == 200
    assert "“photo.jpg” is not a JPEG, PNG or PDF file" in response.content.decode()


def test_postal_code_fills_the_address_without_javascript(client, organization):
    response = client.post(url(organization), {**form_data(address=""), "lookup_postal": "address"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="東京都江東区東陽"' in page
    assert "is-invalid" not in page  # a look-up is not a failed submission


def test_the_honeypot_keeps_bots_out(client, organization):
    response = client.post(url(organization), form_data(website="buy now"))
    assert response.status_code == 200 and not Case.objects.exists()


def test_submissions_are_rate_limited_per_address(client, organization, settings):
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 2
    file_case(client, organization)
    file_case(client, organization)
    client.post(url(organization), form_data())
    response = client.post(url(organization, step="confirm"), {"action": "send"}, follow=True)
    assert Case.objects.count() == 2
    assert "Please try again later" in response.content.decode() or "時間をおいて" in response.content.decode()
    assert 'value="山田 太郎"' in client.get(url(organization)).content.decode()  # the draft is kept


def test_an_english_inquiry_is_answered_in_english(client, organization):
    case = file_case(client, organization, kind="inquiry", lang="en", language="en")
    assert case.language == "en" and case.kind == "inquiry"
    assert Notification.objects.get(case=case).language == "en"


def test_confirmation_without_a_draft_goes_back_to_the_form(client, organization):
    assert client.get(url(organization, step="confirm"))["Location"] == url(organization)


def test_an_unknown_kind_or_desk_is_not_found(client, organization):
    assert client.get(f"/ja/{organization.slug}/wish/").status_code == 404
    assert client.get("/ja/no-such-desk/request/").status_code == 404


def test_landing_page_shows_fee_and_documents_in_both_languages(client, organization):
    ja = client.get(f"/ja/{organization.slug}/").content.decode()
    en = client.get(f"/en/{organization.slug}/").content.decode()
    assert organization.name_ja in ja and 'lang="ja"' in ja
    assert organization.name_en in en and 'lang="en"' in en
    assert "1,000 yen (tax included) per contract" in en
    assert "Passport" in en


def test_tracking_page_needs_the_right_token(client, organization):
    case = file_case(client, organization)
    good = f"/ja/{organization.slug}/track/{case.reference}/{case.tracking_token()}/"
    assert client.get(good).status_code == 200
    assert client.get(good.replace(case.tracking_token(), "0" * 32)).status_code == 404
    assert client.get(f"/ja/{organization.slug}/track/2611-AAAA-BBBB/{'0' * 32}/").status_code == 404


def test_tracking_page_shows_what_the_desk_needs(client, organization):
    case = file_case(client, organization, lang="en", language="en")
    page = client.get(f"/en/{organization.slug}/track/{case.reference}/{case.tracking_token()}/").content.decode()
    assert "A copy of an identity document." in page
    assert "The handling fee of 2,000 yen (tax included)." in page


def test_requester_adds_a_message_and_a_document_on_the_tracking_page(client, organization):
    case = file_case(client, organization)
    track = f"/ja/{organization.slug}/track/{case.reference}/{case.tracking_token()}/"
    response = client.post(
        track,
        {
            "message": "免許証の写しです。",
            "document_kind": "id_document",
            "document": SimpleUploadedFile("id.png", image_bytes()),
        },
    )
    assert response.status_code == 302
    message = case.messages.get()
    assert message.body == "免許証の写しです。" and message.attachments.get().kind == "id_document"
    assert Notification.objects.filter(case=case, kind="message_received").exists()


def test_an_empty_tracking_message_is_refused(client, organization):
    case = file_case(client, organization, lang="en", language="en")
    track = f"/en/{organization.slug}/track/{case.reference}/{case.tracking_token()}/"
    response = client.post(track, {"message": ""})
    assert "Write a message or choose a document to send." in response.content.decode()


def test_lost_link_answers_the_same_whether_or_not_the_case_exists(client, organization):
    case = file_case(client, organization, lang="en", language="en")
    lookup = f"/en/{organization.slug}/track/"
    right = client.post(lookup, {"reference": case.reference, "email": "taro@example.com"}, follow=True)
    wrong = client.post(lookup, {"reference": case.reference, "email": "x@example.com"}, follow=True)
    assert strip_csrf(right.content.decode()) == strip_csrf(wrong.content.decode())
    assert Notification.objects.filter(kind="tracking_link").count() == 1
    assert "If the reference number and e-mail address match a case" in wrong.content.decode()


def test_the_same_draft_sent_twice_files_one_case(client, organization):
    from privacydesk.cases import drafts
    from privacydesk.cases.services import case_submit
    from tests.cases.helpers import submission

    client.post(url(organization), form_data())
    key = client.session[f"draft:{organization.slug}:request"]["nonce"]
    first = case_submit(organization=organization, submission=submission(), submission_key=key)
    again = case_submit(organization=organization, submission=submission(), submission_key=key)
    assert first.pk == again.pk and Case.objects.count() == 1
    # The draft's key is what the confirmation page files with: a double click gives one case.
    client.post(url(organization, step="confirm"), {"action": "send"})
    assert Case.objects.count() == 1
    assert drafts.Draft(key="x").nonce != drafts.Draft(key="x").nonce  # a new draft, a new key
