from django import template
from django.utils import translation

register = template.Library()


@register.filter
def policy_summary(version) -> str:
    """The summary of changes of a version in the active language (or the other one when it has none)."""
    return version.summary((translation.get_language() or "ja")[:2]) if version else ""


@register.filter
def language_name(code: str) -> str:
    from ..rendering import LANGUAGE_NAMES

    return str(LANGUAGE_NAMES.get(code, code))
