"""Reading policies: what the public sees on a given day, and a version rendered in a visitor's language."""

import re
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import translation

from .markdown import render_markdown
from .models import PolicySetting, PolicyStatus, PolicyVersion, SectionKey


def _published(organization):
    return PolicyVersion.objects.filter(organization=organization, status=PolicyStatus.PUBLISHED)


def policy_current(*, organization, today: date) -> PolicyVersion | None:
    """The published version with the latest effective date on or before ``today`` (Tokyo).

    Publication refuses a draft numbered below a published version and a date before a published one
    (services.policy_publish_check), so a higher number never has an earlier date: the version in force is the
    highest number whose date has come, and two versions taking effect on the same day cannot leave a doubt.
    """
    return _published(organization).filter(effective_date__lte=today).order_by("-number").first()


def policy_draft_out_of_date(version: PolicyVersion) -> PolicyVersion | None:
    """For a draft: the newest published version numbered above it (the draft can then no longer be published)."""
    if version.is_published:
        return None
    return _published(version.organization_id).filter(number__gt=version.number).order_by("-number").first()


def policy_upcoming(*, organization, today: date) -> PolicyVersion | None:
    """The next published version that is not yet in force (announced to customers before its date)."""
    return _published(organization).filter(effective_date__gt=today).order_by("effective_date", "number").first()


def policy_history(*, organization) -> list[PolicyVersion]:
    """Every published version, newest first: the revision history (附則)."""
    return list(_published(organization).order_by("-effective_date", "-number"))


def policy_get_public(*, organization, number: int) -> PolicyVersion:
    """A published version by its number (announced future versions included); drafts are never public."""
    version = _published(organization).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def prevailing_language(organization) -> str:
    setting = PolicySetting.objects.filter(organization=organization).first()
    return setting.prevailing_language if setting else "ja"


@dataclass
class Section:
    key: str
    title: str
    html: str


@dataclass
class RenderedPolicy:
    version: PolicyVersion
    language: str  # the language the text is shown in
    requested: str  # the visitor's language
    is_original: bool
    body: str
    sections: list[Section]

    @property
    def fallback(self) -> bool:
        """True when the version has no text in the visitor's language and the other one is shown."""
        return self.language != self.requested


def policy_render(version: PolicyVersion, *, language: str, base_level: int = 2) -> RenderedPolicy:
    """The version in ``language``, or in its other language when it has none (the page then says so).

    The body's highest heading is an <h{base_level}>, like the sections' titles; a section's own headings come
    one level below its title.
    """
    shown = language if version.has_language(language) else version.languages[0]
    with translation.override(shown):  # the headings in the language of the text they head
        sections = [
            Section(key=key.value, title=str(key.label), html=html)
            for key in SectionKey
            if (html := render_markdown(version.section_text(key.value, shown), base_level=base_level + 1))
        ]
    return RenderedPolicy(
        version=version,
        language=shown,
        requested=language,
        is_original=shown == version.original_language,
        body=render_markdown(getattr(version, f"body_{shown}"), base_level=base_level),
        sections=sections,
    )


def policy_section_html(*, organization, key: str, language: str, today: date) -> str:
    """One structured section of the current policy as safe HTML, for the desk's other pages ('' if none)."""
    version = policy_current(organization=organization, today=today)
    if version is None:
        return ""
    shown = language if version.section_text(key, language) else ("en" if language == "ja" else "ja")
    return render_markdown(version.section_text(key, shown))


_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")


def _logical_lines(text: str) -> list[str]:
    """Markdown source as one line per heading, paragraph or list item (hard line wraps joined)."""
    lines: list[str] = []
    joinable = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and not _BLOCK_START.match(raw):
            cjk = ord(lines[-1][-1]) > 0x2E7F or ord(line[0]) > 0x2E7F
            lines[-1] += ("" if cjk else " ") + line
        else:
            lines.append(_HEADING_MARK.sub("", line))
        joinable = not line.startswith("#")
    return lines


def policy_source_text(version: PolicyVersion, language: str) -> str:
    """The whole text of a version in one language, as compared: one line per heading, paragraph or item."""
    lines = _logical_lines(getattr(version, f"body_{language}"))
    with translation.override(language):
        for key in SectionKey:
            text = version.section_text(key.value, language)
            if text.strip():
                lines += [str(key.label), *_logical_lines(text)]
    return "\n".join(lines)


def policy_versions_for_staff(*, organization) -> list[PolicyVersion]:
    return list(
        PolicyVersion.objects.filter(organization=organization)
        .select_related("created_by", "published_by")
        .order_by("-number")
    )
