"""The person's data export and the supervisors' retention page."""

import io
import json
import zipfile
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.cases.models import Kind
from privacydesk.cases.services import Requester, case_submit
from privacydesk.retention.models import RetentionRule
from privacydesk.retention.services import purge_expired_data
from tests.cases.helpers import submission
from tests.conftest import sign_in
from tests.factories import OrganizationFactory

from .helpers import (
    ID_COPY,
    PERSON,
    PERSONAL_VALUES,
    answered_inquiry,
    close_request,
    letter_with_pdf,
    verified_request,
)

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
    assert entry.detail == {
        "what": "personal data export",
        "organization": request.organization.slug,
        "cases": [request.reference, inquiry.reference],
    }
    assert entry.username == supervisor.username


def test_a_supervisor_of_two_organisations_exports_only_the_cases_organisations_records(client, reception):
    """The same person filed at two desks the supervisor works for: each desk's export holds its own cases only
    (it answers a disclosure request made to that company), and says so."""
    from tests.factories import UserFactory

    first, second = OrganizationFactory(), OrganizationFactory()
    supervisor = UserFactory(role="supervisor")
    supervisor.organizations.add(first, second)
    reception.organizations.add(first, second)
    at_first = verified_request(first, reception)
    also_at_first = answered_inquiry(first, reception)
    at_second = verified_request(second, reception)
    also_at_second = answered_inquiry(second, reception)
    client = sign_in(client, supervisor)

    for case, own, other in (
        (at_first, [at_first, also_at_first], [at_second, also_at_second]),
        (also_at_second, [at_second, also_at_second], [at_first, also_at_first]),
    ):
        archive = export(client, case)
        person = json.loads(archive.read("person.json"))
        assert person["cases"] == [c.reference for c in own]
        assert {n.split("/")[1] for n in archive.namelist() if n.startswith("cases/")} == {c.reference for c in own}
        whole = b"".join(archive.read(n) for n in archive.namelist()).decode("utf-8", "replace")
        assert not any(c.reference in whole for c in other)
        organization = case.organization
        assert person["scope"]["organization"] == organization.slug
        assert person["scope"]["organization_name_ja"] == organization.name_ja
        assert organization.name_ja in person["scope"]["ja"] and organization.name_en in person["scope"]["en"]
        assert {json.loads(archive.read(f"cases/{c.reference}/case.json"))["organization"] for c in own} == {
            organization.slug
        }
        entry = AuditEntry.objects.filter(action="download", case_id=case.pk).get()
        assert entry.detail["cases"] == [c.reference for c in own]


def test_the_case_page_button_names_the_organisation_of_the_export(client, supervisor, cases):
    page = sign_in(client, supervisor).get(f"/en/staff/cases/{cases['request'].pk}/").content.decode()
    name = cases["request"].organization.name_en or cases["request"].organization.name_ja
    assert f"Download this person's data held by {name} (ZIP)" in page


def test_the_export_reads_as_an_answer_to_the_person(client, organization, reception, supervisor, settings):
    """Codes come with their meaning in the case's language, times are Japan time with the offset, and two
    READMEs say what the files are."""
    settings.TIME_ZONE = "UTC"  # the export is in Japan time whatever the server's zone
    request = close_request(verified_request(organization, reception), reception)
    letter_with_pdf(request, reception)
    english = case_submit(organization=organization, submission=submission(requester=PERSON, language="en"))
    archive = export(sign_in(client, supervisor), request)

    case_json = json.loads(archive.read(f"cases/{request.reference}/case.json"))
    assert request.language == "ja"
    assert (case_json["status"], case_json["status_label"]) == ("replied", "回答済み")
    assert case_json["kind_label"] == "開示等の請求"
    assert next(e for e in case_json["timeline"] if e["kind"] == "identity")["kind_label"] == "本人確認"
    replied = next(e for e in case_json["timeline"] if e["kind"] == "status_changed" and e["data"]["to"] == "replied")
    assert replied["data"]["to_label"] == "回答済み"
    assert case_json["identity_verifications"][0]["result_label"] == "確認済み"
    assert case_json["letters"][0]["kind_label"]
    received = request.received_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert case_json["received_at"] == received.isoformat(timespec="seconds")
    assert case_json["received_at"].endswith("+09:00")
    assert all(e["at"].endswith("+09:00") for e in case_json["timeline"])
    assert "Z" not in case_json["received_at"]

    english_json = json.loads(archive.read(f"cases/{english.reference}/case.json"))
    assert english_json["status_label"] == "Received" and english_json["kind_label"] == "Request for disclosure, etc."

    readme_ja = archive.read("README-ja.txt").decode()
    readme_en = archive.read("README.txt").decode()
    assert organization.name_ja in readme_ja and "person.json" in readme_ja and "case.json" in readme_en
    assert "+09:00" in readme_en


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
    assert archive.namelist() == ["README.txt", "README-ja.txt", "person.json", f"cases/{case.reference}/case.json"]
    held = archive.read(f"cases/{case.reference}/case.json").decode()
    assert not [value for value in PERSONAL_VALUES if value in held]


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
