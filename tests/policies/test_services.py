"""Drafts, publication and what the public sees on a given day."""

from datetime import date

import pytest
from django.utils import translation

from privacydesk.core.errors import ActionRefused
from privacydesk.policies.models import PolicyStatus, PolicyVersion
from privacydesk.policies.selectors import (
    policy_current,
    policy_get_public,
    policy_history,
    policy_render,
    policy_section_html,
    policy_upcoming,
)
from privacydesk.policies.services import (
    policy_draft_create,
    policy_draft_delete,
    policy_draft_update,
    policy_publish,
    policy_setting_save,
)
from tests.factories import OrganizationFactory
from tests.policies.helpers import published

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def test_versions_are_numbered_one_two_three_per_organisation(organization, supervisor):
    other = OrganizationFactory()
    first = policy_draft_create(organization=organization, actor=supervisor, body_ja="一")
    policy_draft_create(organization=other, actor=supervisor, body_ja="他社")
    second = policy_draft_create(organization=organization, actor=supervisor, body_ja="二")
    assert (first.number, second.number) == (1, 2)
    assert PolicyVersion.objects.get(organization=other).number == 1


def test_a_draft_needs_a_text_in_its_original_language(organization, supervisor):
    with pytest.raises(ActionRefused):
        policy_draft_create(organization=organization, actor=supervisor)
    with pytest.raises(ActionRefused):
        policy_draft_create(organization=organization, actor=supervisor, original_language="en", body_ja="本文")


def test_a_new_draft_copies_the_texts_but_not_the_summary_of_the_version_it_starts_from(organization, supervisor):
    v1 = published(organization, effective=date(2020, 1, 1), summary_en="First.", sections={
        "purposes": {"ja": "- 契約", "en": "- contracts"}})  # fmt: skip
    draft = policy_draft_create(organization=organization, actor=supervisor, copy_from=v1)
    assert draft.body_en == v1.body_en and draft.sections == v1.sections
    assert draft.summary_en == "" and draft.status == PolicyStatus.DRAFT


def test_sections_keep_only_known_keys_and_drop_empty_ones(organization, supervisor):
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="本文", sections={
        "purposes": {"ja": " 目的 ", "en": ""}, "security": {"ja": "", "en": ""}, "evil": {"ja": "x"}})  # fmt: skip
    assert draft.sections == {"purposes": {"ja": "目的", "en": ""}}


def test_publishing_in_the_past_is_refused(organization, supervisor):
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="本文")
    with pytest.raises(ActionRefused):
        policy_publish(version_id=draft.pk, actor=supervisor, effective_date=date(2026, 11, 24), today=TODAY)
    draft.refresh_from_db()
    assert draft.status == PolicyStatus.DRAFT


def test_a_version_cannot_take_effect_before_one_already_published(organization, supervisor):
    published(organization, effective=date(2026, 12, 10))
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="本文")
    with pytest.raises(ActionRefused):
        policy_publish(version_id=draft.pk, actor=supervisor, effective_date=date(2026, 12, 1), today=TODAY)


def test_a_published_version_is_never_edited_nor_deleted_nor_published_again(organization, supervisor):
    version = published(organization, effective=date(2020, 1, 1))
    with pytest.raises(ActionRefused):
        policy_draft_update(version_id=version.pk, actor=supervisor, body_en="Changed.")
    with pytest.raises(ActionRefused):
        policy_draft_delete(version_id=version.pk, actor=supervisor)
    with pytest.raises(ActionRefused):
        policy_publish(version_id=version.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
    version.refresh_from_db()
    assert version.body_en == "# Policy\n\nEnglish text." and version.effective_date == date(2020, 1, 1)


def test_a_draft_can_be_changed_and_deleted(organization, supervisor):
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="本文")
    policy_draft_update(version_id=draft.pk, actor=supervisor, body_en="Text.", summary_en="New.")
    draft.refresh_from_db()
    assert draft.languages == ["ja", "en"] and draft.summary_en == "New."
    policy_draft_delete(version_id=draft.pk, actor=supervisor)
    assert not PolicyVersion.objects.filter(pk=draft.pk).exists()


def test_the_date_alone_decides_which_version_is_in_force(organization, supervisor):
    old = published(organization, effective=date(2020, 4, 1))
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="新方針", summary_ja="変更")
    new = policy_publish(version_id=draft.pk, actor=supervisor, effective_date=date(2026, 12, 1), today=TODAY)
    assert policy_current(organization=organization, today=TODAY) == old
    assert policy_upcoming(organization=organization, today=TODAY) == new
    assert policy_current(organization=organization, today=date(2026, 11, 30)) == old
    assert policy_current(organization=organization, today=date(2026, 12, 1)) == new
    assert policy_upcoming(organization=organization, today=date(2026, 12, 1)) is None
    assert policy_history(organization=organization) == [new, old]


def test_drafts_are_never_public(organization, supervisor):
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="下書き")
    assert policy_current(organization=organization, today=date(2100, 1, 1)) is None
    from django.http import Http404

    with pytest.raises(Http404):
        policy_get_public(organization=organization, number=draft.number)


def test_a_version_without_the_visitors_language_is_shown_in_the_other_one_and_says_so(organization):
    version = published(organization, effective=date(2018, 10, 1), body_en="", original="ja",
                        sections={"purposes": {"ja": "- サービスの提供"}})  # fmt: skip
    rendered = policy_render(version, language="en")
    assert rendered.language == "ja" and rendered.fallback and rendered.is_original
    assert "日本語の本文" in rendered.body and [s.key for s in rendered.sections] == ["purposes"]


def test_a_translation_is_marked_as_not_the_original(organization):
    version = published(organization, effective=date(2017, 6, 1), original="en")
    assert policy_render(version, language="ja").is_original is False
    assert policy_render(version, language="en").is_original is True


def test_other_pages_reuse_a_section_of_the_current_policy(organization):
    published(organization, effective=date(2020, 1, 1), sections={"external": {"ja": "クッキーを使います。", "en": "We use **cookies**."}})  # fmt: skip
    assert "<strong>cookies</strong>" in policy_section_html(organization=organization, key="external", language="en", today=TODAY)  # fmt: skip
    assert policy_section_html(organization=OrganizationFactory(), key="external", language="en", today=TODAY) == ""  # fmt: skip


def test_the_prevailing_language_is_a_setting_per_organisation(organization):
    from privacydesk.policies.selectors import prevailing_language

    assert prevailing_language(organization) == "ja"
    policy_setting_save(organization=organization, prevailing_language="en")
    assert prevailing_language(organization) == "en"
    assert prevailing_language(OrganizationFactory()) == "ja"


def test_a_template_of_another_page_can_show_a_section_of_the_current_policy(organization):
    from django.template import Context, Template
    from django.utils import translation

    published(organization, effective=date(2020, 1, 1), sections={"external": {"ja": "クッキーを使います。", "en": "We use **cookies**."}})  # fmt: skip
    template = Template('{% load policies %}{% policy_section organization "external" %}')
    with translation.override("en"):
        assert template.render(Context({"organization": organization})) == "<p>We use <strong>cookies</strong>.</p>\n"
    with translation.override("ja"):
        assert "クッキーを使います。" in template.render(Context({"organization": organization}))


@pytest.mark.usefixtures("english")  # the refusal's English wording
def test_a_draft_numbered_below_a_published_version_cannot_be_published(organization, supervisor):
    """Drafts 3, 4, 5; 5 published; publishing 3 later would put an outdated text in the history, never in force."""
    published(organization, effective=date(2020, 1, 1))
    published(organization, effective=date(2021, 1, 1))
    three, four, five = (
        policy_draft_create(organization=organization, actor=supervisor, body_ja=f"第{n}版") for n in (3, 4, 5)
    )
    policy_publish(version_id=five.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
    for stale in (three, four):
        with pytest.raises(ActionRefused, match="Version 5 has already been published"):
            policy_publish(version_id=stale.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
        stale.refresh_from_db()
        assert stale.status == PolicyStatus.DRAFT
    assert policy_current(organization=organization, today=TODAY).number == 5
    assert [v.number for v in policy_history(organization=organization)] == [5, 2, 1]


def test_published_numbers_and_dates_rise_together_so_the_version_in_force_is_unambiguous(organization, supervisor):
    published(organization, effective=date(2026, 12, 1))
    early = policy_draft_create(organization=organization, actor=supervisor, body_ja="早い日付")
    with pytest.raises(ActionRefused):  # a later number cannot take effect before an earlier one
        policy_publish(version_id=early.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
    history = policy_history(organization=organization)
    assert [v.number for v in history] == sorted((v.number for v in history), reverse=True)


def test_the_refusal_of_a_date_names_it_in_the_users_language(organization, supervisor):
    from django.utils import translation

    published(organization, effective=date(2026, 12, 1))
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="本文")
    for language, expected in (("en", "Dec. 1, 2026"), ("ja", "2026年12月1日")):
        with translation.override(language), pytest.raises(ActionRefused) as refused:
            policy_publish(version_id=draft.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
        assert expected in refused.value.message and "2026-12-01" not in refused.value.message


def test_a_policy_cannot_be_published_while_the_desks_public_notice_is_incomplete(organization, supervisor):
    organization.representative_ja = ""
    organization.save()
    draft = policy_draft_create(organization=organization, actor=supervisor, body_ja="方針")
    with translation.override("en"), pytest.raises(ActionRefused) as refused:
        policy_publish(version_id=draft.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
    assert "public notice of this desk is incomplete" in str(refused.value)
    assert "representative (Japanese)" in str(refused.value)
    assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.DRAFT
    organization.representative_ja = "代表取締役 架空 太郎"
    organization.save()
    policy_publish(version_id=draft.pk, actor=supervisor, effective_date=TODAY, today=TODAY)
    assert PolicyVersion.objects.get(pk=draft.pk).status == PolicyStatus.PUBLISHED
