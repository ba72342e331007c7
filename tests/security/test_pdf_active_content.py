"""Hostile PDFs, generated here: every action a reader would take, in every encoding that hid one from a byte scan.

Each hostile file is first opened with pypdf's own reader, to show that a PDF reader finds the action in it; then it
goes through the upload check, which must refuse it with the message shown next to the field. Clean PDFs made by
WeasyPrint, Pillow and by hand must still pass.
"""

import base64
import binascii
import io
import re
import zlib

import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from privacydesk.cases.uploads import check_upload
from privacydesk.core import pdfcheck
from tests.conftest import PDF_BYTES

SCRIPTS = "contains scripts or embedded files, which we cannot accept."
DAMAGED = "is damaged and cannot be opened."

# --- a small PDF writer: objects written as given, object 9 written as each encoding asks

PAGES = {
    1: b"<</Type/Catalog/Pages 2 0 R>>",
    2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
    3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
}
# name: (object that points to object 9, the entry it gets, object 9)
ACTIONS = {
    "open-action-javascript": (1, b"/OpenAction 9 0 R", b"<</S/JavaScript/JS(app.alert(1))>>"),
    "javascript-name-tree": (1, b"/Names 9 0 R", b"<</JavaScript<</Names[]>>>>"),
    "js-in-a-rendition": (1, b"/OpenAction 9 0 R", b"<</S/Rendition/OP 0/JS(app.alert(1))>>"),
    "launch": (1, b"/OpenAction 9 0 R", b"<</S/Launch/F(cmd.exe)/NewWindow true>>"),
    "additional-actions": (3, b"/Annots[9 0 R]", b"<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/AA<</E<<>>>>>>"),
    "embedded-files": (1, b"/Names 9 0 R", b"<</EmbeddedFiles<</Names[]>>>>"),
    "rich-media": (3, b"/Annots[9 0 R]", b"<</Type/Annot/Subtype/RichMedia/Rect[0 0 9 9]>>"),
    "submit-form": (1, b"/OpenAction 9 0 R", b"<</S/SubmitForm/F<</FS/URL/F(https://evil.example/)>>>>"),
    "import-data": (1, b"/OpenAction 9 0 R", b"<</S/ImportData/F(data.fdf)>>"),
    "uri-javascript": (1, b"/OpenAction 9 0 R", b"<</S/URI/URI( java\tscript:app.alert\\(1\\))>>"),
    "xfa-form": (1, b"/AcroForm 9 0 R", b"<</Fields[]/XFA[(template)10 0 R]>>"),
}


def lzw_encode(data: bytes) -> bytes:
    """PDF's LZW (9-bit codes are enough for these small streams), written here to check the reader's decoder."""
    table = {bytes([i]): i for i in range(256)}
    out, bits, width = bytearray(), "", 9
    codes, word = [256], b""
    for byte in data:
        if word + bytes([byte]) in table:
            word += bytes([byte])
            continue
        codes.append(table[word])
        table[word + bytes([byte])] = len(table) + 2  # 256 and 257 are the clear and end codes
        word = bytes([byte])
    codes += [table[word], 257]
    assert len(table) + 2 < 511, "this encoder writes 9-bit codes only"
    bits = "".join(format(code, f"0{width}b") for code in codes)
    bits += "0" * (-len(bits) % 8)
    out.extend(int(bits[i : i + 8], 2) for i in range(0, len(bits), 8))
    return bytes(out)


def png_up_encode(data: bytes, columns: int = 8) -> bytes:
    """PNG 'Up' prediction, row by row, as /Predictor 12 undoes it."""
    data += b" " * (-len(data) % columns)
    rows = [data[i : i + columns] for i in range(0, len(data), columns)]
    previous = bytes(columns)
    out = bytearray()
    for row in rows:
        out += b"\x02" + bytes((a - b) % 256 for a, b in zip(row, previous, strict=True))
        previous = row
    return zlib.compress(bytes(out))


def escape_names(body: bytes) -> bytes:
    """/JavaScript → /#4AavaScript: every name spelt with a #xx escape."""
    return re.sub(rb"/([A-Z])", lambda m: b"/#%02X" % m[1][0], body)


# encoding: (how object 9's bytes are changed, object stream /Filter and /DecodeParms, its encoder) or None for
# an object of the file itself
STREAM_ENCODINGS = {
    "object-stream-padded": (b"/Filter/FlateDecode" + b" " * 600, zlib.compress),
    "ascii-hex": (b"/Filter/ASCIIHexDecode", lambda d: binascii.hexlify(d) + b">"),
    "ascii-85": (b"/Filter/ASCII85Decode", lambda d: base64.a85encode(d) + b"~>"),
    "ascii-hex-then-flate": (
        b"/Filter[/ASCIIHexDecode/FlateDecode]",
        lambda d: binascii.hexlify(zlib.compress(d)) + b">",
    ),
    "lzw": (b"/Filter/LZWDecode", lzw_encode),
    "flate-with-predictor": (b"/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 8>>", png_up_encode),
}
ENCODINGS = ["plain", "escaped-names", "broken-xref", *STREAM_ENCODINGS]


def build_pdf(objects: dict[int, bytes], packed: dict[int, bytes] | None = None, stream_dict=b"", encode=None) -> bytes:
    """A PDF 1.7: `objects` in the file (a classic xref table), or also `packed` in one object stream (an xref stream)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    where: dict[int, tuple[int, int, int]] = {}  # number → (type, field 2, field 3) of its xref entry
    for number, body in sorted(objects.items()):
        where[number] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if not packed:
        size = max(where) + 1
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for number in range(1, size):
            out += b"%010d 00000 n \n" % where[number][1] if number in where else b"0000000000 65535 f \n"
        out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
        return bytes(out)
    pairs, bodies = [], b""
    for index, (number, body) in enumerate(sorted(packed.items())):
        pairs.append(b"%d %d" % (number, len(bodies)))
        where[number] = (2, 20, index)
        bodies += body + b"\n"
    header = b" ".join(pairs) + b"\n"
    data = encode(header + bodies)
    where[20] = (1, len(out), 0)
    out += b"20 0 obj\n<</Type/ObjStm/N %d/First %d%s/Length %d>>stream\n" % (
        len(packed),
        len(header),
        stream_dict,
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    where[21] = (1, len(out), 0)
    entries = b"".join(
        bytes([where[n][0]]) + where[n][1].to_bytes(4, "big") + where[n][2].to_bytes(2, "big")
        if n in where
        else b"\x00\x00\x00\x00\x00\xff\xff"
        for n in range(22)
    )
    out += b"21 0 obj\n<</Type/XRef/Size 22/W[1 4 2]/Root 1 0 R/Length %d>>stream\n" % len(entries)
    out += entries + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % where[21][1]
    return bytes(out)


def hostile_pdf(action: str, encoding: str) -> bytes:
    target, entry, body = ACTIONS[action]
    objects = dict(PAGES)
    objects[target] = objects[target][:-2] + entry + b">>"
    if encoding in STREAM_ENCODINGS:
        stream_dict, encode = STREAM_ENCODINGS[encoding]
        return build_pdf(objects, {9: body}, stream_dict, encode)
    objects[9] = escape_names(body) if encoding == "escaped-names" else body
    pdf = build_pdf(objects)
    if encoding == "broken-xref":  # the table points nowhere: a reader rebuilds it by finding the objects
        pdf = re.sub(rb"startxref\n\d+", b"startxref\n999999", pdf)
    return pdf


def plain(value):
    """A pypdf object as plain Python, to compare what two readings found."""
    if isinstance(value, DictionaryObject):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, ArrayObject):
        return [plain(v) for v in value]
    if isinstance(value, IndirectObject):
        return ("ref", value.idnum)
    return str(value) if isinstance(value, NameObject) else value


def what_a_reader_finds(pdf: bytes, number: int):
    reader = PdfReader(io.BytesIO(pdf), strict=False)
    return plain(reader.get_object(number))


def refusal(pdf: bytes, lang: str = "en") -> str:
    with translation.override(lang), pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("scan.pdf", pdf))
    return error.value.messages[0]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("action", ACTIONS)
def test_a_pdf_with_an_action_is_refused_however_it_is_encoded(action, encoding):
    pdf = hostile_pdf(action, encoding)
    reference = what_a_reader_finds(hostile_pdf(action, "plain"), 9)
    assert what_a_reader_finds(pdf, 9) == reference  # a reader finds the very same action in this file
    if encoding not in ("plain", "broken-xref"):
        assert ACTIONS[action][2] not in pdf  # a byte scan for it finds nothing
    assert refusal(pdf) == f"“scan.pdf” {SCRIPTS}"


def test_the_refusal_is_translated():
    pdf = hostile_pdf("open-action-javascript", "ascii-hex-then-flate")
    with translation.override("ja"):
        expected = translation.gettext("“%(name)s” contains scripts or embedded files, which we cannot accept.")
    assert expected != "“%(name)s” contains scripts or embedded files, which we cannot accept."
    assert refusal(pdf, "ja") == expected % {"name": "scan.pdf"}


def test_an_object_stream_is_read_by_its_n_and_first_whatever_its_type_says():
    pdf = hostile_pdf("launch", "object-stream-padded").replace(b"/Type/ObjStm", b"/Type/XObj  ")
    assert refusal(pdf) == f"“scan.pdf” {SCRIPTS}"


def test_an_object_header_a_parser_would_skip_is_refused_as_damaged():
    # "9 0 %comment⏎obj": a reader led there by its table reads it; the file is not one we can read completely.
    pdf = PDF_BYTES.replace(b"trailer", b"9 0 %\nobj<</S/Launch/F(cmd.exe)>>endobj\ntrailer")
    assert refusal(pdf) == f"“scan.pdf” {DAMAGED}"


def test_a_key_given_twice_is_refused_as_damaged():
    # Readers differ on which /S counts: the first (a harmless GoTo) or the last.
    pdf = PDF_BYTES.replace(b"trailer", b"9 0 obj<</S/GoTo/D[3 0 R/Fit]/S/GoTo>>endobj\ntrailer")
    assert refusal(pdf) == f"“scan.pdf” {DAMAGED}"


def test_an_object_stream_with_an_unknown_filter_is_refused_as_damaged():
    pdf = build_pdf(PAGES, {9: b"<</S/GoTo/D[3 0 R/Fit]>>"}, b"/Filter/SecretDecode", lambda d: d)
    assert refusal(pdf) == f"“scan.pdf” {DAMAGED}"


def test_an_object_that_does_not_parse_is_refused_as_damaged():
    pdf = PDF_BYTES.replace(b"trailer", b"9 0 obj<</S/GoTo/D[3 0 R/Fit>>endobj\ntrailer")
    assert refusal(pdf) == f"“scan.pdf” {DAMAGED}"


def test_an_object_stream_that_inflates_past_the_budget_is_refused():
    bomb = zlib.compress(b"\0" * 40_000_000)  # ~40 kB that inflate to 40 MB, past the 32 MB budget
    pdf = build_pdf(PAGES, {9: b"<<>>"}, b"/Filter/FlateDecode", lambda _d: bomb)
    assert len(pdf) < 100_000
    assert refusal(pdf) == f"“scan.pdf” {DAMAGED}"
    with pytest.raises(pdfcheck.Unreadable):
        pdfcheck.inspect_pdf(build_pdf(PAGES, {9: b"<<>>" + b" " * 2000}, b"/Filter/FlateDecode", zlib.compress),
                             max_decoded_bytes=1000)  # fmt: skip


def test_a_pdf_with_more_objects_than_the_budget_is_refused():
    objects = {**PAGES, **{n: b"<<>>" for n in range(10, 40)}}
    pdfcheck.inspect_pdf(build_pdf(objects), max_objects=40)
    with pytest.raises(pdfcheck.Unreadable):
        pdfcheck.inspect_pdf(build_pdf(objects), max_objects=20)


def test_every_obj_keyword_counts_against_the_budget_even_inside_a_stream():
    """A stream full of `obj` words costs no more to check than a file of as many objects."""
    data = b" obj" * 100
    stream = b"9 0 obj<</Length %d>>stream\n%s\nendstream\nendobj\ntrailer" % (len(data), data)
    pdf = PDF_BYTES.replace(b"trailer", stream)
    pdfcheck.inspect_pdf(pdf, max_objects=110)
    with pytest.raises(pdfcheck.Unreadable):
        pdfcheck.inspect_pdf(pdf, max_objects=90)


def test_an_encrypted_pdf_is_refused_with_its_own_message():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    message = refusal(buffer.getvalue())
    assert (
        message
        == "“scan.pdf” is protected by a password or encryption, so we cannot check it. Please send it unprotected."
    )
    assert refusal(buffer.getvalue(), "ja") != message


# --- clean PDFs still pass


def weasyprint_pdf() -> bytes:
    html = "<h1>開示請求書</h1><p>山田 花子</p><p><a href='https://example.com/privacy'>https://example.com/privacy</a></p>"
    return weasyprint.HTML(string=html).write_pdf()


def pillow_pdf() -> bytes:
    buffer = io.BytesIO()
    pages = [Image.new("L", (300, 400), 200), Image.new("1", (300, 400)), Image.new("P", (50, 50))]
    Image.new("RGB", (600, 800), (240, 230, 220)).save(buffer, "PDF", save_all=True, append_images=pages)
    return buffer.getvalue()


def link_pdf() -> bytes:
    """A hand-made PDF with what scans and forms do hold: an ordinary open action and a web link."""
    objects = dict(PAGES)
    objects[1] = b"<</Type/Catalog/Pages 2 0 R/OpenAction[3 0 R/Fit]>>"
    objects[3] = PAGES[3][:-2] + b"/Annots[9 0 R]>>"
    link = b"<</Type/Annot/Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI(https://example.com/)>>>>"
    return build_pdf(
        objects, {9: link}, b"/Filter[/ASCIIHexDecode/FlateDecode]", lambda d: binascii.hexlify(zlib.compress(d))
    )


@pytest.mark.parametrize(
    "make", [weasyprint_pdf, pillow_pdf, link_pdf, lambda: PDF_BYTES], ids=["weasyprint", "pillow", "links", "conftest"]
)
def test_a_clean_pdf_passes(make):
    assert check_upload(SimpleUploadedFile("scan.pdf", make())).content_type == "application/pdf"
