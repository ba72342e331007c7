"""The person's data export and the supervisors' retention page."""

import io
import json
import zipfile
from datetime import timedelta

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.cases.models import Kind
from privacydesk.cases.services import Requester, case_submit
from privacydesk.retention.models import RetentionRule
from privacydesk.retention.services import purge_expired_data
from tests.cases.helpers import submission
from tests.conftest import sign_in
from tests.factories import OrganizationFactory

from .helpers import ID_COPY, PERSON, answered_inquiry, close_request, letter_with_pdf, verified_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(organization, reception, supervisor):
    request = verified_request(organization, reception)
    letter = letter_with_pdf(request, reception)
    # The same person by telephone only (another e-mail address; the form normalises the number).
    inquiry = answered_inquiry(
        organization, reception, requester=Requester(name="架空 花子", email="other@example.jp", phone="0355550199")
    )
    stranger = case_submit(organization=organization, submission=submission())
    foreign_desk = OrganizationFactory()
    foreign = case_submit(organization=foreign_desk, submission=submission(requester=PERSON))
    return {"request": request, "letter": letter, "inquiry": inquiry, "stranger": stranger, "foreign": foreign}


def export(client, case):
    response = client.post(f"/en/staff/retention/export/{case.pk}/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert f"personal-data-{case.reference}.zip" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_holds_every_case_of_the_person_in_the_desks_of_the_user_and_nothing_else(client, supervisor, cases):
    request, inquiry = cases["request"], cases["inquiry"]
    archive = export(sign_in(client, supervisor), request)
    names = archive.namelist()
    person = json.loads(archive.read("person.json"))
    assert person["cases"] == [request.reference, inquiry.reference]
    assert {d["details"]["email"] for d in person["details_as_held"]} == {"hanako.kakuu@example.jp", "other@example.jp"}
    assert cases["foreign"].reference not in json.dumps(person) and not any(
        cases["foreign"].reference in n for n in names
    )
    assert not any(cases["stranger"].reference in n for n in names)

    case_json = json.loads(archive.read(f"cases/{request.reference}/case.json"))
    assert case_json["person"]["name"] == "架空 花子" and case_json["requests"][0]["request_type"] == "disclosure"
    assert any(e["kind"] == "identity" for e in case_json["timeline"])
    assert case_json["identity_verifications"][0]["result"] == "verified" and case_json["fees"][0]["kind"] == "waiver"
    assert case_json["letters"][0]["pdf"] == "letters/acknowledgement-v1.pdf"
    letter_pdf = archive.read(f"cases/{request.reference}/letters/acknowledgement-v1.pdf")
    assert letter_pdf.startswith(b"%PDF-1.4 letter to Hanako")
    document = next(d for d in case_json["documents"] if d["kind"] == "id_document")
    assert archive.read(f"cases/{request.reference}/{document['file']}") == ID_COPY  # decrypted
    assert json.loads(archive.read(f"cases/{inquiry.reference}/case.json"))["kind"] == Kind.INQUIRY

    entry = AuditEntry.objects.get(action="download", case_id=request.pk)
    assert entry.detail == {"what": "personal data export", "cases": [request.reference, inquiry.reference]}
    assert entry.username == supervisor.username


def test_reception_staff_cannot_export_and_nothing_is_audited(client, reception, cases):
    response = sign_in(client, reception).post(f"/en/staff/retention/export/{cases['request'].pk}/")
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="download").exists()


def test_a_supervisor_of_another_desk_gets_not_found(client, cases):
    from tests.factories import UserFactory

    outsider = UserFactory(role="supervisor")
    outsider.organizations.add(cases["foreign"].organization)
    response = sign_in(client, outsider).post(f"/en/staff/retention/export/{cases['request'].pk}/")
    assert response.status_code == 404


def test_the_export_of_an_anonymised_case_holds_no_personal_data(client, organization, reception, supervisor):
    case = close_request(verified_request(organization, reception), reception)
    RetentionRule.objects.create(
        organization=organization, data_kind="closed_cases", action="anonymise", period_days=0, counted_from="closing"
    )
    purge_expired_data(now=case.closed_at + timedelta(days=1))
    archive = export(sign_in(client, supervisor), case)
    assert archive.namelist() == ["person.json", f"cases/{case.reference}/case.json"]
    assert "架空" not in archive.read(f"cases/{case.reference}/case.json").decode()


@pytest.mark.parametrize("lang, heading", [("ja", "保存期間"), ("en", "Retention")])
def test_supervisors_see_the_records_the_rules_and_the_next_run(
    client, organization, reception, supervisor, lang, heading
):
    RetentionRule.objects.create(
        organization=organization, data_kind="closed_cases", action="delete", period_days=0, counted_from="closing"
    )
    gone = answered_inquiry(organization, reception)
    purge_expired_data(now=gone.closed_at + timedelta(days=1))
    due = answered_inquiry(organization, reception)
    foreign = answered_inquiry(OrganizationFactory(), reception)
    page = sign_in(client, supervisor).get(f"/{lang}/staff/retention/")
    assert page.status_code == 200
    text = page.content.decode()
    assert gone.reference in text  # the destruction record
    assert due.reference in text  # what the next run would delete (closed_at is now: due at once)
    assert foreign.reference not in text
    assert "架空 花子" not in text
    if lang == "en":
        assert heading in text


def test_reception_staff_do_not_see_the_retention_page(client, reception):
    assert sign_in(client, reception).get("/en/staff/retention/").status_code == 403
