import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from privacydesk.cases.forms import CaseForm
from privacydesk.cases.models import Kind
from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS
from tests.cases.helpers import form_data
from tests.conftest import image_bytes
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def bind(org, kind="request", files=None, **overrides):
    return CaseForm(form_data(kind, **overrides), files or {}, organization=org, kind=Kind(kind))


def test_request_form_normalises_japanese_input(organization):
    form = bind(organization)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0312345678"
    assert form.cleaned_data["postal_code"] == "135-0016"
    assert form.cleaned_data["furigana"] == "ヤマダ タロウ"


def test_request_form_offers_the_six_appi_rights_and_only_the_foreign_rights_the_desk_serves():
    org = OrganizationFactory(request_types=["disclosure", "correction", "gdpr_access"])
    form = CaseForm(organization=org, kind=Kind.REQUEST)
    assert [value for value, _label in form.fields["request_types"].choices] == [t.value for t in APPI_STATUTORY_RIGHTS]
    assert not bind(org, request_types=["gdpr_access"]).is_valid()


def test_reply_by_post_needs_an_address(organization):
    form = bind(organization, address="", postal_code="")
    assert not form.is_valid()
    assert "address" in form.errors and "postal_code" in form.errors


def test_reply_electronically_needs_no_address(organization):
    assert bind(organization, address="", postal_code="", reply_method="electronic").is_valid()


def test_an_agent_must_give_a_name_and_a_way_to_reach_them(organization):
    form = bind(organization, agent_type="appointed")
    assert not form.is_valid()
    assert "agent_name" in form.errors and "agent_email" in form.errors
    assert bind(organization, agent_type="appointed", agent_name="代理 花子", agent_phone="09012345678").is_valid()


def test_errors_are_translated(organization):
    from django.utils import translation

    with translation.override("en"):
        form = bind(organization, phone="12345")
        form.is_valid()
        assert form.errors["phone"] == [
            "Enter a telephone number of 10 or 11 digits, such as 03-1234-5678 (or +81 3 1234 5678)."
        ]
    with translation.override("ja"):
        form = bind(organization, phone="12345")
        form.is_valid()
        assert "電話番号" in form.errors["phone"][0]


def test_consent_is_required(organization):
    assert "consent" in bind(organization, consent=None).errors


def test_the_honeypot_refuses_the_form_kindly(organization):
    from django.utils import translation

    with translation.override("en"):
        form = bind(organization, website="http://spam.example")
        assert not form.is_valid()
        assert "Leave this field empty" in str(form.errors["website"])


def test_an_identity_document_needs_its_type(organization):
    files = {"id_document": SimpleUploadedFile("licence.png", image_bytes())}
    form = bind(organization, files=files)
    assert "id_document_type" in form.errors
    form = bind(organization, files=files, id_document_type="passport")
    assert form.is_valid(), form.errors
    assert [name for name, _checked in form.uploaded_files()] == ["id_document"]


def test_a_valid_upload_is_kept_even_when_other_fields_fail(organization):
    files = {"other_document": SimpleUploadedFile("note.pdf", b"%PDF-1.4\n%%EOF\n")}
    form = bind(organization, files=files, email="not-an-email")
    assert not form.is_valid()
    assert [name for name, _checked in form.uploaded_files()] == ["other_document"]


def test_the_number_of_contracts_is_asked_only_where_the_fee_is_per_unit():
    assert "units" in CaseForm(organization=OrganizationFactory(fee_unit="per_contract"), kind=Kind.REQUEST).fields
    assert "units" not in CaseForm(organization=OrganizationFactory(fee_unit="per_request"), kind=Kind.REQUEST).fields
    assert "units" not in CaseForm(organization=OrganizationFactory(fee_amount=0), kind=Kind.REQUEST).fields


def test_inquiry_needs_a_subject_and_message(organization):
    form = bind(organization, kind="inquiry", subject="", message="")
    assert set(form.errors) == {"subject", "message"}
