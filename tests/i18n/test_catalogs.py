"""The Japanese catalog is complete, and makemessages would not change it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> set[tuple[str, str]]:
    """(msgctxt, msgid) of every entry, with continuation lines joined."""
    result = set()
    for block in text.split("\n\n"):
        ctxt = re.search(r'^msgctxt ((?:".*"\n?)+)', block, re.M)
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if msgid:
            join = lambda m: "".join(re.findall(r'"(.*)"', m.group(1))) if m else ""  # noqa: E731
            result.add((join(ctxt), join(msgid)))
    result.discard(("", ""))
    return result


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs gettext's msgfmt")
def test_japanese_catalog_has_no_untranslated_or_fuzzy_entry():
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOG)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext's xgettext")
def test_makemessages_would_not_change_the_catalog(tmp_path):
    """Run makemessages in a copy of the sources and compare the entries with the committed catalog."""
    base = Path(settings.BASE_DIR)
    for name in ("privacydesk", "templates", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ja", "--no-obsolete", "--no-location", "-v0"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "privacydesk.settings.dev"},
    )
    before = entries(CATALOG.read_text())
    after = entries((tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po").read_text())
    assert after == before, f"new: {sorted(after - before)[:10]} gone: {sorted(before - after)[:10]}"
