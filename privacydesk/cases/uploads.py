"""Checking uploaded files: the content decides the type, never the name or the browser's word."""

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

from privacydesk.core import pdfcheck

ALLOWED_TYPES = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel scan is plenty; larger ones are decompression bombs
# Markup that a browser would run if the file were ever served as HTML (a PDF or an image with a web page inside).
MARKUP = re.compile(rb"<\s*(html|script|body|iframe|svg|object|embed|\?php)[\s>/]")


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    sha256: str
    name: str


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read, size-check and content-sniff an upload; raise a translated ``ValidationError`` if refused."""
    name = clean_file_name(upload.name)
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s.")
            % {"name": name, "max": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    upload.seek(0)
    content = upload.read()
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s.")
            % {"name": name, "max": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    if not content:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    kind = filetype.guess(content)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or PDF file. Please send a photo or scan in one of these formats.")
            % {"name": name}
        )
    if content_type.startswith("image/"):
        _check_image(content, name)
    else:
        _check_pdf(content, name)
    _check_not_polyglot(content, content_type, name)
    return CheckedFile(content, content_type, hashlib.sha256(content).hexdigest(), name)


def clean_file_name(name: str | None) -> str:
    """The name as shown and stored: no path, no control or format characters (PostgreSQL refuses NUL)."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    name = name.replace("/", "_").replace("\\", "_").strip()
    return name[-150:] or "upload"


def _check_not_polyglot(content: bytes, content_type: str, name: str) -> None:
    """Refuse a file that is also another kind of file: an image or PDF that is also a ZIP (or JAR),
    an image that is also a PDF, or either with a web page or script inside."""
    lowered = content.lower()
    also_pdf = content_type != "application/pdf" and b"%pdf-" in lowered
    if also_pdf or _is_zip(content) or MARKUP.search(lowered):
        raise ValidationError(
            _(
                "“%(name)s” contains another file or program inside it, which we cannot accept. Please send a plain photo or scan."
            )
            % {"name": name}
        )


def _is_zip(content: bytes) -> bool:
    if b"PK\x05\x06" not in content[-65_557:] and b"PK\x06\x06" not in content[-65_557:]:
        return False
    try:
        return zipfile.is_zipfile(io.BytesIO(content))
    except Exception:
        return True


def _check_image(content: bytes, name: str) -> None:
    too_many_pixels = ValidationError(
        _("“%(name)s” has too many pixels. Please send a smaller photo or scan.") % {"name": name}
    )
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_many_pixels
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels from None
    except Exception:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from None


def _check_pdf(content: bytes, name: str) -> None:
    """Refuse a PDF with scripts, actions or embedded files (privacydesk.core.pdfcheck reads every object)."""
    damaged = ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name})
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise damaged
    try:
        pdfcheck.inspect_pdf(content)
    except pdfcheck.ActiveContent:
        raise ValidationError(
            _("“%(name)s” contains scripts or embedded files, which we cannot accept.") % {"name": name}
        ) from None
    except pdfcheck.Encrypted:
        raise ValidationError(
            _("“%(name)s” is protected by a password or encryption, so we cannot check it. Please send it unprotected.")
            % {"name": name}
        ) from None
    except pdfcheck.Unreadable:
        raise damaged from None
