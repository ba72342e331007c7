"""A supervisor downloads everything held about a requester from the case page, then reads the retention page:
what was destroyed, by which rule, and what the next run would take."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from privacydesk.retention.models import RetentionRule
from privacydesk.retention.services import purge_expired_data
from tests.browser import staff_helpers
from tests.browser.helpers import blocking_violations
from tests.browser.staff_helpers import DeskWorker, desk_worker
from tests.factories import OrganizationFactory
from tests.retention.helpers import ID_COPY, answered_inquiry, letter_with_pdf, verified_request


def export_label(language: str, organization) -> str:
    with translation.override(language):
        return gettext("Download this person's data held by %(organization)s (ZIP)") % {
            "organization": organization.name
        }


desk, language, desk_page = staff_helpers.desk, staff_helpers.language, staff_helpers.desk_page
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_exports_a_persons_data_and_reads_the_destruction_records(desk_page, language, desk):
    supervisor, device = desk_worker(desk, "supervisor", "sekininsha")
    case = verified_request(desk, supervisor)
    letter_with_pdf(case, supervisor)
    RetentionRule.objects.create(
        organization=desk,
        data_kind="closed_cases",
        case_kind="inquiry",
        action="delete",
        period_days=0,
        counted_from="closing",
    )
    answered = answered_inquiry(desk, supervisor)  # the same person, answered: deleted by the desk's rule
    purge_expired_data(now=answered.closed_at + timedelta(hours=1))
    other_desk = OrganizationFactory()  # the supervisor works there too, and the same person filed there
    supervisor.organizations.add(other_desk)
    elsewhere = verified_request(other_desk, supervisor)

    worker = DeskWorker(desk_page, language)
    worker.sign_in(supervisor, device)
    worker.find_in_queue(case.reference)
    worker.open_case(case.reference)
    with desk_page.expect_download() as waiting:
        desk_page.get_by_role("button", name=export_label(language, desk)).click()
    download = waiting.value
    assert download.suggested_filename == f"personal-data-{case.reference}.zip"
    archive = zipfile.ZipFile(io.BytesIO(download.path().read_bytes()))
    person = json.loads(archive.read("person.json"))
    assert person["cases"] == [case.reference]  # not the case filed at the other desk
    assert person["scope"]["organization"] == desk.slug
    assert not any(elsewhere.reference in name for name in archive.namelist())
    assert {"README.txt", "README-ja.txt"} <= set(archive.namelist())
    assert f"cases/{case.reference}/letters/acknowledgement-v1.pdf" in archive.namelist()
    assert ID_COPY in [archive.read(name) for name in archive.namelist() if "/documents/" in name]

    worker.follow("Retention")
    expect(desk_page).to_have_url(re.compile(rf"/{language}/staff/retention/$"))
    expect(desk_page.get_by_role("heading", level=1)).to_have_text(worker.t("Retention"))
    records = desk_page.get_by_role("region", name=worker.t("Destruction records"))
    expect(records.get_by_role("row", name=re.compile(answered.reference))).to_have_count(1)
    expect(records).not_to_contain_text("架空 花子")
    upcoming = desk_page.get_by_role("region", name=worker.t("Rules in force and the next run"))
    # header; the desk's ID copies, inquiries, other cases, letters; the other desk's three; the audit log
    expect(upcoming.get_by_role("row")).to_have_count(9)
    expect(upcoming.get_by_role("row", name=re.compile(worker.t("All desks")))).to_have_count(1)
    assert blocking_violations(Axe(), desk_page) == []
