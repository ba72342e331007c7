"""The setup installs the IPAex fonts; WeasyPrint embeds them and the Japanese text extracts back intact."""

import io
import shutil

import pytest

pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig")


def test_weasyprint_embeds_ipaex_mincho_and_gothic():
    import subprocess

    from pypdf import PdfReader
    from weasyprint import HTML

    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=True).stdout  # noqa: S607
    from tests.conftest import require

    require("IPAexMincho" in fonts and "IPAexGothic" in fonts, "needs fonts-ipaexfont-mincho and -gothic")
    html = """<html lang="ja"><body>
      <h1 style="font-family: 'IPAexGothic'">開示請求に対するご回答</h1>
      <p style="font-family: 'IPAexMincho'">令和8年11月25日　山田太郎様　拝啓 時下ますますご清祥のこととお慶び申し上げます。</p>
    </body></html>"""
    pdf = HTML(string=html).write_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text().replace("\n", "")  # line breaks where the line wrapped
    assert "開示請求に対するご回答" in text
    assert "時下ますますご清祥のこととお慶び申し上げます" in text
    embedded = {font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("IPAexMincho" in name for name in embedded), embedded
    assert any("IPAexGothic" in name for name in embedded), embedded
