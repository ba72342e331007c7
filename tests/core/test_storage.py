from django.conf import settings
from django.core.files.base import ContentFile

from privacydesk.core.storage import private_storage


def test_private_storage_encrypts_at_rest_and_decrypts_on_open():
    secret = "山田太郎 運転免許証 1234567890".encode()
    name = private_storage.save("test/secret.bin", ContentFile(secret))
    raw = (settings.PRIVATE_MEDIA_ROOT / name).read_bytes()
    assert secret not in raw
    with private_storage.open(name) as handle:
        assert handle.read() == secret


def test_private_storage_has_no_public_url():
    try:
        private_storage.url("x")
    except ValueError:
        return
    raise AssertionError("a private file must have no URL")
