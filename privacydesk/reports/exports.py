"""The report as files: each table as CSV, the whole report as an XLSX workbook, the annual review as a PDF."""

import csv
import io
from datetime import date

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from privacydesk.core.csv import BOM, neutralise

from .charts import Chart
from .selectors import Report
from .tables import Section, Table, report_headline


def _cell(value) -> str:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading quote.

    Text through ``core.csv.neutralise`` like every CSV of ours; numbers and dates are written as they are.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def _csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return (BOM + out.getvalue()).encode("utf-8")


def heading_rows(report: Report) -> list[list]:
    """What every file says first: the period, the desks and when the figures were computed."""
    return [
        [_("Period"), report.period.first, report.period.last],
        [_("Desks"), ", ".join(org.name for org in report.organizations)],
        [_("Computed at"), formats.date_format(report.computed_at, "DATETIME_FORMAT")],
    ]


def table_csv(report: Report, table: Table) -> bytes:
    return _csv([*heading_rows(report), [], [table.title], table.columns, *table.rows])


def _sheet_title(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:28] or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:26]} {n}"
        n += 1
    used.add(name)
    return name


def report_xlsx(report: Report, sections: list[Section]) -> bytes:
    """One sheet per section, its tables one under the other; numbers stay numbers."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for section in sections:
        sheet = book.create_sheet(_sheet_title(section.title, used))
        for row in heading_rows(report):
            sheet.append([_cell(v) if isinstance(v, str) else v for v in row])
        for table in section.tables:
            sheet.append([])
            sheet.append([table.title])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append(table.columns)
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in table.rows:
                sheet.append([_cell(v) if isinstance(v, str) else v for v in row])
        sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


REVIEW_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "IPAexGothic", sans-serif; font-size: 9pt; line-height: 1.5; color: #000; }
h1 { font-size: 18pt; margin: 40mm 0 8mm 0; }
h2 { font-size: 12pt; break-before: page; border-bottom: 0.3mm solid #000; }
h3 { font-size: 10pt; margin: 5mm 0 1.5mm 0; }
.cover p { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { border: 0.2mm solid #666; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
td.num { text-align: right; }
.signature { margin-top: 20mm; }
.signature td { height: 14mm; }
svg { width: 100%; height: auto; }
.legend span { margin-right: 4mm; }
"""


def review_pdf(report: Report, sections: list[Section], charts: dict[str, Chart], language: str) -> bytes:
    """The annual management review as a printable PDF in ``language`` (fonts as for letters: IPAex)."""
    from weasyprint import CSS, HTML  # loaded when a PDF is asked for: heavy, and absent from most requests

    with translation.override(language):
        html = render_to_string(
            "reports/pdf/review.html",
            {
                "report": report,
                "sections": sections,
                "charts": charts,
                "headings": [(*row, None)[:3] for row in heading_rows(report)],
                "headline": report_headline(report),
            },
        )
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(string=REVIEW_CSS)])
