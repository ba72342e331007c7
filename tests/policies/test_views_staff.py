"""Supervisors write, preview, publish and delete policy versions; the public sees them by date."""

from datetime import date

import pytest

from privacydesk.audit.models import AuditEntry
from privacydesk.policies.models import PolicyStatus, PolicyVersion
from privacydesk.policies.services import policy_draft_create
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
    published(organization, effective=date(2020, 1, 1), body_en="# Policy\n\nOld text.")
    draft = policy_draft_create(organization=organization, actor=None, **{
        k: v for k, v in draft_data().items() if not k.startswith("section_")})  # fmt: skip
    response = boss.post(f"/en/staff/policies/{draft.pk}/publish/", {"effective_date": "2026-12-01"})
    assert response.status_code == 302
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
    assert "the English text prevails" in client.get(f"/en/{organization.slug}/policy/").content.decode()


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
