"""The thank-you page shows the reference number and tracking link once, for a shared computer's next user."""

import pytest

from tests.cases.test_views_public import file_case, url

pytestmark = pytest.mark.django_db


def test_the_reference_number_and_link_are_shown_once(client, organization):
    case = file_case(client, organization, lang="en")
    first = client.get(url(organization, step="done", lang="en"))
    assert case.reference in first.content.decode() and case.tracking_token() in first.content.decode()
    assert first["Cache-Control"] == "no-store"  # the Back button does not bring it back from the cache either

    reload = client.get(url(organization, step="done", lang="en"))
    page = reload.content.decode()
    assert reload.status_code == 200
    assert case.reference not in page and case.tracking_token() not in page
    assert "shown only once, right after the form is sent" in page


def test_a_later_visit_shows_the_neutral_page_in_japanese_too(client, organization):
    case = file_case(client, organization)
    client.get(url(organization, step="done"))
    page = client.get(url(organization, step="done")).content.decode()
    assert case.reference not in page and case.tracking_token() not in page
    assert "フォームの送信直後に一度だけ表示いたします" in page


def test_a_visit_without_a_form_sent_shows_the_neutral_page(client, organization):
    response = client.get(url(organization, step="done", lang="en"))
    assert response.status_code == 200
    assert "Reference number and tracking link" in response.content.decode()
