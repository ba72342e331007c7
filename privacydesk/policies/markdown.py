"""Policy Markdown to safe HTML: markdown-it-py (CommonMark, raw HTML off), then nh3 with a short allow-list.

Raw HTML in the source is shown as text, not interpreted; whatever gets through is cleaned by nh3 anyway: no
script, no event handler, no style, no image (a foreign image would tell a third party who reads the policy),
links only relative or https, each with rel="noopener noreferrer". Headings are shifted so that the text's
highest one is an <h2>: the page's own <h1> stays the only one.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# An image is written out as its description: no request to any other server from the policy page.
_md.add_render_rule(
    "image",
    lambda self, tokens, idx, options, env: escapeHtml(
        self.renderInlineAsText(tokens[idx].children or [], options, env)
    ),
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre",
    "blockquote", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"https"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str) -> str:
    """The text's highest heading becomes <h2> (the page's <h1> is its title), the others follow in order."""
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if not levels:
        return html
    shift = 2 - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)


def render_markdown(source: str) -> SafeString:
    """Safe HTML for a policy text (Markdown); an empty string for an empty text."""
    if not (source or "").strip():
        return mark_safe("")
    html = nh3.clean(
        _md.render(source),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(_shift_headings(html))  # cleaned by nh3 just above
