"""The staff pages: queue filters and search, constant query counts, the case page, actions, CSV, intake."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from privacydesk.audit.models import AuditEntry
from privacydesk.cases.demo import bulk_cases_create
from privacydesk.cases.models import Case, CaseEvent
from privacydesk.cases.services import case_submit
from privacydesk.cases.services.intake import Requester
from tests.cases.helpers import form_data, submission, with_version
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queue_costs_the_same_queries_for_ten_cases_as_for_hundreds(staff_client, organization):
    bulk_cases_create([organization], 10)
    staff_client.get("/en/staff/")  # the first request of a session also saves the session
    few = queries(staff_client, "/en/staff/")
    bulk_cases_create([organization], 300, seed=8)
    assert queries(staff_client, "/en/staff/") == few <= 10
    filtered = "/en/staff/?status=open&kind=request&request_type=disclosure&assignee=me&due=soon&q=山田"
    assert queries(staff_client, filtered) <= 10


def test_case_page_costs_the_same_queries_whatever_the_timeline(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    staff_client.get(f"/en/staff/cases/{case.pk}/")  # the first view adds its timeline entry
    few = queries(staff_client, f"/en/staff/cases/{case.pk}/")
    CaseEvent.objects.bulk_create([CaseEvent(case=case, kind="note", data={"text": f"メモ{i}"}) for i in range(30)])
    assert queries(staff_client, f"/en/staff/cases/{case.pk}/") == few


@pytest.mark.parametrize(
    ("typed", "field"),
    [("taro@EXAMPLE.com", "email"), ("０３－１２３４－５６７８", "phone"), ("やまだ", "furigana"), ("山田", "name")],
)
def test_queue_search_finds_a_person_however_it_is_typed(staff_client, organization, typed, field):
    requester = Requester(name="山田 太郎", furigana="ヤマダ タロウ", email="Taro@example.com", phone="0312345678")
    wanted = case_submit(organization=organization, submission=submission(requester=requester))
    other = case_submit(
        organization=organization, submission=submission(requester=Requester(name="佐藤 花子", email="h@example.com"))
    )
    page = staff_client.get("/en/staff/", {"q": typed}).content.decode()
    assert f"/staff/cases/{wanted.pk}/" in page and f"/staff/cases/{other.pk}/" not in page


def test_queue_search_by_reference_number(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    typed = case.reference.replace("-", "").lower()
    page = staff_client.get("/en/staff/", {"q": typed}).content.decode()
    assert f"/staff/cases/{case.pk}/" in page


def test_queue_shows_counts_per_status_in_japanese(staff_client, organization):
    case_submit(organization=organization, submission=submission())
    page = staff_client.get("/ja/staff/").content.decode()
    assert 'lang="ja"' in page and "受付番号" in page


def test_viewing_a_case_is_audited_and_on_the_timeline(staff_client, organization, reception):
    case = case_submit(organization=organization, submission=submission())
    staff_client.get(f"/en/staff/cases/{case.pk}/")
    staff_client.get(f"/en/staff/cases/{case.pk}/")
    assert AuditEntry.objects.filter(action="view_case", case_id=case.pk, username=reception.username).count() == 2
    assert case.events.filter(kind="viewed").count() == 1  # once per half hour on the timeline


def test_a_refused_action_says_why_and_keeps_what_was_typed(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    response = staff_client.post(
        f"/en/staff/cases/{case.pk}/identity/",
        with_version(
            case,
            {
                "idv-method": "document",
                "idv-result": "verified",
                "idv-document_type": "passport",
                "idv-note": "窓口で確認",
            },
        ),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Confirm the masking checklist" in page and 'value="窓口で確認"' in page


def test_an_illegal_transition_is_refused_with_a_clear_message(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    response = staff_client.post(f"/en/staff/cases/{case.pk}/status/", with_version(case, {"status-action": "close"}))
    assert response.status_code == 409
    assert "is not possible while the case is" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "received"


def test_a_note_is_added_to_the_timeline_and_audited(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    response = staff_client.post(
        f"/en/staff/cases/{case.pk}/note/", with_version(case, {"note-text": "電話で折り返し予定"})
    )
    assert response.status_code == 302
    assert case.events.get(kind="note").data["text"] == "電話で折り返し予定"
    assert AuditEntry.objects.filter(action="change", case_id=case.pk).exists()


def test_a_document_download_is_audited_and_never_cached(staff_client, organization):
    client_for_public = staff_client  # the same browser may also use the public form
    client_for_public.post(
        f"/ja/{organization.slug}/request/",
        {**form_data(), "id_document_type": "passport", "id_document": SimpleUploadedFile("id.png", image_bytes())},
    )
    client_for_public.post(f"/ja/{organization.slug}/request/confirm/", {"action": "send"})
    case = Case.objects.get()
    attachment = case.attachments.get()
    response = staff_client.get(f"/en/staff/cases/{case.pk}/documents/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes()
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.get(action="download").detail["name"] == "id.png"


def test_csv_export_opens_in_excel_in_japan(staff_client, organization):
    case_submit(organization=organization, submission=submission())
    response = staff_client.get("/ja/staff/export.csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "受付番号" and rows[1][8] == "山田 太郎"
    assert AuditEntry.objects.filter(action="export").exists()


def test_staff_enter_a_case_received_by_post_with_its_date_of_arrival(staff_client, organization):
    url = f"/en/staff/new/?organization={organization.pk}&kind=request"
    data = form_data(channel="post", received_at="2026-11-02T10:30", language="ja", consent=None, email="")
    data["scanned_document"] = SimpleUploadedFile("request.pdf", b"%PDF-1.4\n%%EOF\n")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert (case.channel, timezone.localtime(case.received_at).isoformat()[:16]) == ("post", "2026-11-02T10:30")
    assert case.events.get(kind="entered").actor is not None
    assert case.attachments.get().original_name == "request.pdf"


def test_staff_intake_refuses_a_future_date_of_arrival(staff_client, organization):
    url = f"/en/staff/new/?organization={organization.pk}&kind=inquiry"
    response = staff_client.post(
        url, form_data("inquiry", channel="phone", received_at="2099-01-01T10:00", consent=None)
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def test_every_form_on_the_case_page_has_its_own_ids(staff_client, organization):
    import re

    case = case_submit(organization=organization, submission=submission())
    page = staff_client.get(f"/en/staff/cases/{case.pk}/").content.decode()
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_after_a_refused_action_the_language_switch_leads_back_to_the_case(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    response = staff_client.post(f"/en/staff/cases/{case.pk}/status/", with_version(case, {"status-action": "close"}))
    assert f'name="next" type="hidden" value="/ja/staff/cases/{case.pk}/"' in response.content.decode()
