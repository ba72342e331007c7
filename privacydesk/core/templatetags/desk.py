from django import template
from django.urls import translate_url
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

from privacydesk.core.i18n import join_list

register = template.Library()


@register.filter
def joinlist(items) -> str:
    """Join with the active language's list separator ('、' in Japanese, ', ' in English)."""
    return join_list(items)


@register.filter
def isodate(value: str):
    """An ISO date-time string (as stored in JSON) to a date in the desk's time zone, formatted per language."""
    moment = parse_datetime(value or "")
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT") if moment else ""


@register.simple_tag(takes_context=True)
def translated_path(context, language: str) -> str:
    """This page's path in another language (/ja/… ↔ /en/…), for the language switcher's ``next``."""
    request = context.get("request")
    if request is None:
        return "/"
    # A page shown in answer to a form post (an error, a refusal) switches to its own page, not the action.
    path = context.get("canonical_path") or (request.get_full_path() if request.method == "GET" else "")
    return translate_url(path or request.META.get("HTTP_REFERER", "/"), language)
