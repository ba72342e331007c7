"""`manage.py print_letters --out FILE.pdf`: today's mail as one PDF (and --csv FILE for the mailing list)."""

import io

from django.core.management.base import BaseCommand, CommandError

from privacydesk.core.csv import spreadsheet_writer
from privacydesk.letters.rendering import document_html, html_to_pdf, letter_section
from privacydesk.letters.services import CHUNK, todays_mail


class Command(BaseCommand):
    help = "Write today's mail (approved letters to post) to one PDF, in chunks of letters."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="The PDF file to write.")
        parser.add_argument("--csv", help="Also write the mailing list (UTF-8 with BOM) to this file.")

    def handle(self, *args, out: str, **options):
        csv_path = options.get("csv")
        from pypdf import PdfWriter

        letters = list(todays_mail())
        if not letters:
            raise CommandError("No approved letter is waiting to be posted.")
        writer = PdfWriter()
        for start in range(0, len(letters), CHUNK):
            part = letters[start : start + CHUNK]
            writer.append(io.BytesIO(html_to_pdf(document_html([letter_section(letter) for letter in part]))))
            self.stdout.write(f"{min(start + CHUNK, len(letters))}/{len(letters)} letters")
        with open(out, "wb") as handle:
            writer.write(handle)
        if csv_path:
            self._mailing_list(csv_path, letters)
        self.stdout.write(f"Wrote {out}: {len(letters)} letters.")

    def _mailing_list(self, path: str, letters) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = spreadsheet_writer(handle)
            writer.writerow(["document_number", "postal_code", "address", "name", "reference"])
            for letter in letters:
                case = letter.case
                writer.writerow([letter.number, case.postal_code, case.address, case.name, case.reference])
