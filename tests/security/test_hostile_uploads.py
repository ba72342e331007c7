"""Hostile files: each refused with a clear, translated message; everything else the visitor sent is kept."""

import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from privacydesk.cases.models import StagedUpload
from privacydesk.cases.uploads import check_upload, clean_file_name
from tests.cases.helpers import form_data
from tests.conftest import PDF_BYTES, image_bytes


def refusal(name: str, content: bytes, lang: str = "en") -> str:
    with translation.override(lang), pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, content))
    return error.value.messages[0]


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_as_a_zip_without_being_opened():
    bomb = zip_bytes({f"layer{i}.bin": b"\0" * 20_000_000 for i in range(3)})  # 60 MB inside ~60 kB
    assert len(bomb) < 200_000
    message = refusal("documents.zip", bomb)
    assert (
        message
        == "“documents.zip” is not a JPEG, PNG or PDF file. Please send a photo or scan in one of these formats."
    )
    assert refusal("documents.zip", bomb, "ja") != message  # translated


def test_a_jpeg_that_is_also_a_zip_is_refused():
    polyglot = image_bytes("JPEG") + zip_bytes({"evil.html": b"<script>alert(1)</script>"})
    message = refusal("photo.jpg", polyglot)
    assert "contains another file or program inside it" in message


def test_a_gifar_like_png_with_a_java_archive_is_refused():
    jar = zip_bytes({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n", "Evil.class": b"\xca\xfe\xba\xbe"})
    assert "contains another file or program" in refusal("id.png", image_bytes("PNG") + jar)


def test_a_pdf_with_a_web_page_appended_is_refused():
    hostile = PDF_BYTES + b"<html><body><script>document.location='https://evil.example/'</script></body></html>"
    assert "contains another file or program" in refusal("letter.pdf", hostile)


def test_a_jpeg_that_a_pdf_reader_would_open_is_refused():
    jpeg = image_bytes("JPEG")
    # A JPEG comment segment holding a PDF header: a JPEG/PDF polyglot.
    comment = b"%PDF-1.4\n1 0 obj<<>>endobj\n"
    polyglot = jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]
    Image.open(io.BytesIO(polyglot)).verify()  # still a valid JPEG
    assert "contains another file or program" in refusal("scan.jpg", polyglot)


def test_a_decompression_bomb_image_is_refused_without_decoding_it():
    # 20,000 × 20,000 pixels of one colour: a few hundred kB as PNG, 1.2 GB once decoded.
    buffer = io.BytesIO()
    Image.frombytes("1", (20_000, 20_000), b"\0" * (20_000 * 20_000 // 8)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 1_000_000
    assert "has too many pixels" in refusal("bomb.png", buffer.getvalue())


@pytest.mark.parametrize(
    "action",
    [
        b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>",
        b"/OpenAction<</S/Launch/F(cmd.exe)>>",
        b"/Names<</JavaScript 9 0 R>>",
        b"/OpenAction<</S/J#61vaScript/JS(app.alert(1))>>",  # a name spelt with #xx escapes
        b"/Names<</EmbeddedFiles 9 0 R>>",
        b"/AcroForm<</XFA 9 0 R>>",
    ],
)
def test_a_pdf_with_scripts_actions_or_embedded_files_is_refused(action):
    hostile = PDF_BYTES.replace(b"/Type/Catalog", b"/Type/Catalog" + action)
    assert "contains scripts or embedded files" in refusal("form.pdf", hostile)


def test_a_script_hidden_in_a_compressed_object_stream_is_refused():
    hidden = zlib.compress(b"9 0 <</S/JavaScript/JS(app.alert(1))>>")
    stream = b"4 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\n" % len(hidden)
    hostile = PDF_BYTES.replace(b"trailer", stream + hidden + b"\nendstream\nendobj\ntrailer")
    assert b"JavaScript" not in hostile
    assert "contains scripts or embedded files" in refusal("form.pdf", hostile)


def test_a_plain_pdf_with_an_ordinary_open_action_is_accepted():
    ordinary = PDF_BYTES.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction[3 0 R/Fit]")
    assert check_upload(SimpleUploadedFile("scan.pdf", ordinary)).content_type == "application/pdf"


def test_file_names_lose_control_characters_and_paths():
    assert clean_file_name("../../etc/pass\x00wd\u202e.png") == ".._.._etc_passwd.png"
    assert clean_file_name("\x00\x01") == "upload"
    assert clean_file_name("免許証（表）.jpg") == "免許証（表）.jpg"


# --- in the form: the refusal is shown, what was typed and the files already accepted are kept


def url(org, lang="en"):
    return f"/{lang}/{org.slug}/request/"


@pytest.mark.django_db
def test_a_hostile_file_is_refused_in_the_form_and_nothing_else_is_lost(client, organization):
    polyglot = image_bytes("JPEG") + zip_bytes({"a.html": b"<script></script>"})
    response = client.post(
        url(organization),
        {
            **form_data(language="en", name="山田 花子"),
            "id_document_type": "passport",
            "id_document": SimpleUploadedFile("passport.png", image_bytes()),
            "other_document": SimpleUploadedFile("photo.jpg", polyglot),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "“photo.jpg” contains another file or program inside it" in page
    assert 'value="山田 花子"' in page
    assert [s.original_name for s in StagedUpload.objects.all()] == ["passport.png"]


@pytest.mark.django_db
def test_files_over_the_count_are_refused_one_by_one_and_the_others_kept(client, organization, settings):
    settings.UPLOAD_MAX_FILES = 2
    first = {
        **form_data(language="en", email="bad"),
        "id_document_type": "passport",
        "id_document": SimpleUploadedFile("one.png", image_bytes()),
    }
    client.post(url(organization), first)
    response = client.post(
        url(organization),
        {
            **form_data(language="en"),
            "authority_document": SimpleUploadedFile("two.png", image_bytes()),
            "other_document": SimpleUploadedFile("three.png", image_bytes()),
        },
    )
    assert response.status_code == 200  # not sent on to the confirmation
    assert "You can send at most 2 files." in response.content.decode()
    assert sorted(s.original_name for s in StagedUpload.objects.all()) == ["one.png", "two.png"]


@pytest.mark.django_db
def test_files_over_the_total_size_are_refused_with_a_clear_message(client, organization, settings):
    big = image_bytes("PNG", (300, 300))
    settings.UPLOAD_MAX_TOTAL_BYTES = len(big) + 100
    response = client.post(
        url(organization),
        {
            **form_data(language="en"),
            "authority_document": SimpleUploadedFile("a.png", big),
            "other_document": SimpleUploadedFile("b.png", big),
        },
    )
    assert response.status_code == 200
    assert "“b.png” was not added: all files together may be at most" in response.content.decode()
    assert [s.original_name for s in StagedUpload.objects.all()] == ["a.png"]


@pytest.mark.django_db
def test_the_tracking_page_limits_the_number_of_documents_too(client, organization, settings):
    from tests.cases.test_views_public import file_case

    case = file_case(client, organization, lang="en", language="en")
    settings.UPLOAD_MAX_FILES = 1
    track = f"/en/{organization.slug}/track/{case.reference}/{case.tracking_token()}/"
    # An invalid kind keeps the form on the page with the first document staged; the second is refused.
    client.post(track, {"document_kind": "nonsense", "document": SimpleUploadedFile("a.png", image_bytes())})
    response = client.post(track, {"message": "x", "document": SimpleUploadedFile("b.png", image_bytes())})
    assert response.status_code == 200
    assert "You can send at most 1 files." in response.content.decode()
    assert not case.messages.exists()
