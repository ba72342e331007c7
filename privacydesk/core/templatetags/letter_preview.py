"""Showing a letter's HTML (made for WeasyPrint) in a browser page under our Content-Security-Policy."""

import re

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

STYLE_ATTRIBUTE = re.compile(r'(<[a-zA-Z][^<>]*?\s)style="')


@register.filter
def without_style_attributes(html: SafeString) -> SafeString:
    """``style="…"`` → ``data-preview-style="…"``: the CSP blocks style attributes; static/js/letter-preview.js
    applies the same declarations through the CSSOM, which the CSP allows. Only our own letter templates'
    markup has attributes: what people typed in a letter is escaped and cannot contain a tag."""
    return mark_safe(STYLE_ATTRIBUTE.sub(r'\1data-preview-style="', str(html)))
