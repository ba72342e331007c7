from django import template

from privacydesk.core.i18n import join_list

register = template.Library()


@register.filter
def joinlist(items) -> str:
    """Join with the active language's list separator ('、' in Japanese, ', ' in English)."""
    return join_list(items)
