"""Reads for the retention pages: a requester's cases, the destruction records a supervisor may see."""

from django.db.models import Q, QuerySet

from privacydesk.accounts.models import User
from privacydesk.cases.models import Case
from privacydesk.cases.selectors.staff import cases_visible_to, organization_ids, same_person

from .models import DestructionRecord, RetentionRule


def requester_cases(*, user: User, case: Case) -> QuerySet[Case]:
    """Every case of the case's requester, open or not, at the case's organisation (if the user works for it).

    Only that organisation's: the export answers a disclosure request made to one company, and must not hand
    out what another company holds about the same person, even when the same supervisor works for both."""
    return (
        cases_visible_to(user)
        .filter(Q(pk=case.pk) | same_person(case), organization_id=case.organization_id)
        .select_related("organization", "merged_into")
        .prefetch_related("requests", "events", "messages", "verifications", "fee_records", "letters", "attachments")
        .order_by("received_at", "pk")
    )


def destruction_records_for(*, user: User) -> QuerySet[DestructionRecord]:
    """Records of the user's organisations, and of the audit log (which belongs to every desk)."""
    ids = organization_ids(user)
    return DestructionRecord.objects.filter(Q(organization_id__in=ids) | Q(organization__isnull=True))


def rule_rows_for(*, user: User) -> QuerySet[RetentionRule]:
    return RetentionRule.objects.filter(organization_id__in=organization_ids(user))
