"""What a desk worker does on the staff pages, in their language: sign in, find a case, work on it.

Like ``Visitor``, labels are given as English msgids and translated through Django's catalogs. Choice labels
(statuses, actions, decisions) are given as the choice itself, so that their ``pgettext`` context is kept:
the status button "Record the decision" and the summary "Record the decision" are different msgids.
"""

import re

import pytest
from django.db.models import Choices
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import Visitor, exactly
from tests.factories import OrganizationFactory, UserFactory, totp_code, totp_device_for

PASSWORD = "correct-horse-battery"
LANGUAGES = ["en", "ja"]


def label(language: str, choice: Choices) -> str:
    """The label of a ``TextChoices`` member (``gettext_lazy`` or ``pgettext_lazy``) as ``language`` shows it."""
    with translation.override(language):
        return str(choice.label)


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def desk_page(request, language) -> Page:
    """A desktop browser set up in the desk worker's language (the URL prefix decides the page's language)."""
    return request.getfixturevalue("page_in_english_browser" if language == "en" else "page")


@pytest.fixture
def desk(db):
    """A desk with a handling fee of 1,000 JPY per contract for disclosure, accepting copies of documents."""
    return OrganizationFactory()


def desk_worker(organization, role: str, username: str):
    user = UserFactory(username=username, role=role)
    user.organizations.add(organization)
    return user, totp_device_for(user)


class DeskWorker(Visitor):
    """A member of staff at the desk, on the staff pages in ``language``."""

    def label(self, choice: Choices) -> str:
        return label(self.language, choice)

    # --- signing in and out
    def sign_in(self, user, device) -> None:
        self.open("staff/login/")
        self.fill("User name", user.username)
        self.fill("Password", PASSWORD)
        self.press("Next")
        expect(self.page).to_have_url(re.compile(rf"/{self.language}/staff/login/code/"))
        self.fill("Six-digit code from your authenticator app", totp_code(device))
        self.press("Sign in")
        expect(self.page).to_have_url(re.compile(rf"/{self.language}/staff/$"))
        expect(self.page.get_by_role("heading", level=1)).to_have_text(self.t("Queue"))

    def sign_out(self) -> None:
        self.press("Sign out")
        expect(self.page).to_have_url(re.compile(rf"/{self.language}/staff/login/$"))

    # --- finding a case
    def find_in_queue(self, reference: str) -> None:
        self.page.get_by_role("link", name=self.t("Queue"), exact=True).click()
        self.fill("Search", reference)
        self.press("Filter")
        rows = self.page.locator("table tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(reference)

    def open_case(self, reference: str) -> None:
        self.page.get_by_role("link", name=reference, exact=True).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(reference)

    def field(self, label: str) -> Locator:
        """A form field by its label (not a card whose heading happens to read the same, as 決定 does)."""
        return self.page.get_by_label(exactly(self.t(label))).and_(self.page.locator("input, select, textarea"))

    # --- working on a case
    def status_button(self, action: Choices) -> Locator:
        """One of the buttons under the reference number that change the status."""
        return self.page.get_by_role("button", name=exactly(self.label(action)))

    def unfold(self, summary: str) -> None:
        """Open a folded panel ("Record a verification", "Extend the deadline", …) by its summary line."""
        self.page.locator("summary", has_text=exactly(self.t(summary))).click()

    def choose_choice(self, field: str, choice: Choices) -> None:
        self.field(field).select_option(label=self.label(choice))

    def section(self, heading: str) -> Locator:
        """A card of the case page, named by its heading."""
        return self.page.get_by_role("region", name=re.compile(rf"^{re.escape(self.t(heading))}"))

    # --- reading
    def flash(self) -> Locator:
        """The message the page shows at the top after an action."""
        return self.page.locator("main > [aria-live] .alert")

    def status(self) -> Locator:
        """The status badge next to the reference number."""
        return self.page.locator("h1 + .badge")

    def timeline(self) -> Locator:
        return self.section("Timeline").get_by_role("listitem")

    def timeline_entries(self, kind: Choices) -> Locator:
        """The timeline entries of ``kind``, oldest first (as the timeline lists them)."""
        return self.timeline().filter(has=self.page.get_by_text(self.label(kind), exact=True))
