"""Reads of the audit log, always within what the reader may see: the log of their own desks.

An entry belongs to a desk when it is about one of its cases or names it (``AuditEntry.organization``). Entries
about no desk are sign-ins, and actions across desks (a queue export, the mailing list): a reader sees the
sign-ins of the people who share a desk with them, and the other entries only of people whose desks are all the
reader's too, so no one reads another desk's reference numbers, file names or search terms. A superuser, who can
give themselves any desk in the Django admin anyway, reads the whole log.
"""

from django.db.models import Q, QuerySet

from privacydesk.accounts.models import User
from privacydesk.core.references import normalize_reference

from .models import AuditAction, AuditEntry

SIGN_IN_ACTIONS = (AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT)


def audit_entries_visible_to(viewer: User) -> QuerySet[AuditEntry]:
    if viewer.is_superuser:
        return AuditEntry.objects.all()
    ids = list(viewer.organizations.values_list("pk", flat=True))
    colleagues = User.objects.filter(organizations__in=ids)
    elsewhere = User.organizations.through.objects.exclude(organization_id__in=ids)  # (user, another desk)
    no_desk = Q(organization__isnull=True, case_id__isnull=True)
    return AuditEntry.objects.filter(
        Q(organization_id__in=ids)
        | (no_desk & Q(action__in=SIGN_IN_ACTIONS, username__in=colleagues.values("username")))
        | (no_desk & Q(user__in=colleagues.values("pk")) & ~Q(user__in=elsewhere.values("user_id")))
    )


def audit_search(
    *, viewer: User, user: str = "", reference: str = "", action: str = "", date_from=None, date_to=None
) -> QuerySet:
    entries = audit_entries_visible_to(viewer)
    if user:
        entries = entries.filter(username__iexact=user.strip())
    if reference:
        entries = entries.filter(case_reference=normalize_reference(reference))
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries
