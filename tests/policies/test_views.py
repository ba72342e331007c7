"""The public pages in both languages: current policy, versions, comparison, print, PDF, public notice."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import translation

from privacydesk.core.vocabulary import APPI_STATUTORY_RIGHTS
from privacydesk.policies.models import PolicyVersion
from privacydesk.policies.services import policy_draft_create, policy_publish, policy_setting_save
from tests.policies.helpers import published, set_clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(organization):
    v1 = published(organization, effective=date(2020, 4, 1), body_en="# Policy\n\nWe keep data for five years.",
                   body_ja="# 方針\n\n保管期間は5年です。", summary_en="First version.", summary_ja="制定。")  # fmt: skip
    v2 = published(organization, effective=date(2026, 12, 1), body_en="# Policy\n\nWe keep data for three years.",
                   body_ja="# 方針\n\n保管期間は3年です。", summary_en="Shorter retention.", summary_ja="保管期間を短縮しました。")  # fmt: skip
    return v1, v2


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_before_the_effective_date_the_public_sees_the_old_version_and_an_announcement(
    client, organization, two_versions, monkeypatch, language
):
    set_clock(monkeypatch, date(2026, 11, 30))
    html = page(client, f"/{language}/{organization.slug}/policy/")
    old_text, new_text = ("five years", "three years") if language == "en" else ("5年", "3年")
    assert old_text in html and new_text not in html
    summary = "Shorter retention." if language == "en" else "保管期間を短縮しました。"
    assert summary in html and f"/{language}/{organization.slug}/policy/2/" in html


def test_on_the_effective_date_the_new_version_is_in_force_without_any_job(client, organization, two_versions,
                                                                             monkeypatch):  # fmt: skip
    set_clock(monkeypatch, date(2026, 12, 1))
    html = page(client, f"/en/{organization.slug}/policy/")
    assert "three years" in html and "five years" not in html and "This policy will change" not in html


def test_every_published_version_keeps_its_url(client, organization, two_versions, monkeypatch):
    set_clock(monkeypatch, date(2027, 1, 1))
    assert "five years" in page(client, f"/en/{organization.slug}/policy/1/")
    assert "保管期間は5年です。" in page(client, f"/ja/{organization.slug}/policy/1/")


def test_drafts_and_unknown_versions_and_desks_are_not_found(client, organization, supervisor):
    draft = policy_draft_create(organization=organization, actor=supervisor, body_en="Secret draft.",
                                original_language="en")  # fmt: skip
    for url in (
        f"/en/{organization.slug}/policy/{draft.number}/",
        f"/en/{organization.slug}/policy/{draft.number}/print/",
        f"/en/{organization.slug}/policy/{draft.number}.pdf",
        f"/en/{organization.slug}/policy/99/",
        "/en/no-such-desk/policy/",
        "/en/no-such-desk/notice/",
    ):
        assert client.get(url).status_code == 404, url
    assert "Secret draft." not in page(client, f"/en/{organization.slug}/policy/")


def test_a_desk_without_a_policy_shows_a_page_that_says_so(client, organization):
    html = page(client, f"/en/{organization.slug}/policy/")
    assert "has not published its privacy policy yet" in html


def test_a_japanese_only_policy_is_shown_in_japanese_on_the_english_page_with_a_notice(client, organization):
    published(organization, effective=date(2018, 10, 1), body_en="", original="ja")
    html = page(client, f"/en/{organization.slug}/policy/")
    assert "It is published in Japanese only" in html and "日本語の本文。" in html
    assert 'class="policy-text" lang="ja"' in html


@pytest.mark.parametrize("prevailing, shown, expected", [
    ("en", "ja", "translated into Japanese from the English original. In case of any difference between the two "
                 "texts, the English original prevails."),
    ("ja", "ja", "translated into Japanese from the English original. In case of any difference between the two "
                 "texts, however, this Japanese text prevails."),
    ("en", "en", "This is the original English text of the policy; it is also published in Japanese as a "
                 "translation. In case of any difference between the two texts, this original prevails."),
    ("ja", "en", "In case of any difference between the two texts, however, the Japanese translation prevails."),
])  # fmt: skip
def test_one_coherent_note_says_original_translation_and_which_text_prevails(client, organization, two_versions,
                                                                             prevailing, shown, expected):  # fmt: skip
    from django.utils import translation

    from privacydesk.policies.rendering import policy_language_note
    from privacydesk.policies.selectors import policy_render

    policy_setting_save(organization=organization, prevailing_language=prevailing)
    html = page(client, f"/en/{organization.slug}/policy/1/")  # the page in English shows the English original
    assert html.count('class="policy-translation-note"') == 1
    with translation.override("en"):
        note = policy_language_note(policy_render(two_versions[0], language=shown), prevailing)
    assert expected in note
    if shown == "en":
        assert expected in html


def test_the_japanese_page_of_an_english_original_says_the_original_prevails(client, organization, two_versions):
    from django.utils import translation

    policy_setting_save(organization=organization, prevailing_language="en")
    html = page(client, f"/ja/{organization.slug}/policy/1/")
    assert 'class="policy-text" lang="ja"' in html and html.count('class="policy-translation-note"') == 1
    with translation.override("ja"):
        expected = translation.gettext(
            "This policy is translated into %(shown)s from the %(original)s original. In case of any "
            "difference between the two texts, the %(original)s original prevails."
        ) % {"shown": "日本語", "original": "英語", "other": "英語"}
    assert expected in html and "日本語の本文が優先" not in html


def test_one_version_only_the_compare_page_says_so_and_links_to_it(client, organization):
    published(organization, effective=date(2020, 4, 1))
    html = page(client, f"/en/{organization.slug}/policy/compare/")
    assert "There is only one version of this privacy policy so far" in html
    assert f'href="/en/{organization.slug}/policy/1/"' in html and "policy-diff" not in html.split("<main")[-1]
    assert html.count("Read version 1") == 1


def test_long_runs_of_unchanged_lines_fold_on_phones(client, organization):
    lines = [f"Paragraph {n}." for n in range(1, 21)]
    published(organization, effective=date(2020, 4, 1), body_ja="", body_en="\n\n".join(lines))
    changed = [*lines[:-1], "Paragraph twenty."]
    published(organization, effective=date(2021, 4, 1), body_ja="", body_en="\n\n".join(changed))
    html = page(client, f"/en/{organization.slug}/policy/compare/?from=1&to=2")
    assert "<summary>17 unchanged lines</summary>" in html  # 19 unchanged, 2 kept next to the change
    assert html.count('class="policy-diff-same d-none d-sm-table-row"') == 17
    assert html.count('class="policy-diff-same"') == 2 and "<ins>twenty</ins>" in html


def test_print_and_pdf_of_an_earlier_version_say_it_is_not_in_force(client, organization, two_versions,
                                                                     monkeypatch):  # fmt: skip
    from pypdf import PdfReader

    set_clock(monkeypatch, date(2026, 12, 5))
    html = page(client, f"/en/{organization.slug}/policy/1/print/")
    assert "No longer in force" in html and "The version in force is version 2, effective Dec. 1, 2026" in html
    assert f"http://testserver/en/{organization.slug}/policy/" in html
    assert "No longer in force" not in page(client, f"/en/{organization.slug}/policy/2/print/")
    reader = PdfReader(io.BytesIO(client.get(f"/en/{organization.slug}/policy/1.pdf").content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "No longer in force" in text and "version 2" in text
    # On the day before, version 2 is the one not yet in force; the cached PDF of the day after is not reused.
    set_clock(monkeypatch, date(2026, 11, 30))
    assert "Not yet in force: this version takes effect on Dec. 1, 2026." in page(
        client, f"/en/{organization.slug}/policy/2/print/")  # fmt: skip
    reader = PdfReader(io.BytesIO(client.get(f"/en/{organization.slug}/policy/1.pdf").content))
    assert "No longer in force" not in " ".join(p.extract_text() for p in reader.pages)


def test_the_print_footer_lists_the_channels_the_desk_really_has(client, organization, two_versions):
    organization.channels, organization.fax, organization.phone = ["web", "fax", "post"], "03-0000-1111", "03-9999"
    organization.save()
    footer = page(client, f"/en/{organization.slug}/policy/1/print/").split("<footer>")[1]
    assert "FAX: 03-0000-1111" in footer and "03-9999" not in footer  # no phone channel: no number to call


@pytest.mark.parametrize("channels, wording", [
    (["web", "post", "fax"], "Printable request form, to send by post or FAX"),
    (["web", "post"], "Printable request form, to send by post<"),
    (["web", "fax"], "Printable request form, to send by FAX<"),
    (["web", "email"], None),
])  # fmt: skip
def test_the_printable_form_is_offered_only_for_post_or_fax(client, organization, channels, wording):
    organization.channels, organization.fax = channels, "03-0000-1111"
    organization.save()
    html = page(client, f"/en/{organization.slug}/notice/")
    if wording:
        assert wording in html and f"/en/{organization.slug}/request-form/" in html
    else:
        assert "Printable request form" not in html and "/request-form/" not in html


def test_policy_pages_call_the_state_of_a_version_not_a_case_status(client, organization, two_versions):
    html = page(client, f"/ja/{organization.slug}/policy/")
    assert "対応状況" not in html


def test_the_comparison_shows_what_changed_per_language(client, organization, two_versions):
    html = page(client, f"/en/{organization.slug}/policy/compare/?from=1&to=2")
    assert "<del>five</del>" in html and "<ins>three</ins>" in html
    assert "<del>5</del>" in html and "<ins>3</ins>" in html
    assert html.index('id="compare-en"') < html.index('id="compare-ja"')  # the visitor's language first


def test_the_comparison_ignores_nonsense_parameters(client, organization, two_versions):
    assert client.get(f"/en/{organization.slug}/policy/compare/?from=x&to=999").status_code == 200


def test_print_view_and_pdf(client, organization, two_versions):
    html = page(client, f"/ja/{organization.slug}/policy/1/print/")
    assert "保管期間は5年です。" in html and "policy-print.css" in html
    response = client.get(f"/ja/{organization.slug}/policy/1.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_embeds_the_japanese_fonts(client, organization, two_versions):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(client.get(f"/ja/{organization.slug}/policy/1.pdf").content))
    fonts = {str(font["/BaseFont"]) for page_ in reader.pages for font in page_["/Resources"]["/Font"].values()
             for font in [font.get_object()]}  # fmt: skip
    assert any("IPAex" in name for name in fonts), fonts
    assert "保管期間" in "".join(p.extract_text() for p in reader.pages)


def test_pages_use_no_inline_script_or_style(client, organization, two_versions):
    for url in ("policy/", "policy/1/", "policy/compare/", "policy/1/print/", "notice/"):
        html = page(client, f"/en/{organization.slug}/{url}")
        assert "<style" not in html and " style=" not in html and "<script>" not in html


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_notice_comes_from_the_desk_settings_and_the_current_policy(client, organization, language):
    published(organization, effective=date(2020, 1, 1), sections={
        "purposes": {"ja": "- 料金の請求", "en": "- billing"},
        "security": {"ja": "- 入退室管理", "en": "- office access control"},
        "complaints": {"ja": "窓口で承ります。", "en": "Write to the desk."},
    })  # fmt: skip
    html = page(client, f"/{language}/{organization.slug}/notice/")
    expected = ["料金の請求", "入退室管理", "窓口で承ります。"] if language == "ja" else [
        "billing", "office access control", "Write to the desk."]  # fmt: skip
    for text in expected:
        assert text in html
    assert organization.address_ja in html if language == "ja" else organization.address_en in html
    assert "1,000" in html  # the fee of the desk's settings
    assert f"/{language}/{organization.slug}/request-form/" in html
    assert f"/{language}/{organization.slug}/request/" in html


def test_the_notice_follows_a_change_of_the_desk_settings(client, organization):
    organization.fee_amount = 0
    organization.id_documents = ["passport"]
    organization.save()
    html = page(client, f"/en/{organization.slug}/notice/")
    assert "No handling fee is charged." in html and "Passport" in html and "Driving licence" not in html


def test_the_notice_announces_a_coming_change(client, organization, two_versions, monkeypatch):
    set_clock(monkeypatch, date(2026, 11, 30))
    assert "Shorter retention." in page(client, f"/en/{organization.slug}/notice/")


def test_seed_demo_gives_each_desk_its_policy_and_adds_nothing_when_run_again(client):
    call_command("seed_demo", stdout=io.StringIO())
    count = PolicyVersion.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert PolicyVersion.objects.count() == count == 7
    aoba = PolicyVersion.objects.get(organization__slug="aoba-cloud")
    assert aoba.languages == ["ja"] and aoba.original_language == "ja"
    for slug in ("toto-voicenet", "hokushin-cluster", "minato-line", "lumina-web"):
        latest = PolicyVersion.objects.filter(organization__slug=slug).first()
        assert latest.languages == ["ja", "en"] and latest.original_language == "en"
    assert "GDPR" in PolicyVersion.objects.get(organization__slug="lumina-web", number=2).body_en
    assert "GDPR" not in PolicyVersion.objects.get(organization__slug="lumina-web", number=1).body_en
    html = page(client, "/en/toto-voicenet/policy/compare/?from=1&to=2")
    assert "fraudulent use" in html
    # The demo desks A–D publish English originals and the original prevails: one coherent note.
    from privacydesk.policies.models import PolicySetting

    settings = dict(PolicySetting.objects.values_list("organization__slug", "prevailing_language"))
    assert settings == {"toto-voicenet": "en", "hokushin-cluster": "en", "minato-line": "en", "lumina-web": "en",
                        "aoba-cloud": "ja"}  # fmt: skip
    assert PolicySetting.objects.count() == 5
    html = page(client, "/en/hokushin-cluster/policy/")
    assert "this original prevails" in html and "Japanese text prevails" not in html


def test_the_demo_texts_agree_with_the_desk_settings(client):
    from privacydesk.retention.models import RetentionRule

    call_command("seed_demo", stdout=io.StringIO())
    b = PolicyVersion.objects.get(organization__slug="hokushin-cluster")
    rule = RetentionRule.objects.get(organization__slug="hokushin-cluster", case_kind="inquiry")
    assert rule.period_days == 90 and "90日" in b.sections["retention"]["ja"]
    assert "Ninety days" in b.sections["retention"]["en"] and "one year" not in b.sections["retention"]["en"]
    lumina = PolicyVersion.objects.filter(organization__slug="lumina-web").first()
    assert "ご本人がご請求できる事項" in lumina.body_ja
    toto = PolicyVersion.objects.filter(organization__slug="toto-voicenet").first()
    assert "privacy policy administrator" not in toto.body_en + str(toto.sections)
    assert "person responsible for personal information" in toto.body_en
    from privacydesk.organizations.models import Organization

    assert Organization.objects.get(slug="toto-voicenet").privacy_officer_en == (
        "The Chairman (person responsible for personal information)"
    )
    html = page(client, "/ja/toto-voicenet/policy/")
    assert "個人情報を お預かり" not in html and "個人情報をお預かりした" in html


def test_a_later_version_can_be_published_on_the_same_day(organization, supervisor):
    published(organization, effective=date(2026, 11, 25))
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="訂正版")
    policy_publish(version_id=draft.pk, actor=supervisor, effective_date=date(2026, 11, 25), today=date(2026, 11, 25))
    from privacydesk.policies.selectors import policy_current

    assert policy_current(organization=organization, today=date(2026, 11, 25)).number == 2


def test_every_demo_notice_lists_the_six_appi_rights_and_only_the_foreign_rights_served(client):
    call_command("seed_demo", stdout=io.StringIO())
    for slug in ("toto-voicenet", "hokushin-cluster", "minato-line", "lumina-web", "aoba-cloud"):
        for language in ("ja", "en"):
            html = page(client, f"/{language}/{slug}/notice/")
            section = html[html.index('id="notice-requests"') : html.index('id="notice-security"')]
            with translation.override(language):
                for right in APPI_STATUTORY_RIGHTS:
                    assert f"<li>{right.label}</li>" in section, (slug, language, right)
    html = page(client, "/en/hokushin-cluster/notice/")
    section = html[html.index('id="notice-requests"') : html.index('id="notice-security"')]
    assert "GDPR" not in section
    assert "No handling fee is charged." in section
    gdpr = page(client, "/en/lumina-web/notice/")
    assert "GDPR: access (Art. 15)" in gdpr and "The logged-in account of the service" in gdpr


def test_the_admin_shows_a_published_version_read_only(client, organization):
    from django.contrib.admin.sites import site

    from privacydesk.policies.admin import PolicyVersionAdmin

    version = published(organization, effective=date(2020, 1, 1))
    model_admin = PolicyVersionAdmin(PolicyVersion, site)
    assert set(model_admin.get_readonly_fields(None, version)) >= {"body_ja", "body_en", "effective_date", "sections"}
    assert not model_admin.has_delete_permission(None, version)


def test_the_notices_fee_and_payment_lines_read_as_japanese(client):
    call_command("seed_demo", stdout=io.StringIO())
    html = page(client, "/ja/toto-voicenet/notice/")
    assert "開示、第三者提供記録の開示：1契約につき1,000円（税込）" in html
    assert "お支払い方法：" in html and " — " not in html[html.index('id="notice-requests"') :]
    english = page(client, "/en/toto-voicenet/notice/")
    assert "Disclosure, Disclosure of records of provision to third parties: 1,000 yen (tax included)" in english
