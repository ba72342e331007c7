"""The "try again" page: a real database connection to a closed port, not a mock."""

import contextlib
import re
import socket

import pytest
from django.db import connection
from django.test import Client
from django.urls import path

from privacydesk.cases.models import Case
from tests.cases.helpers import form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@contextlib.contextmanager
def database_unreachable():
    """Point the real connection at a port where nothing listens, as when PostgreSQL is down."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def browser() -> Client:
    return Client(raise_request_exception=False)


def assert_try_again_page(response, language: str) -> str:
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert 'data-page="try-again"' in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert not re.search(r"<style|style=\"|<script", body)  # the strict CSP holds on this page too
    return body


def test_a_public_page_answers_try_again_when_the_database_is_down(organization):
    with database_unreachable():
        response = browser().get(f"/en/{organization.slug}/inquiry/")
    body = assert_try_again_page(response, "en")
    assert "Nothing you typed is lost in your browser" in body


def test_the_page_is_in_japanese_on_japanese_urls(organization):
    with database_unreachable():
        response = browser().get(f"/ja/{organization.slug}/inquiry/")
    assert_try_again_page(response, "ja")


def test_an_error_from_the_session_and_auth_middleware_gives_the_same_page(organization):
    client = browser()
    client.cookies["sessionid"] = "a" * 32  # a returning visitor: the middleware loads the session first
    with database_unreachable():
        response = client.get("/en/staff/")
    assert_try_again_page(response, "en")


def test_a_page_that_does_not_exist_is_still_a_404(organization):
    response = browser().get(f"/en/{organization.slug}/no-such-kind/")
    assert response.status_code == 404


def _broken_view(request):
    raise ValueError("a bug, not an outage")


urlpatterns = [path("broken/", _broken_view)]


@pytest.mark.urls("tests.core.test_middleware_db")
def test_other_errors_are_not_disguised_as_an_outage():
    response = browser().get("/broken/")
    assert response.status_code == 500
    assert 'data-page="try-again"' not in response.content.decode()


def test_a_submission_sent_during_the_outage_keeps_its_draft_and_is_filed_once(organization):
    client = browser()
    base = f"/en/{organization.slug}/inquiry/"
    assert client.post(base, form_data(kind="inquiry")).status_code == 302
    with database_unreachable():
        response = client.post(base + "confirm/", {"action": "send"})
    assert_try_again_page(response, "en")
    assert Case.objects.count() == 0
    # The database is back: the visitor goes back and sends again; the draft was kept in the session.
    response = client.post(base + "confirm/", {"action": "send"})
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    assert client.post(base + "confirm/", {"action": "send"}).status_code == 302  # a second click: same case
    assert Case.objects.count() == 1


def test_a_session_saved_while_the_database_is_down_reports_the_lost_connection(organization):
    """Django would call it UpdateError, answered "400 Bad Request"; it must stay a connection error (→ 503)."""
    from django.db import OperationalError

    from privacydesk.core.sessions import SessionStore

    store = SessionStore()
    store["draft"] = {"data": {"name": ["山田"]}}
    store.save(must_create=True)
    store["draft"] = {"data": {"name": ["山田 太郎"]}}
    with database_unreachable(), pytest.raises(OperationalError):
        store.save()
    assert SessionStore(store.session_key).load()["draft"] == {"data": {"name": ["山田"]}}  # the draft is kept
