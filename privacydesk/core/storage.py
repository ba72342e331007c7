"""Private files: stored outside any public URL and encrypted at rest (Fernet, key from the environment)."""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@cache
def _fernet(key: str) -> Fernet:
    if not key:
        raise ImproperlyConfigured("Set FILE_ENCRYPTION_KEY to store uploaded files.")
    try:
        return Fernet(key.encode())
    except ValueError:
        # Any passphrase works too: derive a Fernet key from it.
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()))


@deconstructible
class EncryptedStorage(FileSystemStorage):
    """A file system storage that encrypts on save and decrypts on open; it has no URL."""

    def __init__(self) -> None:
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):  # read at use, so tests can point PRIVATE_MEDIA_ROOT elsewhere
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def _save(self, name, content):
        content.seek(0)
        token = _fernet(settings.FILE_ENCRYPTION_KEY).encrypt(content.read())
        return super()._save(name, ContentFile(token))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as handle:
            data = _fernet(settings.FILE_ENCRYPTION_KEY).decrypt(handle.read())
        return ContentFile(data, name=name)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checking view.")


private_storage = EncryptedStorage()
