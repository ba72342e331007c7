"""The rules in force for an organisation: its own, and the defaults for what it has not set.

Defaults (an organisation without a rule for a kind of data):
- copies of identity documents: deleted 30 days after the identity was verified (kept only as long as needed);
- closed cases: anonymised 3 years (1,095 days) after they were replied to or closed;
- letters: their PDF and text deleted 5 years (1,825 days) after they were written;
- audit log: entries deleted after 5 years (1,825 days).

The audit log is one log for every desk (sign-ins have no organisation), so it is purged once, after the longest
audit period of all organisations, and never before ``AUDIT_MIN_DAYS`` (the database refuses younger deletes).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from privacydesk.cases.models import Kind

from .models import AUDIT_MIN_DAYS, CountedFrom, DataKind, RetentionAction, RetentionRule


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


def _from_row(row: RetentionRule) -> Rule:
    return Rule(row.data_kind, row.action, row.period_days, row.counted_from, row.case_kind, row.pk)


def rules_in_force(organization_id: int, rows: list[RetentionRule] | None = None) -> list[Rule]:
    """Every rule that applies to the organisation's data, one per kind (closed cases: one per case kind
    that has its own rule, then one for the other kinds). Audit log rules are left to ``audit_log_rule``."""
    if rows is None:
        rows = list(RetentionRule.objects.filter(organization_id=organization_id))
    own = {(r.data_kind, r.case_kind): _from_row(r) for r in rows}
    rules = []
    for kind in (DataKind.ID_DOCUMENTS, DataKind.CLOSED_CASES, DataKind.LETTERS):
        if kind == DataKind.CLOSED_CASES:
            rules += [rule for (k, case_kind), rule in sorted(own.items()) if k == kind and case_kind]
        rules.append(own.get((kind, ""), DEFAULTS[kind]))
    return rules


def audit_log_rule() -> Rule:
    """The longest audit period any organisation asks for (or the default), never under the minimum."""
    from privacydesk.organizations.models import Organization

    rows = {r.organization_id: r for r in RetentionRule.objects.filter(data_kind=DataKind.AUDIT_LOG)}
    candidates = [
        _from_row(rows[pk]) if pk in rows else DEFAULTS[DataKind.AUDIT_LOG]
        for pk in Organization.objects.values_list("pk", flat=True)
    ]
    rule = max(candidates, key=lambda r: r.period_days, default=DEFAULTS[DataKind.AUDIT_LOG])
    if rule.period_days < AUDIT_MIN_DAYS:
        rule = Rule(rule.data_kind, rule.action, AUDIT_MIN_DAYS, rule.counted_from, "", rule.rule_id)
    return rule
