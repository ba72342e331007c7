"""`manage.py print_letters --out FILE.pdf`: today's mail as one PDF (and --csv FILE for the mailing list)."""

import io

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacydesk.core.csv import spreadsheet_writer
from privacydesk.letters.rendering import document_html, html_to_pdf, letter_section, pdfs_join
from privacydesk.letters.selectors import todays_mail


class Command(BaseCommand):
    help = "Write today's mail (approved letters to post) to one PDF, in chunks of letters."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="The PDF file to write.")
        parser.add_argument("--csv", help="Also write the mailing list (UTF-8 with BOM) to this file.")

    def handle(self, *args, out: str, **options):
        csv_path = options.get("csv")
        letters = list(todays_mail())
        if not letters:
            raise CommandError("No approved letter is waiting to be posted.")
        with open(out, "wb") as handle:
            handle.write(pdfs_join(self._chunks(letters)))
        if csv_path:
            self._mailing_list(csv_path, letters)
        self.stdout.write(f"Wrote {out}: {len(letters)} letters.")

    def _chunks(self, letters):
        size = settings.LETTER_BATCH_CHUNK
        for start in range(0, len(letters), size):
            part = letters[start : start + size]
            yield io.BytesIO(html_to_pdf(document_html([letter_section(letter) for letter in part])))
            self.stdout.write(f"{min(start + size, len(letters))}/{len(letters)} letters")

    def _mailing_list(self, path: str, letters) -> None:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = spreadsheet_writer(handle)
            writer.writerow(["document_number", "postal_code", "address", "name", "reference"])
            for letter in letters:
                recipient = letter.recipient
                writer.writerow(
                    [
                        letter.document_number,
                        recipient.postal_code,
                        recipient.address,
                        recipient.name,
                        letter.case.reference,
                    ]
                )
