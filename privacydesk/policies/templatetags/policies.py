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


@register.simple_tag
def policy_section(organization, key: str) -> str:
    """One structured section of the organisation's current policy, as safe HTML ('' when it has none).

    For the desk's other pages: ``{% load policies %}{% policy_section organization "external" %}``. The anchor
    ``#section-<key>`` on the policy page (``policies:current``) leads to the same section.
    """
    from .. import clock
    from ..selectors import policy_section_html

    language = (translation.get_language() or "ja")[:2]
    return policy_section_html(organization=organization, key=key, language=language, today=clock.today())
