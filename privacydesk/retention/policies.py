"""The rules in force for an organisation: its own, and the defaults for what it has not set.

Defaults (an organisation without a rule for a kind of data):
- copies of identity documents: deleted 30 days after the identity was verified (kept only as long as needed);
- closed cases: anonymised 3 years (1,095 days) after they were replied to or closed;
- letters: their PDF and text deleted 5 years (1,825 days) after they were written;
- audit log: entries deleted after 5 years (1,825 days).

The audit log is one log for every desk (sign-ins have no organisation), so it is purged once, after the longest
audit period of all organisations, and never before ``AUDIT_MIN_DAYS`` (the database refuses younger deletes).
"""

from privacydesk.organizations.models import Organization

from .models import RetentionRule
from .rules import AUDIT_MIN_DAYS, DEFAULTS, DataKind, Rule


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
    rows = {r.organization_id: r for r in RetentionRule.objects.filter(data_kind=DataKind.AUDIT_LOG)}
    candidates = [
        _from_row(rows[pk]) if pk in rows else DEFAULTS[DataKind.AUDIT_LOG]
        for pk in Organization.objects.values_list("pk", flat=True)
    ]
    rule = max(candidates, key=lambda r: r.period_days, default=DEFAULTS[DataKind.AUDIT_LOG])
    if rule.period_days < AUDIT_MIN_DAYS:
        rule = Rule(rule.data_kind, rule.action, AUDIT_MIN_DAYS, rule.counted_from, "", rule.rule_id)
    return rule
