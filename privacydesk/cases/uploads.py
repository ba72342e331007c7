"""Checking uploaded files: the content decides the type, never the name or the browser's word."""

import hashlib
import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

ALLOWED_TYPES = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}
MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel scan is plenty; larger ones are decompression bombs


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    sha256: str
    name: str


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read, size-check and content-sniff an upload; raise a translated ``ValidationError`` if refused."""
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s.")
            % {"name": upload.name, "max": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    upload.seek(0)
    content = upload.read()
    if len(content) > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: files may be at most %(max)s.")
            % {"name": upload.name, "max": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    if not content:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    kind = filetype.guess(content)
    content_type = kind.mime if kind else ""
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or PDF file. Please send a photo or scan in one of these formats.")
            % {"name": upload.name}
        )
    if content_type.startswith("image/"):
        _check_image(content, upload.name)
    else:
        _check_pdf(content, upload.name)
    name = (upload.name or "upload").replace("/", "_").replace("\\", "_")[-150:]
    return CheckedFile(content, content_type, hashlib.sha256(content).hexdigest(), name)


def _check_image(content: bytes, name: str) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("“%(name)s” has too many pixels. Please send a smaller photo or scan.") % {"name": name}
                )
            image.verify()
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name}) from None


def _check_pdf(content: bytes, name: str) -> None:
    head = content[:1024]
    if not head.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise ValidationError(_("“%(name)s” is damaged and cannot be opened.") % {"name": name})
    lowered = content.lower()
    if b"/javascript" in lowered or b"/js " in lowered or b"/launch" in lowered or b"/embeddedfile" in lowered:
        raise ValidationError(
            _("“%(name)s” contains scripts or embedded files, which we cannot accept.") % {"name": name}
        )
