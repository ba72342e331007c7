"""The procedure guide says what the desk does: it is generated from the desk's own settings."""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS
from privacydesk.organizations.models import DeadlineRule
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def guide(client, organization, language="en") -> str:
    response = client.get(f"/{language}/{organization.slug}/guide/")
    assert response.status_code == 200
    return response.content.decode()


def test_changing_the_fee_changes_the_guide(client, organization):
    page = guide(client, organization)
    assert "1,000 yen (tax included) per contract" in page
    organization.fee_amount, organization.fee_unit = 2500, "per_line"
    organization.save()
    page = guide(client, organization)
    assert "2,500 yen (tax included) per subscriber line" in page and "1,000 yen" not in page


def test_a_desk_without_a_fee_says_so_and_lists_no_payment_method(client):
    desk = OrganizationFactory(fee_amount=0, payment_methods=["bank_transfer"])
    page = guide(client, desk)
    assert "No handling fee is charged." in page and "Bank transfer" not in page


def test_the_guide_lists_the_six_appi_rights_and_only_the_channels_the_desk_offers(client):
    desk = OrganizationFactory(request_types=["disclosure", "correction"], channels=["web", "fax"], fax="03-5555-9999")
    page = guide(client, desk)
    for right in APPI_STATUTORY_RIGHTS:  # rights, whatever the stored setting says
        assert str(right.label) in page
    assert "GDPR" not in page
    assert "Send your written request by FAX to 03-5555-9999." in page
    assert "Visit to the desk" not in page and "Call " not in page


def test_the_answer_times_follow_the_desks_target_and_its_own_rules(client, organization):
    organization.response_target_days, organization.ack_target_days = 14, 2
    organization.save()
    DeadlineRule.objects.create(
        organization=organization,
        jurisdiction="appi",
        kind="request",
        request_type="correction",
        ack_amount=2,
        response_amount=1,
        response_unit="months",
    )
    page = guide(client, organization)
    assert "14 business days" in page and "2 business days" in page
    assert "1 month" in page  # correction has its own rule


def test_gdpr_requests_show_one_month_extendable_by_two(client):
    desk = OrganizationFactory(gdpr_enabled=True, request_types=["disclosure", "gdpr_access"])
    page = guide(client, desk)
    assert "GDPR: access (Art. 15)" in page and "1 month" in page and "can be extended by 2 months" in page


def test_identity_section_follows_the_verification_methods(client):
    desk = OrganizationFactory(
        verification_methods=["records"], records_items_en="the billing date and the FAX number", id_documents=[]
    )
    page = guide(client, desk)
    assert "the billing date and the FAX number" in page and "A copy of one identity document" not in page
    desk.verification_methods, desk.id_documents = ["document"], ["passport"]
    desk.save()
    page = guide(client, desk)
    assert "A copy of one identity document" in page and "Passport" in page
    assert "power of attorney" in page


def test_the_guide_links_to_the_forms_the_printable_request_form_and_the_calendar(client, organization):
    page = guide(client, organization)
    slug = organization.slug
    for path in ("inquiry/", "complaint/", "request/", "request-form/", "request-form.pdf", "calendar/", "faq/"):
        assert f'href="/en/{slug}/{path}"' in page, path
    assert f'href="/en/{slug}/policy/"' in page and f'href="/en/{slug}/notice/"' in page


def test_the_guide_prints_cleanly_without_inline_script_or_style(client, organization):
    page = guide(client, organization)
    assert 'media="print"' in page and "guide-print.css" in page
    assert "<script>" not in page and "onclick" not in page and "style=" not in page


def test_the_guide_reads_in_japanese(client, organization):
    page = guide(client, organization, "ja")
    assert '<html lang="ja">' in page and organization.name_ja in page
    assert f'href="/ja/{organization.slug}/request/"' in page


def test_an_unknown_or_inactive_desk_has_no_guide(client):
    assert client.get("/en/no-such-desk/guide/").status_code == 404
    closed = OrganizationFactory(is_active=False)
    assert client.get(f"/en/{closed.slug}/guide/").status_code == 404


def test_the_landing_page_links_to_the_guide_faq_policy_and_notice(client, organization):
    page = client.get(f"/en/{organization.slug}/").content.decode()
    for path in ("guide/", "faq/", "policy/", "notice/"):
        assert f'href="/en/{organization.slug}/{path}"' in page, path


def test_the_forms_link_to_the_policy_the_notice_and_the_guide(client, organization):
    for kind in ("inquiry", "complaint", "request"):
        page = client.get(f"/ja/{organization.slug}/{kind}/").content.decode()
        for path in ("guide/", "policy/", "notice/"):
            assert f'href="/ja/{organization.slug}/{path}"' in page, (kind, path)


def test_ccpa_requests_show_their_own_acknowledgement_and_answer_times(client):
    desk = OrganizationFactory(
        ccpa_enabled=True, ack_target_days=3, request_types=["disclosure", "ccpa_know", "ccpa_opt_out"]
    )
    page = guide(client, desk)
    assert "We confirm receipt within</th>" in page  # the acknowledgement differs per request type
    assert "10 business days" in page and "45 calendar days" in page and "15 business days" in page
    assert "can be extended by 45 calendar days" in page


def test_a_desk_that_charges_every_chargeable_request_still_says_the_others_are_free(client):
    # Correction, suspension and the stop of provision are rights no desk can switch off or charge for.
    chargeable = ["purpose_notice", "disclosure", "third_party_records"]
    desk = OrganizationFactory(request_types=["disclosure"], fee_request_types=chargeable)
    assert "The other requests are free of charge." in guide(client, desk)


def test_the_fee_line_names_what_is_charged_first_and_says_exactly_which_requests(client):
    desk = OrganizationFactory(fee_request_types=["disclosure", "third_party_records"])
    page = guide(client, desk)
    fee = page.split('class="guide-fee"')[1].split("</p>")[0]
    assert (
        "Disclosure, Disclosure of records of provision to third parties: 1,000 yen (tax included) per contract" in fee
    )
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<th scope="row" class="fw-normal">([^<]+)</th>\s*<td>([^<]+)</td>', page)
    }
    assert rows["Disclosure of records of provision to third parties"].startswith("1,000 yen")
    assert rows["Notice of the purpose of use"] == "Free of charge"
    ja = guide(client, desk, "ja")
    fee_ja = ja.split('class="guide-fee"')[1].split("</p>")[0]
    assert re.search(r"開示、第三者提供記録の開示[：:] ?1契約につき1,000円（税込）", fee_ja), fee_ja
    assert "—" not in fee_ja


def test_japanese_sentences_are_joined_without_a_space_and_get_no_english_period(client):
    desk = OrganizationFactory(request_types=["disclosure", "correction"], hours_ja="平日 10:00〜17:00（祝日を除く）")
    ja = guide(client, desk, "ja")
    assert "回答をお送りします。その他のご請求は無料です。" in ja
    # The hours are one translatable sentence (Japanese 「窓口受付時間は…です。」), not a label glued to an English period.
    with translation.override("ja"):
        hours_sentence = gettext("Desk hours: %(hours)s.") % {"hours": "平日 10:00〜17:00（祝日を除く）"}
    time_section = ja.split('id="time"')[1].split("</section>")[0]
    assert hours_sentence in time_section and "窓口受付時間: 平日" not in time_section
    assert not re.search(r"。\s+[^\s<]", ja.split('id="fee"')[1].split("</section>")[0])
    en = guide(client, desk)
    assert "once the fee has been received. The other requests are free of charge." in en


def test_the_toto_voicenet_demo_charges_for_third_party_records_as_its_policy_says(client):
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    from privacydesk.organizations.models import Organization

    toto = Organization.objects.get(slug="toto-voicenet")
    page = guide(client, toto)
    fee = page.split('class="guide-fee"')[1].split("</p>")[0]
    assert "Disclosure of records of provision to third parties" in fee
