"""Small builders for policy tests: a published version on a given date, in one or both languages."""

from datetime import date

from privacydesk.policies.services import policy_draft_create, policy_publish


def published(organization, *, effective: date, body_en="# Policy\n\nEnglish text.", body_ja="# 方針\n\n日本語の本文。",
              original="en", sections=None, summary_en="", summary_ja="", actor=None):  # fmt: skip
    draft = policy_draft_create(
        organization=organization,
        actor=actor,
        original_language=original,
        body_en=body_en,
        body_ja=body_ja,
        summary_en=summary_en,
        summary_ja=summary_ja,
        sections=sections or {},
    )
    return policy_publish(version_id=draft.pk, actor=actor, effective_date=effective, today=effective)
