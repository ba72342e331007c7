"""Bilingual model fields: ``name_ja`` / ``name_en`` pairs, read in the active language."""

from django.utils import translation
from django.utils.translation import pgettext


def localized(obj: object, field: str, language: str | None = None) -> str:
    """The value of ``field_<lang>`` in the given or active language, falling back to the other one."""
    lang = (language or translation.get_language() or "ja")[:2]
    other = "en" if lang == "ja" else "ja"
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_{other}", "")


def join_list(items) -> str:
    """Join translated items with the language's list separator ('、' in Japanese)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)
