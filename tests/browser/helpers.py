"""What a person does on the public pages, in their language: open a page, fill by label, press a button.

Labels and button names are given as the English msgids; ``Visitor`` translates them into the page's
language through Django's own catalogs, so the same test reads the Japanese page as a Japanese visitor
sees it today (whatever the catalog translates) and keeps passing as the translator fills it in.
"""

import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Locator, Page

from tests.conftest import PDF_BYTES, image_bytes

REFERENCE = re.compile(r"\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
BLOCKING = {"serious", "critical"}  # axe impacts a page of ours may not have


def ui(language: str, msgid: str) -> str:
    """The text the page shows for ``msgid`` in ``language``."""
    with translation.override(language):
        return translation.gettext(msgid)


def exactly(text: str) -> re.Pattern:
    """A label or name equal to ``text``, allowing the required-field asterisk after it."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


class Visitor:
    def __init__(self, page: Page, language: str):
        self.page = page
        self.language = language

    def t(self, msgid: str) -> str:
        return ui(self.language, msgid)

    # --- moving around
    def open(self, path: str) -> None:
        self.page.goto(f"/{self.language}/{path.lstrip('/')}")

    def follow(self, link: str) -> None:
        self.page.get_by_role("link", name=self.t(link)).click()

    def press(self, button: str, within: str | None = None) -> None:
        """Press a button; ``within`` names the fieldset (its legend) when the same button appears twice."""
        scope = self.page.get_by_role("group", name=self.t(within), exact=True) if within else self.page
        scope.get_by_role("button", name=exactly(self.t(button))).click()

    # --- filling in
    def field(self, label: str) -> Locator:
        return self.page.get_by_label(exactly(self.t(label)))

    def fill(self, label: str, value: str) -> None:
        self.field(label).fill(value)

    def tick(self, label: str) -> None:
        self.field(label).check()

    def choose(self, label: str, option: str) -> None:
        self.field(label).select_option(label=self.t(option))

    def attach(self, label: str, path: Path) -> None:
        self.field(label).set_input_files(str(path))

    # --- reading
    def shows(self, msgid: str) -> Locator:
        return self.page.get_by_text(self.t(msgid), exact=False).first

    def error_under(self, label: str) -> str:
        """The error text rendered next to a field (crispy puts it right after the input)."""
        field_id = self.field(label).get_attribute("id")
        return self.page.locator(f"#{field_id}_error").inner_text()

    def summary(self) -> dict[str, str]:
        """The confirmation page's "label: value" list, as the visitor reads it."""
        rows = self.page.locator("dl dt").all()
        return {
            dt.inner_text().strip(): dt.locator("xpath=following-sibling::dd[1]").inner_text().strip() for dt in rows
        }

    def reference_number(self) -> str:
        return self.page.locator("#reference-number").inner_text().strip()


def png_file(folder: Path, name: str = "licence.png") -> Path:
    path = folder / name
    path.write_bytes(image_bytes())
    return path


def pdf_file(folder: Path, name: str = "letter.pdf") -> Path:
    path = folder / name
    path.write_bytes(PDF_BYTES)
    return path


def text_disguised_as_jpeg(folder: Path, name: str = "passport.jpg") -> Path:
    path = folder / name
    path.write_text("This is not a photo of a passport.\n")
    return path


def blocking_violations(axe: Axe, page) -> list[str]:
    """axe-core's serious and critical violations on the page, one readable line per element."""
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in BLOCKING:
            for node in violation["nodes"]:
                summary = " ".join(node.get("failureSummary", "").split())
                found.append(f"{page.url} {violation['id']} ({violation['impact']}) at {node['target']}: {summary}")
    return found
