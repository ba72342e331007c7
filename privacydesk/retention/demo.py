"""Demo retention rules for the five reference desks (see README, "Retention"). Safe to run twice."""

from .models import RetentionRule
from .rules import CountedFrom, DataKind, RetentionAction

DELETE, ANONYMISE = RetentionAction.DELETE, RetentionAction.ANONYMISE

# Every desk: ID copies 30 days after verification, letters and the audit log 5 years.
COMMON = [
    (DataKind.ID_DOCUMENTS, "", DELETE, 30, CountedFrom.VERIFICATION, "Kept only as long as needed to verify."),
    (DataKind.LETTERS, "", DELETE, 1825, CountedFrom.CREATION, "Correspondence kept five years."),
    (DataKind.AUDIT_LOG, "", DELETE, 1825, CountedFrom.CREATION, "Access records kept five years."),
]
CLOSED = {
    # A: "after an inquiry is fully answered, the personal data collected for it is deleted from the system". The
    # published promise holds for every kind of case: its personal data goes at the next run after closing, and
    # the register row (reference, kind, dates, outcome) stays for the desk's own accountability.
    "toto-voicenet": [
        (
            DataKind.CLOSED_CASES,
            "",
            ANONYMISE,
            0,
            CountedFrom.CLOSING,
            "Policy: information obtained is deleted once the inquiry is answered.",
        ),
    ],
    # B: inquiry data is used only to answer the inquiry.
    "hokushin-cluster": [
        (DataKind.CLOSED_CASES, "inquiry", ANONYMISE, 90, CountedFrom.CLOSING, "Used only to answer the inquiry."),
        (DataKind.CLOSED_CASES, "", ANONYMISE, 1095, CountedFrom.CLOSING, "Three years."),
    ],
    # D: GDPR storage limitation for EU residents — the shortest general period.
    "lumina-web": [
        (DataKind.CLOSED_CASES, "", ANONYMISE, 730, CountedFrom.CLOSING, "Two years (GDPR storage limitation)."),
    ],
}
DEFAULT_CLOSED = [(DataKind.CLOSED_CASES, "", ANONYMISE, 1095, CountedFrom.CLOSING, "Three years.")]


def demo_retention_rules_create(organization) -> int:
    """Create the desk's demo rules that it does not have yet; returns how many were added."""
    added = 0
    for data_kind, case_kind, action, days, counted_from, note in COMMON + CLOSED.get(
        organization.slug, DEFAULT_CLOSED
    ):
        _rule, created = RetentionRule.objects.get_or_create(
            organization=organization,
            data_kind=data_kind,
            case_kind=case_kind,
            defaults={"action": action, "period_days": days, "counted_from": counted_from, "note": note},
        )
        added += created
    return added
