"""Small pieces the guide, the landing page and the 429 page share, so Japanese reads as Japanese:
label–value pairs with the language's colon, sentences joined without a space in Japanese, and the
printable request form offered only for the written channels the desk has."""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from privacydesk.organizations.models import Organization
from privacydesk.organizations.selectors import contact_channels

from ..selectors import request_form_label

register = template.Library()


@register.simple_tag
def labelled(label, value) -> str:
    """'Desk hours: Weekdays 10:00–17:00' / 「窓口受付時間：平日 10:00〜17:00」."""
    return mark_safe(
        _("%(label)s: %(value)s") % {"label": conditional_escape(label), "value": conditional_escape(value)}
    )


@register.simple_tag
def sentences(*parts) -> str:
    """Join sentences: with a space in English, with nothing between Japanese sentences. Empty parts are left out."""
    separator = "" if (translation.get_language() or "").startswith("ja") else " "
    escaped = [str(conditional_escape(part)).strip() for part in parts if part]
    return mark_safe(separator.join(text for text in escaped if text))


@register.simple_tag
def printable_form_label(organization: Organization) -> str:
    """The link text of the printable request form for the desk's written channels; "" if it takes none."""
    return request_form_label(organization=organization)


@register.simple_tag
def desk_contact_channels(organization: Organization) -> list:
    return contact_channels(organization=organization)


@register.simple_tag
def desk_contact_line(organization: Organization) -> str:
    """'Telephone: … / FAX: … / E-mail: …' with only the parts the desk has, so no line starts with a separator."""
    parts = [
        (_("Telephone"), organization.phone),
        (pgettext("channel", "FAX"), organization.fax),
        (_("E-mail"), organization.email),
    ]
    return mark_safe(
        " / ".join(labelled(label, value) for label, value in parts if value)  # labelled() escapes both
    )
