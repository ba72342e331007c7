"""Nothing in a page served to a browser that the Content-Security-Policy would block.

Templates made only for WeasyPrint (a ``pdf/`` folder or a ``pdf.html``) and e-mails may style inline; the
letter preview shows letters/pdf/ in the browser, so it goes through ``without_style_attributes``.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from tests.cases.helpers import form_data
from tests.conftest import sign_in

ROOT = Path(settings.BASE_DIR)
NOT_FOR_BROWSERS = re.compile(r"^templates/emails/|/pdf/|/pdf\.html$")
BLOCKED = {
    "style attribute": re.compile(r"""\sstyle\s*=""", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"""<[^>]*\son[a-z]+\s*=\s*["']""", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
BLOCKED_JS = {
    "eval": re.compile(r"\beval\s*\("),
    "new Function": re.compile(r"new\s+Function\s*\("),
    "string timer": re.compile(r"set(?:Timeout|Interval)\s*\(\s*[\"']"),
    "style attribute": re.compile(r"""setAttribute\(\s*["']style"""),
}


def browser_templates():
    folders = [ROOT / "templates", *ROOT.glob("privacydesk/*/templates")]
    for folder in folders:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(ROOT).as_posix()
            if not NOT_FOR_BROWSERS.search(relative):
                yield relative, path.read_text(encoding="utf-8")


def test_no_template_served_to_a_browser_has_anything_the_policy_blocks():
    found = [
        f"{name}: {what}: {match.group(0)[:80]!r}"
        for name, text in browser_templates()
        for what, pattern in BLOCKED.items()
        for match in pattern.finditer(text)
    ]
    assert found == []


def test_our_javascript_needs_no_unsafe_eval():
    found = [
        f"{path.name}: {what}"
        for path in (ROOT / "static" / "js").glob("*.js")
        for what, pattern in BLOCKED_JS.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_nothing_links_to_another_origin():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)
    found = [name for name, text in browser_templates() if pattern.search(text)]
    css = [
        p.name
        for p in (ROOT / "static" / "css").glob("*.css")
        if re.search(r"url\(\s*[\"']?(https?:)?//", p.read_text())
    ]
    assert found == [] and css == []


def test_the_500_page_stands_alone_without_inline_style():
    html = render_to_string("500.html")
    assert not BLOCKED["style attribute"].search(html) and not BLOCKED["style element"].search(html)
    assert '<link rel="stylesheet" href="/static/css/error.css">' in html


def test_the_letter_preview_filter_moves_style_attributes_to_data():
    from privacydesk.core.templatetags.letter_preview import without_style_attributes

    html = '<section class="letter"><div class="window" style="left: 3mm; top: -2mm;"><p>山田 様</p></div></section>'
    assert without_style_attributes(html) == (
        '<section class="letter"><div class="window" data-preview-style="left: 3mm; top: -2mm;"><p>山田 様</p></div>'
        "</section>"
    )
    text = "<p>style=&quot;x&quot; typed by someone</p>"  # escaped text is left alone
    assert without_style_attributes(text) == text


@pytest.mark.django_db
def test_the_letter_preview_page_has_no_style_attribute(client, organization, reception, supervisor):
    from privacydesk.letters.services import letter_draft
    from tests.letters.helpers import decided_request

    case = decided_request(organization, reception, supervisor, language="ja", decision="refused")
    letter = letter_draft(case=case, kind="refusal", actor=reception)
    html = sign_in(client, reception).get(f"/ja/staff/letters/{letter.pk}/preview/").content.decode()
    assert 'class="window" data-preview-style="left:' in html
    assert not BLOCKED["style attribute"].search(html)
    assert "/static/js/letter-preview.js" in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rendered_public_forms_and_their_errors_have_no_inline_style(client, organization, lang):
    """crispy-forms and Bootstrap output included: the pages as the browser gets them."""
    slug = organization.slug
    pages = [client.get(f"/{lang}/{slug}/{kind}/") for kind in ("request", "inquiry", "complaint")]
    pages.append(client.post(f"/{lang}/{slug}/request/", form_data(email="not-an-e-mail", agent_type="appointed")))
    pages.append(client.post(f"/{lang}/{slug}/track/", {"reference": "x", "email": "y"}))
    pages += [client.get(f"/{lang}/"), client.get(f"/{lang}/{slug}/"), client.get(f"/{lang}/{slug}/track/")]
    for response in pages:
        html = response.content.decode()
        for what, pattern in BLOCKED.items():
            assert not pattern.search(html), (response.request["PATH_INFO"], what)
