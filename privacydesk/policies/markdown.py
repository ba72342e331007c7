"""Policy Markdown to safe HTML: markdown-it-py (CommonMark, raw HTML off), then nh3 with a short allow-list.

Raw HTML in the source is shown as text, not interpreted; whatever gets through is cleaned by nh3 anyway: no
script, no event handler, no style, no image (a foreign image would tell a third party who reads the policy),
links only relative or https, each with rel="noopener noreferrer". Headings are shifted so that the text's
highest one is an <h2> (or the given base level): the page's own <h1> stays the only one. A line break between two
Japanese characters is dropped instead of becoming a space.
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

# A line break inside a paragraph (a "soft break") is a space in the page: right between Latin words, wrong in
# Japanese, where 「お預かりした␣個人情報」 shows a stray gap. Between two CJK characters the break is dropped.
_CJK = re.compile(
    r"[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u31FF\u3200-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F"
    r"\uFF00-\uFFEF\U00020000-\U0003FFFF]"
)


def _neighbour_char(tokens, idx: int, step: int) -> str:
    """The character next to the soft break at ``idx`` in the text around it ('' at the edge of the paragraph)."""
    i = idx + step
    while 0 <= i < len(tokens):
        token = tokens[i]
        if token.type in ("softbreak", "hardbreak"):
            return ""
        if token.type in ("text", "code_inline") and token.content:
            return token.content[-1] if step < 0 else token.content[0]
        if token.type == "image":  # written out as its description
            text = "".join(child.content for child in token.children or [])
            if text:
                return text[-1] if step < 0 else text[0]
        i += step
    return ""


# Full-width punctuation (、。「」（）：…) never wants a space next to it, whatever is on the other side.
_CJK_PUNCTUATION = re.compile(r"[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]")


def _softbreak(self, tokens, idx, options, env) -> str:
    before, after = _neighbour_char(tokens, idx, -1), _neighbour_char(tokens, idx, 1)
    if before and after:
        if _CJK.match(before) and _CJK.match(after):
            return ""
        if _CJK_PUNCTUATION.match(before) or _CJK_PUNCTUATION.match(after):
            return ""
    return "\n"


_md.add_render_rule("softbreak", _softbreak)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre",
    "blockquote", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"https"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _shift_headings(html: str, base_level: int) -> str:
    """The text's highest heading becomes <h{base_level}>, the others follow in order (never beyond <h6>)."""
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if not levels:
        return html
    shift = base_level - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{max(1, min(int(m.group(2)) + shift, 6))}>", html)


def render_markdown(source: str, *, base_level: int = 2) -> SafeString:
    """Safe HTML for a policy text (Markdown); an empty string for an empty text.

    ``base_level`` is the level of the text's highest heading: 2 under a page's <h1>, 3 where the page already
    heads the text with an <h2> (the staff preview, one column per language).
    """
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
    return mark_safe(_shift_headings(html, min(max(base_level, 1), 6)))  # cleaned by nh3 just above
