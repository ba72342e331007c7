"""Writing policies: drafts, publication with an effective date, deletion of drafts, the per-desk setting.

A published version is never changed: a correction is a new version. What the public sees is decided by the
effective date when the page is read (selectors.policy_current), so no job has to run on that date.
"""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from privacydesk.core.errors import ActionRefused
from privacydesk.core.i18n import join_list
from privacydesk.organizations.models import Organization

from .models import PolicySetting, PolicyStatus, PolicyVersion, SectionKey

DRAFT_FIELDS = ("original_language", "summary_ja", "summary_en", "body_ja", "body_en", "sections")


def _clean_sections(sections: dict | None) -> dict:
    result = {}
    for key in SectionKey.values:
        texts = (sections or {}).get(key) or {}
        entry = {lang: (texts.get(lang) or "").strip() for lang in ("ja", "en")}
        if entry["ja"] or entry["en"]:
            result[key] = entry
    return result


TEXT_FIELDS = ("summary_ja", "summary_en", "body_ja", "body_en")


def _strip(values: dict) -> dict:
    return values | {f: (values.get(f) or "").strip() for f in TEXT_FIELDS}


def _check_texts(values: dict) -> None:
    if not (values.get("body_ja") or "").strip() and not (values.get("body_en") or "").strip():
        raise ActionRefused(_("Write the policy text in at least one language."))
    original = values.get("original_language")
    if original and not (values.get(f"body_{original}") or "").strip():
        raise ActionRefused(_("The original language must have a text."))


@transaction.atomic
def policy_draft_create(*, organization: Organization, actor, copy_from: PolicyVersion | None = None,
                        **values) -> PolicyVersion:  # fmt: skip
    """A new draft with the next number; its texts copied from ``copy_from`` or given in ``values``."""
    Organization.objects.select_for_update().get(pk=organization.pk)  # one number at a time per desk
    number = (PolicyVersion.objects.filter(organization=organization).aggregate(n=Max("number"))["n"] or 0) + 1
    if copy_from is not None:
        base = {field: getattr(copy_from, field) for field in DRAFT_FIELDS}
        base.update(summary_ja="", summary_en="")
    else:
        base = {"original_language": "ja", "body_ja": "", "body_en": ""}
    base = _strip(base | values)
    base["sections"] = _clean_sections(base.get("sections"))
    _check_texts(base)
    return PolicyVersion.objects.create(organization=organization, number=number, created_by=actor, **base)


def _locked_draft(version_id: int) -> PolicyVersion:
    version = PolicyVersion.objects.select_for_update().get(pk=version_id)
    if version.status != PolicyStatus.DRAFT:
        raise ActionRefused(_("A published version cannot be changed. Write a new version instead."))
    return version


@transaction.atomic
def policy_draft_update(*, version_id: int, actor, **values) -> PolicyVersion:
    version = _locked_draft(version_id)
    unknown = set(values) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"not draft fields: {sorted(unknown)}")
    merged = _strip({field: getattr(version, field) for field in DRAFT_FIELDS} | values)
    merged["sections"] = _clean_sections(merged["sections"])
    _check_texts(merged)
    for field, value in merged.items():
        setattr(version, field, value)
    version.save()
    return version


def policy_publish_check(*, version: PolicyVersion, effective_date: date, today: date) -> None:
    """Raise ActionRefused when ``version`` cannot be published to take effect on ``effective_date``.

    Also used by the confirmation step, so the supervisor hears of a refusal before confirming.
    """
    if version.status != PolicyStatus.DRAFT:
        raise ActionRefused(_("A published version cannot be changed. Write a new version instead."))
    published = PolicyVersion.objects.filter(organization_id=version.organization_id, status=PolicyStatus.PUBLISHED)
    # A draft numbered below a published version was started from an older text: publishing it would put an
    # outdated text in the history, and (newest number first) it would never be the one in force. Refused, so
    # that numbers and effective dates of published versions always rise together and "the version in force"
    # (selectors.policy_current) is simply the highest number whose date has come.
    later = published.filter(number__gt=version.number).aggregate(n=Max("number"))["n"]
    if later:
        raise ActionRefused(
            _(
                "Version %(later)d has already been published after this draft was started, so this draft is out "
                "of date. Start a new draft from the version in force and copy your changes into it."
            )
            % {"later": later}
        )
    gaps = Organization.objects.get(pk=version.organization_id).notice_gaps()
    if gaps:
        raise ActionRefused(
            _(
                "The public notice of this desk is incomplete: enter %(fields)s in the desk settings before "
                "publishing a policy."
            )
            % {"fields": join_list(gaps)}
        )
    if effective_date < today:
        raise ActionRefused(_("The effective date cannot be in the past."))
    latest = published.aggregate(d=Max("effective_date"))["d"]
    if latest and effective_date < latest:
        raise ActionRefused(
            _("A published version already takes effect on %(date)s: choose that date or a later one.")
            % {"date": formats.date_format(latest, "DATE_FORMAT")}
        )
    _check_texts({field: getattr(version, field) for field in DRAFT_FIELDS})


@transaction.atomic
def policy_publish(*, version_id: int, actor, effective_date: date, today: date) -> PolicyVersion:
    """Publish a draft to take effect on ``effective_date`` (today or later, not before an earlier version's)."""
    version = _locked_draft(version_id)
    # Two drafts of one desk published at once must not both pass the checks below.
    Organization.objects.select_for_update().get(pk=version.organization_id)
    policy_publish_check(version=version, effective_date=effective_date, today=today)
    version.status = PolicyStatus.PUBLISHED
    version.effective_date = effective_date
    version.published_by = actor
    version.published_at = timezone.now()
    version.save()
    return version


@transaction.atomic
def policy_draft_delete(*, version_id: int, actor) -> None:
    _locked_draft(version_id).delete()


def policy_setting_save(*, organization: Organization, prevailing_language: str) -> PolicySetting:
    setting, _created = PolicySetting.objects.update_or_create(
        organization=organization, defaults={"prevailing_language": prevailing_language}
    )
    return setting
