"""Supervisors write, preview, publish and delete policy versions; the public sees them by date."""

from datetime import date

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.policies.models import PolicyStatus, PolicyVersion
from privacydesk.policies.services import policy_draft_create, policy_publish
from tests.conftest import sign_in
from tests.factories import OrganizationFactory, UserFactory
from tests.policies.helpers import published, set_clock

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture
def boss(client, supervisor, monkeypatch):
    set_clock(monkeypatch, TODAY)
    return sign_in(client, supervisor)


def draft_data(**overrides) -> dict:
    data = {
        "original_language": "en",
        "summary_en": "Added a purpose of use.",
        "summary_ja": "利用目的を追加しました。",
        "body_en": "# Policy\n\nNew text.",
        "body_ja": "# 方針\n\n新しい本文。",
        "section_purposes_en": "- billing\n- fraud prevention",
        "section_purposes_ja": "- 料金の請求\n- 不正利用の防止",
    }
    return data | overrides


def test_a_supervisor_writes_a_draft_prefilled_from_the_version_in_force(boss, organization):
    published(organization, effective=date(2020, 1, 1), body_en="# Policy\n\nOld text.")
    page = boss.get(f"/en/staff/policies/new/?organization={organization.pk}").content.decode()
    assert "Old text." in page
    response = boss.post(f"/en/staff/policies/new/?organization={organization.pk}", draft_data())
    draft = PolicyVersion.objects.get(organization=organization, number=2)
    assert response.status_code == 302 and response["Location"] == f"/en/staff/policies/{draft.pk}/"
    assert draft.status == PolicyStatus.DRAFT and draft.sections["purposes"]["en"] == "- billing\n- fraud prevention"
    preview = boss.get(response["Location"]).content.decode()
    assert "fraud prevention" in preview and "不正利用の防止" in preview


def test_an_invalid_draft_keeps_what_was_typed_and_says_why(boss, organization):
    response = boss.post(f"/en/staff/policies/new/?organization={organization.pk}",
                         draft_data(body_en="", body_ja="", summary_en="Kept summary"))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200 and "Write the policy text in at least one language." in page
    assert "Kept summary" in page and not PolicyVersion.objects.exists()


def test_publishing_with_a_future_date_keeps_the_old_version_public_until_then(boss, client, organization,
                                                                                monkeypatch):  # fmt: skip
    set_clock(monkeypatch, date(2026, 11, 25))
    published(organization, effective=date(2020, 1, 1), body_en="# Policy\n\nOld text.")
    draft = policy_draft_create(organization=organization, actor=None, **{
        k: v for k, v in draft_data().items() if not k.startswith("section_")})  # fmt: skip
    # First step: nothing is published yet; the page says what will be public from when, dates in words.
    response = boss.post(f"/en/staff/policies/{draft.pk}/publish/", {"effective_date": "2026-12-01"})
    confirm = response.content.decode()
    assert response.status_code == 200 and "Dec. 1, 2026" in confirm and "2026-12-01<" not in confirm
    assert "until then, version 1 stays in force." in confirm and 'name="confirm" value="1"' in confirm
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT and not AuditEntry.objects.filter(detail__event="published").exists()
    response = boss.post(f"/en/staff/policies/{draft.pk}/publish/", {"effective_date": "2026-12-01", "confirm": "1"})
    assert response.status_code == 302
    message = boss.get(response["Location"]).content.decode()
    assert "It takes effect on Dec. 1, 2026." in message
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.PUBLISHED and draft.effective_date == date(2026, 12, 1)
    entry = AuditEntry.objects.filter(detail__what="privacy policy", detail__event="published").get()
    assert entry.detail["version"] == 2 and entry.detail["effective_date"] == "2026-12-01"
    public = client.get(f"/en/{organization.slug}/policy/").content.decode()
    assert "Old text." in public and "Added a purpose of use." in public
    set_clock(monkeypatch, date(2026, 12, 1))
    assert "New text." in client.get(f"/en/{organization.slug}/policy/").content.decode()


@pytest.mark.parametrize("language, message", [
    ("en", "The effective date cannot be in the past."),
    ("ja", None),
])  # fmt: skip
def test_a_date_in_the_past_is_refused_in_the_users_language_and_the_input_is_kept(boss, organization, language,
                                                                                    message):  # fmt: skip
    from django.utils import translation

    draft = policy_draft_create(organization=organization, actor=None, body_ja="本文")
    response = boss.post(f"/{language}/staff/policies/{draft.pk}/publish/", {"effective_date": "2026-11-24"})
    with translation.override(language):
        expected = message or translation.gettext("The effective date cannot be in the past.")
    page = response.content.decode()
    assert response.status_code == 400 and expected in page and 'value="2026-11-24"' in page
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT


def test_a_published_version_cannot_be_edited_or_deleted(boss, organization):
    version = published(organization, effective=date(2020, 1, 1))
    response = boss.get(f"/en/staff/policies/{version.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == f"/en/staff/policies/{version.pk}/"
    boss.post(f"/en/staff/policies/{version.pk}/edit/", draft_data(body_en="Changed"))
    boss.post(f"/en/staff/policies/{version.pk}/delete/")
    version.refresh_from_db()
    assert version.body_en == "# Policy\n\nEnglish text."


def test_a_draft_is_edited_and_deleted(boss, organization):
    draft = policy_draft_create(organization=organization, actor=None, body_ja="本文")
    boss.post(f"/en/staff/policies/{draft.pk}/edit/", draft_data(body_en="# Policy\n\nEdited."))
    draft.refresh_from_db()
    assert draft.body_en == "# Policy\n\nEdited."
    boss.post(f"/en/staff/policies/{draft.pk}/delete/")
    assert not PolicyVersion.objects.filter(pk=draft.pk).exists()


def test_the_prevailing_language_is_set_per_organisation(boss, organization, client):
    published(organization, effective=date(2020, 1, 1))
    boss.post(f"/en/staff/policies/?organization={organization.pk}", {"prevailing_language": "en"})
    html = client.get(f"/en/{organization.slug}/policy/").content.decode()
    assert "In case of any difference between the two texts, this original prevails." in html


def test_the_publish_form_has_no_date_filled_in(boss, organization):
    draft = policy_draft_create(organization=organization, actor=None, body_ja="本文")
    page = boss.get(f"/en/staff/policies/{draft.pk}/").content.decode()
    assert 'name="effective_date"' in page and 'name="effective_date" value=' not in page


def test_a_publication_effective_today_says_it_is_in_force_at_once_in_japanese(boss, organization, monkeypatch):
    set_clock(monkeypatch, date(2026, 11, 25))
    draft = policy_draft_create(organization=organization, actor=None, body_ja="本文")
    page = boss.post(f"/ja/staff/policies/{draft.pk}/publish/", {"effective_date": "2026-11-25"}).content.decode()
    assert "2026年11月25日" in page and "2026-11-25<" not in page
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT


def test_a_stale_draft_is_refused_and_the_preview_says_why(boss, organization, monkeypatch):
    set_clock(monkeypatch, date(2026, 11, 25))
    published(organization, effective=date(2020, 1, 1))
    stale = policy_draft_create(organization=organization, actor=None, body_ja="古い下書き")
    newer = policy_draft_create(organization=organization, actor=None, body_ja="新しい下書き")
    policy_publish(version_id=newer.pk, actor=None, effective_date=date(2026, 12, 1), today=date(2026, 11, 25))
    preview = boss.get(f"/en/staff/policies/{stale.pk}/").content.decode()
    assert "Version 3 has already been published after this draft was started" in preview
    assert f'action="/en/staff/policies/{stale.pk}/publish/"' not in preview
    for data in ({"effective_date": "2026-12-01"}, {"effective_date": "2026-12-01", "confirm": "1"}):
        response = boss.post(f"/en/staff/policies/{stale.pk}/publish/", data)
        assert (
            response.status_code == 400 and "Start a new draft from the version in force" in response.content.decode()
        )
    stale.refresh_from_db()
    assert stale.status == PolicyStatus.DRAFT


def test_the_preview_headings_start_below_the_language_headings(boss, organization):
    draft = policy_draft_create(organization=organization, actor=None, original_language="en",
                                body_en="# Policy\n\n## Purposes\n\nText.", body_ja="# 方針\n\n本文。",
                                sections={"purposes": {"ja": "- 契約", "en": "- contracts"}})  # fmt: skip
    page = boss.get(f"/ja/staff/policies/{draft.pk}/").content.decode()
    assert "<h3>Policy</h3>" in page and "<h4>Purposes</h4>" in page and "<h3>方針</h3>" in page
    assert "<h2>Policy</h2>" not in page and 'id="en-section-purposes-title"' in page
    assert '<h3 id="ja-section-purposes-title">' in page


def test_the_staff_list_says_status_and_languages_in_japanese(boss, organization):
    published(organization, effective=date(2020, 1, 1), original="en")
    page = boss.get(f"/ja/staff/policies/?organization={organization.pk}").content.decode()
    assert "対応状況" not in page  # a case word: the version's 状態 has its own context
    assert "日本語、英語" in page and "日本語, " not in page  # full-width list separator
    page = boss.get(f"/en/staff/policies/?organization={organization.pk}").content.decode()
    assert "Japanese, English (original)" in page


def test_reception_staff_and_other_desks_cannot_touch_the_policy(client, organization, reception):
    draft = policy_draft_create(organization=organization, actor=None, body_ja="本文")
    sign_in(client, reception)
    assert client.get("/en/staff/policies/").status_code == 403
    assert client.get(f"/en/staff/policies/{draft.pk}/").status_code == 403
    other_boss = UserFactory(username="other-boss", role="supervisor")
    other_boss.organizations.add(OrganizationFactory())
    sign_in(client, other_boss)
    assert client.post(f"/en/staff/policies/{draft.pk}/publish/", {"effective_date": "2030-01-01"}).status_code == 404
    assert client.get(f"/en/staff/policies/?organization={organization.pk}").status_code == 404


def test_the_staff_list_renders_in_japanese(boss, organization):
    published(organization, effective=date(2020, 1, 1))
    response = boss.get("/ja/staff/policies/")
    assert response.status_code == 200 and 'lang="ja"' in response.content.decode()


def test_a_new_draft_can_start_from_empty_texts(boss, organization):
    published(organization, effective=date(2020, 1, 1), body_en="# Policy\n\nOld text.")
    page = boss.get(f"/en/staff/policies/new/?organization={organization.pk}&blank=1").content.decode()
    assert "Old text." not in page
