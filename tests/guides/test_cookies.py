"""The cookie page lists exactly what the site sets, from the settings; the site stores nothing else."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parents[2] / "static"


def listed_cookie_names(page: str) -> set[str]:
    return set(re.findall(r'<code class="cookie-name">([^<]+)</code>', page))


def test_the_cookie_page_lists_the_session_csrf_and_language_cookies_by_their_configured_names(client, settings):
    settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME = "pd_session", "pd_csrf"
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    page = client.get("/en/cookies/").content.decode()
    assert listed_cookie_names(page) == {"pd_session", "pd_csrf", settings.LANGUAGE_COOKIE_NAME}
    assert "No tracking, advertising or analytics cookies" in page


def test_notices_carried_in_a_cookie_are_listed_too(client, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
    page = client.get("/en/cookies/").content.decode()
    assert "messages" in listed_cookie_names(page)


def test_the_lifetimes_come_from_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 86400
    settings.LANGUAGE_COOKIE_AGE = None
    page = client.get("/en/cookies/").content.decode()
    assert "3 days" in page and "Until you close the browser" in page


def test_the_cookie_page_reads_in_japanese_and_every_page_links_to_it(client, organization):
    page = client.get("/ja/cookies/").content.decode()
    assert '<html lang="ja">' in page and "sessionid" in page
    for path in ("/ja/", f"/ja/{organization.slug}/", f"/en/{organization.slug}/request/", "/en/staff/login/"):
        assert 'href="/' + path.split("/")[1] + '/cookies/"' in client.get(path).content.decode(), path


def test_no_organisation_can_take_the_cookie_pages_slug():
    desk = OrganizationFactory.build(slug="cookies")
    with pytest.raises(ValidationError) as raised:
        desk.full_clean()
    assert "slug" in raised.value.message_dict


def test_our_scripts_store_nothing_in_the_browser():
    scripts = [p for p in STATIC.rglob("*.js")]
    assert scripts
    for script in scripts:
        text = script.read_text(errors="replace")
        for api in ("localStorage", "sessionStorage", "indexedDB", "document.cookie"):
            assert api not in text, f"{script.name} uses {api}"


def test_the_name_column_is_the_cookies_name_not_a_persons(client):
    page = client.get("/ja/cookies/").content.decode()
    header = page.split("<thead>")[1].split("</thead>")[0]
    assert "氏名" not in header
