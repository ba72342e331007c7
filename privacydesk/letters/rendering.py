"""From a letter to HTML (one template per kind and language) to PDF/A-3b with WeasyPrint.

Several letters go into one document when printed together: WeasyPrint's cost is mostly per document,
so a batch renders chunks of letters, never one document per letter.
"""

import hashlib
import io
from collections.abc import Iterable
from datetime import timedelta
from typing import BinaryIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from privacydesk.core.normalize import format_phone

from .dates import english_date, era_date, western_date_ja
from .models import Letter, LetterText

PDF_VARIANT = "pdf/a-3b"


def letter_context(letter: Letter, texts_cache: dict | None = None) -> dict:
    case = letter.case
    org = case.organization
    day = letter.letter_date or timezone.localdate()
    key = (org.pk, letter.kind, letter.language)
    if texts_cache is not None and key in texts_cache:
        texts = texts_cache[key]
    else:
        texts = LetterText.objects.filter(organization=org, kind=letter.kind, language=letter.language).first()
        if texts_cache is not None:
            texts_cache[key] = texts
    ja = letter.language == "ja"
    with translation.override(letter.language):
        return {
            "letter": letter,
            "case": case,
            "org": org,
            "texts": texts,
            "recipient": letter.recipient,
            "requests": list(case.requests.all()),
            "date": era_date(day) if ja else english_date(day),
            "western_date": western_date_ja(day) if ja and org.letter_western_date else "",
            "number": letter.document_number,
            "org_phone": org.phone,
            "received_on": (era_date if ja else english_date)(timezone.localdate(case.received_at)),
            "due_on": (era_date if ja else english_date)(timezone.localdate(case.due_at)) if case.due_at else "",
            "pay_by": (era_date if ja else english_date)(day + timedelta(days=14)),
            "reply_to_letter": case.channel == "post",
            "window": {
                "left": org.window_left_mm,
                "top": org.window_top_mm,
                "width": org.window_width_mm,
                "height": org.window_height_mm,
            },
            "phone": format_phone(case.phone) if case.phone else "",
        }


def letter_section(letter: Letter, texts_cache: dict | None = None) -> str:
    """The HTML of one letter (its pages), in the letter's language."""
    with translation.override(letter.language):
        return render_to_string(
            f"letters/pdf/{letter.kind}.{letter.language}.html", letter_context(letter, texts_cache)
        )


def document_html(sections: list[str]) -> str:
    return render_to_string("letters/pdf/document.html", {"sections": sections})


def source_checksum(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


LETTER_CSS = settings.BASE_DIR / "static" / "css" / "letter.css"
REQUEST_FORM_CSS = settings.BASE_DIR / "static" / "css" / "request-form.css"


# WeasyPrint and pypdf are imported where they are used, not at the top: measured on the development machine,
# importing WeasyPrint adds about 2.4 s and pypdf about 0.7 s to a start-up of about 3.2 s (Django set up, URLs
# loaded), and most processes (management commands, test runs, most web requests) never make a PDF.


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # lazy: start-up cost, see above

    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(filename=LETTER_CSS)], pdf_variant=PDF_VARIANT)


def request_form_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # lazy: start-up cost, see above

    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=REQUEST_FORM_CSS)])


def pdfs_join(files: Iterable[BinaryIO]) -> bytes:
    """The PDFs one after the other in one PDF (a print file from its chunks); each file is read as it comes."""
    from pypdf import PdfWriter  # lazy: start-up cost, see above

    writer = PdfWriter()
    for handle in files:
        writer.append(handle)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
