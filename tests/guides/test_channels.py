"""What the public pages say about reaching the desk comes from the desk's own channels: the printable request form
only for post or FAX, the footer line only with the parts the desk has, the 429 pages with the desk's real ways."""

import re

import pytest
from django.utils import translation

from privacydesk.organizations.selectors import contact_channels, contact_channels_text
from tests.cases.helpers import form_data
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize(
    ("channels", "link_text"),
    [
        (["web", "post", "fax"], "Printable request form, to send by post or FAX"),
        (["web", "post"], "Printable request form, to send by post"),
        (["web", "fax"], "Printable request form, to send by FAX"),
        (["web", "email"], None),
    ],
)
def test_the_printable_form_is_offered_only_for_the_written_channels_the_desk_takes(client, channels, link_text):
    desk = OrganizationFactory(channels=channels, fax="03-5555-9999")
    for path in (f"/en/{desk.slug}/guide/", f"/en/{desk.slug}/"):
        text = page(client, path)
        if link_text is None:
            assert "request-form/" not in text and "Printable request form" not in text, path
            assert "On paper" not in text, path
        else:
            assert re.search(rf'href="/en/{desk.slug}/request-form/">{re.escape(link_text)}</a>', text), path


def test_a_desk_taking_visits_only_is_told_to_write_a_letter_without_a_form_to_post(client):
    desk = OrganizationFactory(channels=["web", "visit"])
    text = page(client, f"/en/{desk.slug}/guide/")
    assert "On paper, write a letter stating your name" in text and "request-form/" not in text


def test_the_post_instruction_names_the_company_and_the_desk(client):
    desk = OrganizationFactory(channels=["web", "post"], desk_name_en="Privacy Desk")
    text = page(client, f"/en/{desk.slug}/guide/")
    assert f"to {desk.name_en} Privacy Desk, 〒135-0016 9-9-9 Toyo, Koto-ku, Tokyo." in text
    ja = page(client, f"/ja/{desk.slug}/guide/")
    assert desk.name_ja in ja.split('id="how"')[1].split('id="prepare"')[0]


@pytest.mark.parametrize(
    ("phone", "fax", "email", "line"),
    [
        ("", "", "desk@kaku.example", "E-mail: desk@kaku.example"),
        ("", "03-5555-0102", "desk@kaku.example", "FAX: 03-5555-0102 / E-mail: desk@kaku.example"),
        ("03-5555-0101", "", "", "Telephone: 03-5555-0101"),
    ],
)
def test_the_footer_joins_only_the_contact_details_the_desk_has(client, phone, fax, email, line):
    desk = OrganizationFactory(phone=phone, fax=fax, email=email)
    footer = page(client, f"/en/{desk.slug}/").split("<footer")[1]
    assert line in footer
    assert not re.search(r"<br>\s*/", footer) and "/  /" not in footer


def test_the_contact_channels_are_the_desks_own_with_hours_for_phone_and_visits(db):
    desk = OrganizationFactory(
        channels=["web", "phone", "email", "post"], phone="0120-555-010", hours_en="Weekdays 10:00–17:00"
    )
    with translation.override("en"):
        found = contact_channels(organization=desk)
        assert [c.label for c in found] == ["Telephone", "E-mail", "Post"]
        assert found[0].text == "0120-555-010, desk hours Weekdays 10:00–17:00"
        assert found[2].detail == f"{desk.name_en} Personal Information Desk, 〒135-0016 9-9-9 Toyo, Koto-ku, Tokyo"
        assert "FAX" not in contact_channels_text(organization=desk)
    email_only = OrganizationFactory(channels=["web", "email"], phone="03-1111-2222")
    with translation.override("en"):
        assert contact_channels_text(organization=email_only) == "E-mail: desk@kaku.example"


def test_the_tracking_429_page_lists_the_desks_real_channels_not_a_telephone_it_lacks(client, settings):
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 1
    desk = OrganizationFactory(channels=["web", "email", "post"], phone="", email="privacy@aoba.example")
    path = f"/en/{desk.slug}/track/2611-AAAA-BBBB/{'0' * 32}/"
    assert client.get(path).status_code == 404
    response = client.get(path)
    assert response.status_code == 429
    main = response.content.decode().split("<main")[1].split("</main>")[0]
    assert "telephone" not in main.lower()
    assert "<dt>E-mail</dt><dd>privacy@aoba.example</dd>" in main
    assert "<dt>Post</dt>" in main and "〒135-0016 9-9-9 Toyo" in main


def test_the_429_page_gives_the_telephone_with_its_hours_where_the_desk_has_one(client, settings):
    settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR = 1
    desk = OrganizationFactory(channels=["web", "phone"], phone="0120-555-010", hours_en="Weekdays 10:00–17:00")
    path = f"/en/{desk.slug}/track/2611-AAAA-BBBB/{'0' * 32}/"
    client.get(path)
    main = client.get(path).content.decode().split("<main")[1].split("</main>")[0]
    assert "<dt>Telephone</dt><dd>0120-555-010<br>Desk hours: Weekdays 10:00–17:00</dd>" in main


def test_too_many_forms_names_the_desks_real_channels(client, settings):
    settings.SUBMISSION_RATE_LIMIT_PER_HOUR = 1
    desk = OrganizationFactory(channels=["web", "email"], phone="", email="inquiries@lumina.example")
    confirm = f"/en/{desk.slug}/inquiry/confirm/"
    for _attempt in range(2):
        client.post(f"/en/{desk.slug}/inquiry/", form_data("inquiry"))
        response = client.post(confirm, {"action": "send"}, follow=True)
    text = response.content.decode()
    assert "We have received many forms from your network" in text
    assert "contact the desk another way: E-mail: inquiries@lumina.example" in text
    assert "telephone" not in text.split("We have received many forms")[1].split("</div>")[0].lower()
