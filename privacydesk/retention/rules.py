"""What a retention rule is, apart from where it is stored: the kinds of data, the actions, what a period counts
from, the legal defaults, and a rule in words. Pure: the models and the policies both build on it."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from privacydesk.cases.models import Kind


class DataKind(models.TextChoices):
    ID_DOCUMENTS = "id_documents", gettext_lazy("Copies of identity documents")
    CLOSED_CASES = "closed_cases", gettext_lazy("Closed cases")
    LETTERS = "letters", gettext_lazy("Letters (PDF and text)")
    AUDIT_LOG = "audit_log", gettext_lazy("Audit log")


class RetentionAction(models.TextChoices):
    DELETE = "delete", gettext_lazy("Delete")
    ANONYMISE = "anonymise", gettext_lazy("Anonymise (keep the case without personal data)")


class CountedFrom(models.TextChoices):
    VERIFICATION = "verification", gettext_lazy("Identity verified")
    CLOSING = "closing", gettext_lazy("Case replied to or closed")
    CREATION = "creation", gettext_lazy("Created")


# The audit log is never purged younger than this (its database trigger refuses it too: audit migration 0003).
AUDIT_MIN_DAYS = 365

# What each kind of data may be counted from and what may be done to it.
ALLOWED = {
    DataKind.ID_DOCUMENTS: ({CountedFrom.VERIFICATION}, {RetentionAction.DELETE}),
    DataKind.CLOSED_CASES: ({CountedFrom.CLOSING}, {RetentionAction.DELETE, RetentionAction.ANONYMISE}),
    DataKind.LETTERS: ({CountedFrom.CREATION, CountedFrom.CLOSING}, {RetentionAction.DELETE}),
    DataKind.AUDIT_LOG: ({CountedFrom.CREATION}, {RetentionAction.DELETE}),
}


@dataclass(frozen=True)
class Rule:
    data_kind: str
    action: str
    period_days: int
    counted_from: str
    case_kind: str = ""
    rule_id: int | None = None  # None: the default

    @property
    def is_default(self) -> bool:
        return self.rule_id is None

    def describe(self) -> str:
        """A plain description in English, stored with each destruction record (no personal data)."""
        scope = f"{self.data_kind}" + (f" ({self.case_kind})" if self.case_kind else "")
        origin = "default" if self.is_default else f"rule {self.rule_id}"
        return f"{scope}: {self.action} {self.period_days} days after {self.counted_from} [{origin}]"

    def summary(self) -> str:
        """The same, in the reader's language, for the staff page and the command: "anonymise 3 years after
        reply or closing", "delete immediately after reply or closing" for a period of 0 days."""
        kind = str(DataKind(self.data_kind).label)
        if self.case_kind:
            kind = _("%(kind)s (%(case_kind)s)") % {"kind": kind, "case_kind": Kind(self.case_kind).label}
        values = {
            "kind": kind,
            "action": RetentionAction(self.action).label.lower(),
            "origin": counted_from_phrase(self.counted_from),
            "period": period_text(self.period_days),
        }
        if self.period_days:
            text = _("%(kind)s: %(action)s %(period)s after %(origin)s") % values
        else:
            text = _("%(kind)s: %(action)s immediately after %(origin)s") % values
        return _("%(rule)s (default)") % {"rule": text} if self.is_default else text


def counted_from_phrase(counted_from: str) -> str:
    """What a period is counted from, as the end of a sentence ("… 3 years after reply or closing")."""
    return {
        CountedFrom.VERIFICATION: pgettext("retention counted from", "identity verification"),
        CountedFrom.CLOSING: pgettext("retention counted from", "reply or closing"),
        CountedFrom.CREATION: pgettext("retention counted from", "creation"),
    }[CountedFrom(counted_from)]


def period_text(days: int) -> str:
    """A period as people say it: whole years ("3 years" for 1,095 days: periods are kept in days of 365 per
    year), whole months of 30 days between one month and a year ("3 months" for 90), else days ("30 days", the
    usual wording for a month-long period)."""
    if days and days % 365 == 0:
        return ngettext("%(count)d year", "%(count)d years", days // 365) % {"count": days // 365}
    if 30 < days < 365 and days % 30 == 0:
        return ngettext("%(count)d month", "%(count)d months", days // 30) % {"count": days // 30}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


DEFAULTS: dict[str, Rule] = {
    DataKind.ID_DOCUMENTS: Rule(DataKind.ID_DOCUMENTS, RetentionAction.DELETE, 30, CountedFrom.VERIFICATION),
    DataKind.CLOSED_CASES: Rule(DataKind.CLOSED_CASES, RetentionAction.ANONYMISE, 1095, CountedFrom.CLOSING),
    DataKind.LETTERS: Rule(DataKind.LETTERS, RetentionAction.DELETE, 1825, CountedFrom.CREATION),
    DataKind.AUDIT_LOG: Rule(DataKind.AUDIT_LOG, RetentionAction.DELETE, 1825, CountedFrom.CREATION),
}
