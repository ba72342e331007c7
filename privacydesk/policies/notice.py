"""The public notice of matters on retained personal data (保有個人データに関する事項の公表, APPI Art. 32(1)).

Built each time from the organisation's desk settings — the same fields the public forms, the printable request
form and the staff desk use — and from the current policy's sections. Nothing here is typed twice.
"""

from datetime import date

from privacydesk.core.i18n import localized
from privacydesk.core.vocabulary import VerificationMethod

from . import selectors
from .markdown import render_markdown
from .models import SectionKey
from .rendering import LANGUAGE_NAMES, contact_lines

# The sections of the policy that the notice repeats, in the order of Art. 32(1) and Cabinet Order Art. 10.
NOTICE_SECTIONS = [SectionKey.PURPOSES, SectionKey.SECURITY, SectionKey.COMPLAINTS]


def _section(version, key: SectionKey, language: str) -> dict:
    shown = language
    if version is not None and not version.section_text(key.value, language):
        shown = "en" if language == "ja" else "ja"
    text = version.section_text(key.value, shown) if version is not None else ""
    return {"key": key.value, "title": key.label, "html": render_markdown(text), "language": shown}


def notice_context(*, organization, language: str, today: date) -> dict:
    current = selectors.policy_current(organization=organization, today=today)
    sections = {key.value: _section(current, key, language) for key in NOTICE_SECTIONS}
    return {
        "organization": organization,
        "current": current,
        "upcoming": selectors.policy_upcoming(organization=organization, today=today),
        "sections": sections,
        "fallback_languages": sorted(
            {s["language"] for s in sections.values() if s["html"] and s["language"] != language}
        ),
        "language_names": LANGUAGE_NAMES,
        "representative": localized(organization, "representative", language),
        "request_types": organization.offered_request_types(),
        "charged": organization.charged_request_types(),
        "has_fee": bool(organization.fee_amount and organization.charged_request_types()),
        "channels": organization.channel_labels(),
        "contact_lines": contact_lines(organization),
        "verification_methods": [_verification_label(m) for m in organization.verification_methods],
        "today": today,
    }


def _verification_label(method: str) -> str:
    return VerificationMethod(method).label
