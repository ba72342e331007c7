"""The public pages in both languages: current policy, versions, comparison, print, PDF, public notice."""

import io
from datetime import date

import pytest
from django.core.management import call_command

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


def test_a_translation_says_which_text_prevails(client, organization, two_versions):
    html = page(client, f"/ja/{organization.slug}/policy/1/")
    assert 'class="policy-text" lang="ja"' in html
    policy_setting_save(organization=organization, prevailing_language="en")
    html = page(client, f"/en/{organization.slug}/policy/1/")
    assert "This text is a translation; the original is in" not in html  # the English text is the original
    assert "the English text prevails" in html


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


def test_a_later_version_can_be_published_on_the_same_day(organization, supervisor):
    published(organization, effective=date(2026, 11, 25))
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="訂正版")
    policy_publish(version_id=draft.pk, actor=supervisor, effective_date=date(2026, 11, 25), today=date(2026, 11, 25))
    from privacydesk.policies.selectors import policy_current

    assert policy_current(organization=organization, today=date(2026, 11, 25)).number == 2


def test_the_notice_lists_exactly_the_requests_the_desk_accepts(client):
    call_command("seed_demo", stdout=io.StringIO())
    html = page(client, "/en/hokushin-cluster/notice/")
    section = html[html.index('id="notice-requests"') : html.index('id="notice-security"')]
    for accepted in ("Disclosure", "Correction, addition, deletion", "Suspension of use, erasure"):
        assert f"<li>{accepted}</li>" in section
    assert "Notice of the purpose of use" not in section and "GDPR" not in section
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
