from django import template
from django.utils import translation
from django.utils.translation import gettext

from privacydesk.core.i18n import join_list

from .. import clock
from ..rendering import LANGUAGE_NAMES
from ..rendering import policy_language_note as rendered_language_note
from ..selectors import policy_section_html

register = template.Library()


@register.filter
def policy_summary(version) -> str:
    """The summary of changes of a version in the active language (or the other one when it has none)."""
    return version.summary((translation.get_language() or "ja")[:2]) if version else ""


@register.filter
def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


@register.filter
def policy_language_list(version) -> str:
    """The languages of a version, its original marked: 「日本語、英語（原文）」 / "Japanese, English (original)"."""
    return join_list(
        gettext("%(language)s (original)") % {"language": LANGUAGE_NAMES[code]}
        if code == version.original_language
        else LANGUAGE_NAMES[code]
        for code in version.languages
    )


@register.filter
def policy_language_note(rendered, prevailing: str) -> str:
    """The one sentence on original, translation and prevailing text (rendering.policy_language_note)."""
    return rendered_language_note(rendered, prevailing) if rendered else ""


@register.simple_tag
def policy_section(organization, key: str) -> str:
    """One structured section of the organisation's current policy, as safe HTML ('' when it has none).

    For the desk's other pages: ``{% load policies %}{% policy_section organization "external" %}``. The anchor
    ``#section-<key>`` on the policy page (``policies:current``) leads to the same section.
    """
    language = (translation.get_language() or "ja")[:2]
    return policy_section_html(organization=organization, key=key, language=language, today=clock.today())
