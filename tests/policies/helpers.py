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


def set_clock(monkeypatch, day: date) -> None:
    """Move the clock the policy pages read (``now`` in privacydesk.policies.clock) to noon in Tokyo on ``day``."""
    from datetime import datetime, time

    from privacydesk.policies import clock

    moment = datetime.combine(day, time(12, 0), tzinfo=clock.TOKYO)
    monkeypatch.setattr(clock, "now", lambda: moment)
