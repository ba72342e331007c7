"""Playwright fixtures: one Chromium per session, a fresh browser context (cookies, session) per test.

Every test leaves a full-page screenshot of where it ended in test-artifacts/<test name>.png for review.
JavaScript errors on any page fail the test that caused them.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(autouse=True)
def _links_point_at_the_live_server(request, settings):
    """Tracking links are absolute (they go into e-mails): make them point at the server the browser uses."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url


def _open_page(request, browser, live_server, viewport: dict, locale: str = "ja-JP", **options) -> Page:
    context = browser.new_context(
        viewport=viewport, base_url=live_server.url, locale=locale, timezone_id="Asia/Tokyo", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    request.addfinalizer(lambda: _finish(request, context, page))
    return page


def _finish(request, context, page: Page) -> None:
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
    assert not page.js_errors, f"JavaScript errors on the page: {page.js_errors}"


@pytest.fixture
def page(request, browser, live_server) -> Page:
    """A desktop browser window (1280×900) set up in Japanese, like most visitors'."""
    return _open_page(request, browser, live_server, DESKTOP)


@pytest.fixture
def page_in_english_browser(request, browser, live_server) -> Page:
    """A desktop browser set up in English (Accept-Language: en-US), like a visitor from abroad."""
    return _open_page(request, browser, live_server, DESKTOP, locale="en-US")


@pytest.fixture
def page_without_js(request, browser, live_server) -> Page:
    """A desktop browser window with JavaScript turned off: everything must still work."""
    return _open_page(request, browser, live_server, DESKTOP, java_script_enabled=False)


@pytest.fixture
def phone_page(request, browser, live_server) -> Page:
    """A phone-sized window (390×844, touch, 2× pixels).

    Not ``is_mobile``: with mobile emulation Chromium widens the layout viewport to fit a page that is too
    wide (as a phone zooms out), which hides the very overflow the layout tests measure.
    """
    return _open_page(request, browser, live_server, PHONE, has_touch=True, device_scale_factor=2)
