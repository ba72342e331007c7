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


@pytest.mark.parametrize("source, expected", [
    ("お客様の個人情報を\nお預かりした", "<p>お客様の個人情報をお預かりした</p>"),
    ("English words\nwrapped here", "<p>English words\nwrapped here</p>"),  # a space between Latin words
    ("本社へのご来訪、\nFAXまたは郵送", "<p>本社へのご来訪、FAXまたは郵送</p>"),  # full-width punctuation
    ("VoIP\n（電話）", "<p>VoIP（電話）</p>"),
    ("**個人情報**\nの取扱い", "<p><strong>個人情報</strong>の取扱い</p>"),
    ("[窓口](https://desk.example)\nへご連絡", '<p><a href="https://desk.example" rel="noopener noreferrer">窓口</a>へご連絡</p>'),
    ("日本語\nEnglish", "<p>日本語\nEnglish</p>"),  # a CJK letter and a Latin word: the space stays
    ("改行を残す\\\n次の行", "<p>改行を残す<br>\n次の行</p>"),  # a hard break is kept
    ("絵文字𠮷\n野家", "<p>絵文字𠮷野家</p>"),  # outside the Basic Multilingual Plane
    ("<b>太字</b>\n本文", "<p>&lt;b&gt;太字&lt;/b&gt;\n本文</p>"),  # raw HTML stays text ("&gt;" is not CJK)
    ("<script>\n日本語", "<p>&lt;script&gt;\n日本語</p>"),
    ("- 項目\n  続き", "<ul>\n<li>項目続き</li>\n</ul>"),
])  # fmt: skip
def test_a_soft_line_break_between_japanese_characters_is_dropped(source, expected):
    assert str(render_markdown(source)).strip() == expected


@given(st.text(alphabet="あいう漢字、。ab \n*_`[]()<>#-", max_size=80))
@settings(max_examples=200, deadline=None)
def test_the_softbreak_rule_never_fails_and_never_puts_a_newline_between_two_kana(source):
    html = str(render_markdown(source))
    import re

    assert not re.search(r"[あいう漢字]\n[あいう漢字]", html)


def test_a_base_level_moves_the_highest_heading():
    html = str(render_markdown("# A\n\n## B\n\n###### C", base_level=3))
    assert "<h3>A</h3>" in html and "<h4>B</h4>" in html and "<h6>C</h6>" in html and "<h2>" not in html
