"""Japanese input as people type it: full-width digits, hyphens of every kind, hiragana furigana.

Each function returns the normalised value or raises ``ValueError``; forms turn that into a translated
message next to the field. Staff search uses the same functions, so a number typed either way is found.
Every decimal digit counts alike: full-width, Arabic-Indic (١٣٥) or any other script's become ASCII digits.
"""

import re
import unicodedata

import jaconv

# Every dash a Japanese keyboard or IME produces, plus the long-vowel mark typed by mistake in numbers.
_DASHES = "-‐‑‒–—―−－ーｰ"
_DASH_RE = re.compile(f"[{re.escape(_DASHES)}]")
_SPACE_RE = re.compile(r"[\s\u3000]+")
_KATAKANA_RE = re.compile(r"^[\u30a1-\u30f6\u30fc\u30fb\u30fd\u30fe ]+$")
# Every way of ending a line: CR LF, CR, vertical tab, form feed, NEL, and the Unicode line and paragraph separators.
_LINE_BREAK_RE = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Text as typed, without the characters that only deceive or break it.

    Control characters (Unicode category Cc) and format characters (Cf: the bidi overrides such as U+202E that
    make "gpj.exe" read "exe.jpg", zero-width spaces, BOMs) are removed. A multi-line message keeps its line
    breaks, as "\n"; in a one-line field, and for tabs everywhere, a line break or tab becomes a space.
    """
    text = _LINE_BREAK_RE.sub("\n" if multiline else " ", value).replace("\t", " ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf"))


def ascii_digits(value: str) -> str:
    """'١٣٥-٠٠١٦' → '135-0016': any script's decimal digits as ASCII digits; everything else unchanged."""
    return "".join(str(digit) if (digit := unicodedata.decimal(c, None)) is not None else c for c in value)


def to_half_width(value: str) -> str:
    """Full-width ASCII (digits, letters, symbols) to half-width; leaves kana and kanji alone."""
    return jaconv.z2h(value, kana=False, ascii=True, digit=True)


def collapse_spaces(value: str) -> str:
    return _SPACE_RE.sub(" ", value).strip()


def normalize_phone(value: str) -> str:
    """'０３－１２３４－５６７８' → '0312345678'; '+81 3 1234 5678' → '+81312345678'."""
    text = _DASH_RE.sub("", ascii_digits(to_half_width(value)))
    text = re.sub(r"[\s()（）.]", "", text)
    if not re.fullmatch(r"\+?\d+", text or "x"):
        raise ValueError("phone")
    digits = text.lstrip("+")
    if text.startswith("+"):
        if not 8 <= len(digits) <= 15:
            raise ValueError("phone")
    elif not (text.startswith("0") and 10 <= len(digits) <= 11):
        raise ValueError("phone")
    return text


def format_phone(value: str) -> str:
    """A readable form for display; the stored value stays digits only."""
    if value.startswith("+") or len(value) not in (10, 11):
        return value
    if len(value) == 11:
        return f"{value[:3]}-{value[3:7]}-{value[7:]}"
    if value.startswith(("03", "06")):
        return f"{value[:2]}-{value[2:6]}-{value[6:]}"
    return f"{value[:3]}-{value[3:6]}-{value[6:]}"


def normalize_postal_code(value: str) -> str:
    """'〒１３５－００１６' → '135-0016'."""
    text = _DASH_RE.sub("", ascii_digits(to_half_width(value))).replace("〒", "").replace(" ", "")
    if not re.fullmatch(r"\d{7}", text):
        raise ValueError("postal_code")
    return f"{text[:3]}-{text[3:]}"


def normalize_furigana(value: str) -> str:
    """Hiragana and half-width katakana to full-width katakana; anything else is refused."""
    text = unicodedata.normalize("NFKC", value)  # half-width katakana → full-width
    text = collapse_spaces(jaconv.hira2kata(text))
    if not text or not _KATAKANA_RE.fullmatch(text):
        raise ValueError("furigana")
    return text


def normalize_email(value: str) -> str:
    """For matching the same person across cases: NFKC, trimmed, lower-cased."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def normalize_name(value: str) -> str:
    """For display and matching: NFKC (full-width Latin to half-width) and single spaces."""
    return collapse_spaces(unicodedata.normalize("NFKC", value))


def search_key(value: str) -> str:
    """The key staff search and duplicate detection use: no spaces, no dashes, half-width, lower case."""
    text = ascii_digits(unicodedata.normalize("NFKC", value))
    text = jaconv.hira2kata(text)
    return _SPACE_RE.sub("", _DASH_RE.sub("", text)).lower()


def name_search_tokens(*names: str) -> str:
    """' 山田 太郎 山田太郎 ヤマダ タロウ ヤマダタロウ ': every part and each whole name, space-delimited.

    Staff search a name part of two characters (山田) as a whole token and longer text anywhere; both
    shapes use the trigram index on PostgreSQL.
    """
    tokens: list[str] = []
    for name in names:
        parts = [search_key(part) for part in _SPACE_RE.split(unicodedata.normalize("NFKC", name)) if part]
        for token in [*parts, "".join(parts)]:
            if token and token not in tokens:
                tokens.append(token)
    return f" {' '.join(tokens)} " if tokens else ""
