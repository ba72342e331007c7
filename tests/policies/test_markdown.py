"""Hostile Markdown: nothing that runs, loads or navigates somewhere unsafe survives the rendering."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacydesk.policies.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pixel](http://evil.example/track.png)",
    "![pixel](https://evil.example/track.png)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '<img src="http://evil.example/x.png" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)" onclick="alert(2)">x</a>',
    '<div onmouseover="alert(1)">hover</div>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"><script>alert(2)</script></svg>',
    '<details open ontoggle="alert(1)">',
    "<div markdown=1>[x](javascript:alert(1))</div>",
    "<p>**bold** <script>alert(1)</script></p>\n\n[ok](https://example.com)",
    "[a](<javascript:alert(1)>)",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<http://evil.example/auto>",
    '<form action="https://evil.example"><input name=q></form>',
    "<!-- <script>alert(1)</script> -->",
    '<a href="https://ok.example" style="position:fixed">x</a>',
    '<object data="https://evil.example/x.swf"></object>',
]

SAFE_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre",
             "blockquote", "a"}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "start"}


class Markup(HTMLParser):
    """What a browser would build from the HTML: its elements, attributes and link targets."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.hrefs = set(), set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "href":
                self.hrefs.append(value)


def assert_safe(html: str) -> None:
    markup = Markup(html)
    assert markup.tags <= SAFE_TAGS, html
    assert markup.attributes <= SAFE_ATTRIBUTES, html
    for href in markup.hrefs:
        # https, or relative (a "scheme" with a colon before any slash would be an absolute URL)
        assert href.startswith("https://") or ":" not in href.split("/")[0], href


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markdown_leaves_no_script_handler_image_or_unsafe_link(source):
    assert_safe(str(render_markdown(source)))


def test_raw_html_is_shown_as_text_not_interpreted():
    html = str(render_markdown("<b>bold</b> and <script>x()</script>"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "&lt;script&gt;" in html


def test_an_image_becomes_its_description_and_loads_nothing():
    html = str(render_markdown("See ![our office map](https://maps.example/office.png)."))
    assert "our office map" in html and "maps.example" not in html and "<img" not in html


def test_links_keep_https_and_relative_targets_and_open_no_window_reference():
    html = str(
        render_markdown("[PPC](https://www.ppc.go.jp/) [form](/ja/desk/request/) [plain](http://insecure.example/)")
    )
    assert '<a href="https://www.ppc.go.jp/" rel="noopener noreferrer">PPC</a>' in html
    assert '<a href="/ja/desk/request/" rel="noopener noreferrer">form</a>' in html
    assert "http://insecure.example" not in html and "plain" in html


def test_markdown_structure_survives_with_headings_one_level_down():
    html = str(render_markdown("# Title\n\n## Part\n\n- one\n- two\n\n1. first\n\n**strong** *em* `code`"))
    assert "<h2>Title</h2>" in html and "<h3>Part</h3>" in html and "<h1" not in html
    assert "<ul>" in html and "<ol>" in html and "<strong>strong</strong>" in html and "<code>code</code>" in html


def test_an_empty_text_renders_nothing():
    assert render_markdown("") == "" and render_markdown("  \n ") == ""


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/ :;&#()[]!*-_`\\\nabcjvsrptimgonerlf0123456789")), max_size=120))
def test_no_generated_input_produces_markup_that_runs_or_loads(source):
    assert_safe(str(render_markdown(source)))


def test_a_text_whose_headings_start_at_level_two_keeps_them_at_level_two():
    html = str(render_markdown("## Basic policy\n\n### Detail\n\ntext"))
    assert "<h2>Basic policy</h2>" in html and "<h3>Detail</h3>" in html
