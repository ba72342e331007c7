import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from privacydesk.cases.uploads import check_upload
from tests.conftest import PDF_BYTES, image_bytes

pytestmark = pytest.mark.usefixtures("english")


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_png_jpeg_and_pdf_are_accepted_by_their_content():
    assert check_upload(upload("id.png", image_bytes("PNG"))).content_type == "image/png"
    assert check_upload(upload("scan", image_bytes("JPEG"))).content_type == "image/jpeg"
    assert check_upload(upload("letter.PDF", PDF_BYTES)).content_type == "application/pdf"


def test_a_text_file_named_jpg_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("photo.jpg", b"just some text, not an image"))
    assert "is not a JPEG, PNG or PDF file" in error.value.messages[0]


def test_a_gif_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("id.gif", image_bytes("GIF")))


def test_an_oversized_file_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.png", image_bytes("PNG", (400, 400))))
    assert "too large" in error.value.messages[0]


def test_an_image_with_too_many_pixels_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bomb.png", image_bytes("PNG", (8000, 6000))))
    assert "too many pixels" in error.value.messages[0]


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("broken.png", image_bytes("PNG")[:60]))


def test_a_pdf_with_javascript_is_refused():
    hostile = PDF_BYTES.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>")
    with pytest.raises(ValidationError) as error:
        check_upload(upload("form.pdf", hostile))
    assert "scripts" in error.value.messages[0]
