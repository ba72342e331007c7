"""Every kind of letter in both languages: the words, the era date, the fee, the fonts and the window."""

import pytest
from django.utils import timezone

from privacydesk.letters.dates import era_date
from privacydesk.letters.models import Letter
from privacydesk.letters.rendering import document_html, html_to_pdf, letter_section
from privacydesk.letters.services import letter_draft
from tests.letters.helpers import ALL_KINDS, decided_request, embedded_fonts, pdf_text, text_positions

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "ja": {
        "acknowledgement": "お申し出の受付について",
        "request_info": "ご提出書類等のお願い",
        "fee_notice": "手数料のお支払いについて",
        "disclosure": "保有個人データの開示について",
        "refusal": "ご請求に対する決定について",
        "completion": "ご請求への対応完了のお知らせ",
        "extension": "回答期限延長のお知らせ",
        "complaint_reply": "お申し出（苦情）へのご回答",
        "inquiry_reply": "お問い合わせへのご回答",
    },
    "en": {
        "acknowledgement": "Acknowledgement of your request",
        "request_info": "Documents we need from you",
        "fee_notice": "Handling fee for your request",
        "disclosure": "Disclosure of your retained personal data",
        "refusal": "Our decision on your request, and the reasons for it",
        "completion": "Your request has been carried out",
        "extension": "Extension of the deadline for your request",
        "complaint_reply": "Our reply to your complaint",
        "inquiry_reply": "Our answer to your inquiry",
    },
}


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """All nine kinds in both languages, rendered once (one document per letter, as the worker does)."""
    from tests.factories import OrganizationFactory, UserFactory

    with django_db_blocker.unblock():
        org = OrganizationFactory(letter_number_prefix="個相")
        staff, boss = UserFactory(role="reception"), UserFactory(role="supervisor")
        staff.organizations.add(org)
        boss.organizations.add(org)
        out = {}
        for language in ("ja", "en"):
            case = decided_request(org, staff, boss, language=language, decision="refused")
            for kind in ALL_KINDS:
                letter = letter_draft(
                    case=case,
                    kind=kind,
                    actor=staff,
                    body="開示対象：契約情報（氏名、住所、電話番号）"
                    if language == "ja"
                    else "Contract data: name, address, telephone",
                )
                out[(language, kind)] = (letter, html_to_pdf(document_html([letter_section(letter)])))
        yield out
        # Created outside the per-test transactions: remove all of it so later tests start clean.
        Letter.objects.all().delete()
        org.cases.all().delete()
        staff.delete()
        boss.delete()
        org.delete()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_japanese_letter_says_what_its_kind_says(rendered, kind):
    letter, pdf = rendered[("ja", kind)]
    text = pdf_text(pdf)
    assert SUBJECTS["ja"][kind] in text
    assert letter.case.reference in text
    assert "山田 太郎 様" in text and "〒135-0016" in text
    assert era_date(timezone.localdate()) in text  # 令和 date
    assert "拝啓" in text and "敬具" in text and "記" in text and "以上" in text
    assert f"個相第{letter.number}号" in text


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_english_letter_says_what_its_kind_says(rendered, kind):
    letter, pdf = rendered[("en", kind)]
    text = pdf_text(pdf)
    assert SUBJECTS["en"][kind] in text
    assert "Dear Emma Schmidt," in text and "Yours sincerely," in text
    assert letter.case.reference in text


def test_fee_notice_states_the_amount_and_how_to_pay(rendered):
    _letter, pdf = rendered[("ja", "fee_notice")]
    assert "2,000円（税込）" in pdf_text(pdf)
    assert "銀行振込" in pdf_text(pdf)


def test_refusal_explains_the_ground_and_reasons(rendered):
    text = pdf_text(rendered[("ja", "refusal")][1])
    assert "業務の適正な実施に著しい支障を及ぼすおそれがある" in text
    assert "業務に著しい支障を及ぼすおそれがあるため" in text


@pytest.mark.parametrize("language", ["ja", "en"])
def test_only_the_ipaex_fonts_are_embedded_so_no_glyph_is_missing(rendered, language):
    for kind in ALL_KINDS:
        fonts = embedded_fonts(rendered[(language, kind)][1])
        assert fonts and all("IPAex" in name for name in fonts), fonts


def test_the_pdf_is_pdf_a_3b(rendered):
    import io

    from pypdf import PdfReader

    _letter, pdf = rendered[("ja", "acknowledgement")]
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_address_block_lies_inside_the_window_of_a_naga3_envelope(rendered, language):
    letter, pdf = rendered[(language, "acknowledgement")]
    org = letter.case.organization
    left, top = org.window_left_mm, org.window_top_mm
    right, bottom = left + org.window_width_mm, top + org.window_height_mm
    runs = text_positions(pdf)
    in_window = [text for text, x, y in runs if left <= x <= right and top <= y <= bottom]
    # Only the address block shows through the window: not the sender, the date or the number.
    if language == "ja":
        assert in_window[0] == "親展" and in_window[1] == "〒135-0016" and in_window[-1] == "山田 太郎 様", in_window
        assert "".join(in_window[2:-1]) == "東京都江東区東陽一丁目1番1号 架空マンション101号室"
    else:
        assert in_window == ["Confidential", "Emma Schmidt", "1-1-1 Toyo, Koto-ku, Tokyo", "135-0016"], in_window
