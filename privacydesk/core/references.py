"""Reference numbers (受付番号): short, readable over the phone, not guessable in sequence."""

import secrets

from django.utils import timezone

from privacydesk.core.normalize import search_key

# Crockford's base 32 without I, L, O, U: nothing to confuse with 1, 0 or V when read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """'2611-K7M3-9QXR': year and month of receipt, then 8 random characters (40 bits)."""
    stamp = timezone.localdate().strftime("%y%m")
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{stamp}-{body[:4]}-{body[4:]}"


def normalize_reference(value: str) -> str:
    """What a person types ('２６１１ｋ７ｍ３９ｑｘｒ') to the stored form ('2611-K7M3-9QXR')."""
    text = search_key(value).upper().replace("O", "0").replace("I", "1").replace("L", "1")
    if len(text) != 12:
        return text
    return f"{text[:4]}-{text[4:8]}-{text[8:]}"
