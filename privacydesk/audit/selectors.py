from django.db.models import QuerySet

from .models import AuditEntry


def audit_search(*, user: str = "", reference: str = "", action: str = "", date_from=None, date_to=None) -> QuerySet:
    entries = AuditEntry.objects.all()
    if user:
        entries = entries.filter(username__iexact=user.strip())
    if reference:
        from privacydesk.cases.references import normalize_reference

        entries = entries.filter(case_reference=normalize_reference(reference))
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries
