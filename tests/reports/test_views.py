"""The report page, its exports and the complaint themes form: who may see them, what they say, in both languages."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from privacydesk.reports.models import CaseTag
from tests.conftest import sign_in
from tests.factories import CaseFactory, UserFactory

OCTOBER_QUERY = {"period": "range", "first": "2025-10-01", "last": "2025-10-31"}


def _url(name: str, language: str = "ja", **kwargs) -> str:
    from django.utils import translation

    with translation.override(language):
        return reverse(f"staff:{name}", kwargs=kwargs or None)


@pytest.fixture
def boss_client(client, october):
    return sign_in(client, october["boss"])


def test_reception_staff_may_not_open_the_reports(client, october):
    sign_in(client, october["clerk"])
    assert client.get(_url("reports"), OCTOBER_QUERY).status_code == 403
    assert client.get(_url("report_workbook"), OCTOBER_QUERY).status_code == 403


def test_the_page_states_period_desks_and_figures_in_japanese(boss_client, october):
    response = boss_client.get(_url("reports"), OCTOBER_QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2025-10-01" in html and "2025-10-31" in html
    assert "架空商事株式会社" in html
    assert october["other"].name_ja not in html  # another organisation's desk is never named
    assert "種別ごとの受付件数" in html and "請求の種類ごとの結果" in html
    assert 'role="img"' in html and '<title id="chart_arrivals-title">' in html
    assert "style=" not in html.split("<main", 1)[1]  # CSP: no inline style attributes
    assert "C2" in html  # the late case is listed


def test_the_page_renders_in_english(boss_client):
    html = boss_client.get(_url("reports", "en"), OCTOBER_QUERY).content.decode()
    assert "Outcomes per right" in html
    assert "Kaku Trading K.K." in html
    assert "APPI Art. 33(2)(i)" in html


def test_a_supervisor_cannot_report_on_another_organisations_desk(boss_client, october):
    response = boss_client.get(_url("reports", "en"), {**OCTOBER_QUERY, "desks": [october["other"].pk]})
    assert response.status_code == 200
    assert "Kaku Trading K.K." not in response.content.decode().split("</form>", 1)[1]


def test_an_invalid_range_is_explained_not_computed(boss_client):
    response = boss_client.get(_url("reports", "en"), {"period": "range", "first": "2025-10-31", "last": "2025-10-01"})
    assert response.status_code == 200
    assert "The last day comes before the first." in response.content.decode()
    assert response.context["report"] is None


def test_csv_of_a_table_has_a_bom_the_heading_and_neutralised_formulas(boss_client, october):
    CaseTag.objects.create(organization=october["org"], name='=HYPERLINK("x")').cases.add(
        CaseFactory(
            organization=october["org"],
            kind="complaint",
            received_at=october["org"].created_at.replace(year=2025, month=10, day=12),
        )
    )
    response = boss_client.get(_url("report_csv", "en", key="complaint_themes"), OCTOBER_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Period", "2025-10-01", "2025-10-31"]
    assert rows[1] == ["Desks", "Kaku Trading K.K."]
    assert ["billing", "2"] in rows
    assert ['\'=HYPERLINK("x")', "1"] in rows


def test_csv_of_an_unknown_table_is_not_found(boss_client):
    assert boss_client.get(_url("report_csv", key="nothing"), OCTOBER_QUERY).status_code == 404


def test_the_workbook_has_one_sheet_per_section_with_numbers_as_numbers(boss_client):
    response = boss_client.get(_url("report_workbook", "en"), OCTOBER_QUERY)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Arrivals", "Outcomes"]
    assert len(book.sheetnames) == 7
    fees = book.worksheets[4]
    values = [[cell.value for cell in row] for row in fees.iter_rows()]
    assert ["Charged", 3, 3000] in values
    assert ["Outstanding", 1, 1000] in values
    assert values[0][:3] == ["Period", values[0][1], values[0][2]] and values[0][1].date() == date(2025, 10, 1)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_management_review_is_a_pdf_in_the_readers_language(boss_client, language):
    from pypdf import PdfReader

    response = boss_client.get(_url("report_review", language), {"period": "fiscal_year", "year": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    title = "Management review" if language == "en" else "マネジメントレビュー"
    assert title in text.replace("\n", "")
    assert "2025-04-01" in text


def test_staff_give_a_complaint_its_themes(client, october):
    sign_in(client, october["clerk"])
    response = client.post(_url("report_themes", "en"), {"reference": "C5", "themes": "billing、 delivery, billing"})
    assert response.status_code == 302
    case = october["org"].cases.get(reference="C5")
    assert sorted(case.report_tags.values_list("name", flat=True)) == ["billing", "delivery"]


def test_themes_cannot_be_given_to_another_desks_complaint(client, october):
    outsider = UserFactory(username="outsider", role="reception")
    outsider.organizations.add(october["other"])
    sign_in(client, outsider)
    response = client.post(_url("report_themes", "en"), {"reference": "C5", "themes": "spam"})
    assert response.status_code == 200
    assert "No complaint of your desks has this reference number." in response.content.decode()
    assert not CaseTag.objects.filter(name="spam").exists()
