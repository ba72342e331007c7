from django.http import HttpRequest

from privacydesk.core.ratelimit import client_address

from .models import AuditEntry


def audit_record(*, request: HttpRequest, action: str, case=None, detail: dict | None = None) -> None:
    """Append one entry: who (the signed-in user), what, which case, from which address."""
    user = request.user if getattr(request, "user", None) is not None and request.user.is_authenticated else None
    AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else (detail or {}).get("username", ""),
        ip_address=client_address(request) or None,
        action=action,
        case_id=case.pk if case else None,
        case_reference=case.reference if case else "",
        detail=detail or {},
    )
