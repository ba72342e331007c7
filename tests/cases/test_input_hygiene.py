"""What a person types reaches the staff page as text: no bidi override turns it around, any digits count alike."""

import pytest

from privacydesk.cases.models import CaseEvent
from privacydesk.cases.services import case_submit
from tests.cases.helpers import submission, with_version
from tests.cases.test_views_public import file_case

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "山田 gpj.exe" would read "山田 exe.jpg"


def test_a_name_and_message_with_bidi_overrides_reach_the_staff_page_without_them(client, staff_client, organization):
    case = file_case(
        client,
        organization,
        kind="inquiry",
        name=f"山田{RLO} 太郎\u200b",
        address=f"東京都江東区\r\n東陽{RLO}1-1-1",
        message=f"一行目\r\n二行目{RLO}\x07\r\n三行目",
    )
    assert (case.name, case.address) == ("山田 太郎", "東京都江東区 東陽1-1-1")
    assert case.message == "一行目\n二行目\n三行目"  # a message keeps its lines
    page = staff_client.get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "山田 太郎" in page and RLO not in page and "\x07" not in page


def test_arabic_indic_digits_are_taken_in_a_postal_code_and_a_phone_number_alike(client, organization):
    case = file_case(client, organization, postal_code="١٣٥-٠٠١٦", phone="٠٣-١٢٣٤-٥٦٧٨", units="٢")
    assert (case.postal_code, case.phone, case.units) == ("135-0016", "0312345678", 2)


def test_a_staff_note_loses_its_bidi_override(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    staff_client.post(f"/en/staff/cases/{case.pk}/note/", with_version(case, {"note-text": f"折り返し{RLO}電話"}))
    note = CaseEvent.objects.get(case=case, kind="note")
    assert note.data["text"] == "折り返し電話"


def test_staff_search_finds_a_phone_number_typed_in_arabic_indic_digits(staff_client, organization):
    case = case_submit(organization=organization, submission=submission())
    page = staff_client.get("/en/staff/", {"q": "٠٣-١٢٣٤-٥٦٧٨"}).content.decode()
    assert f"/staff/cases/{case.pk}/" in page
