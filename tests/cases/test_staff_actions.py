"""The case actions of the staff desk that have no test elsewhere: the deadline extension's POST view."""

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.cases.models import Case, Notification
from privacydesk.cases.services import case_submit
from tests.cases.helpers import submission, with_version
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def right(case) -> int:
    return case.requests.get().pk


@pytest.fixture
def gdpr_case(reception):
    org = OrganizationFactory(gdpr_enabled=True, request_types=["gdpr_access"])
    reception.organizations.add(org)
    return case_submit(organization=org, submission=submission(request_types=["gdpr_access"], language="en"))


def test_an_extension_is_saved_audited_and_the_requester_told(staff_client, gdpr_case):
    due = gdpr_case.due_at
    response = staff_client.post(
        f"/en/staff/cases/{gdpr_case.pk}/extend/",
        with_version(gdpr_case, {"ext-request": right(gdpr_case), "ext-reason": "Ten years of records."}),
    )
    assert response.status_code == 302 and response["Location"] == f"/en/staff/cases/{gdpr_case.pk}/"
    case = Case.objects.get(pk=gdpr_case.pk)
    assert case.extension_reason == "Ten years of records." and case.due_at > due
    assert Notification.objects.filter(case=case, kind="extension").count() == 1
    assert AuditEntry.objects.filter(action="change", case_id=case.pk, detail__what="extension").exists()
    page = staff_client.get(response["Location"]).content.decode()
    assert "The deadline has been extended and the requester has been told." in page


def test_an_extension_without_a_reason_is_shown_again_and_changes_nothing(staff_client, gdpr_case):
    response = staff_client.post(
        f"/en/staff/cases/{gdpr_case.pk}/extend/",
        with_version(gdpr_case, {"ext-request": right(gdpr_case), "ext-reason": ""}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<details open>" in page and "This field is required." in page  # the form open, with its error
    assert Case.objects.get(pk=gdpr_case.pk).extended_at is None
    assert not Notification.objects.filter(case=gdpr_case, kind="extension").exists()


def test_an_extension_the_law_does_not_allow_is_refused_and_says_why_in_japanese(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())  # APPI: no extension
    response = staff_client.post(
        f"/ja/staff/cases/{case.pk}/extend/",
        with_version(case, {"ext-request": right(case), "ext-reason": "繁忙期のため"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "この案件に適用される法令では、回答期限の延長は認められていません。" in page
    assert Case.objects.get(pk=case.pk).extended_at is None
    assert not AuditEntry.objects.filter(action="change", case_id=case.pk).exists()
