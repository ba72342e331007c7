from django.db import connection, transaction
from django.http import HttpRequest

from privacydesk.core.ratelimit import client_address

from .models import AuditEntry


def audit_record(
    *, request: HttpRequest, action: str, case=None, organization=None, detail: dict | None = None
) -> None:
    """Append one entry: who (the signed-in user), what, which case, from which address.

    The entry belongs to the case's organisation, or to ``organization`` for an action about one desk without a
    case (a policy, an FAQ entry): only that desk's supervisors read it (``audit.selectors``)."""
    user = request.user if getattr(request, "user", None) is not None and request.user.is_authenticated else None
    if organization is None and case is not None:
        organization_id = case.organization_id
    else:
        organization_id = organization.pk if organization is not None else None
    AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else (detail or {}).get("username", ""),
        ip_address=client_address(request) or None,
        action=action,
        organization_id=organization_id,
        case_id=case.pk if case else None,
        case_reference=case.reference if case else "",
        detail=detail or {},
    )


def audit_entries_purge(*, before, limit: int = 5000) -> list[tuple[int, object]]:
    """Delete up to ``limit`` entries older than ``before``; returns (id, time) of each deleted entry.

    The only way entries ever leave the log: the retention purge, inside its own transaction, says so to the
    database trigger (which still refuses anything younger than 365 days). The caller records the destruction
    in the same transaction.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('privacydesk.retention_purge', 'on', true)")
            cursor.execute("SELECT set_config('privacydesk.retention_purge_before', %s, true)", [before.isoformat()])
            cursor.execute(
                "DELETE FROM audit_auditentry WHERE id IN (SELECT id FROM audit_auditentry WHERE at < %s "
                "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED) RETURNING id, at",
                [before, limit],
            )
            return sorted(cursor.fetchall())
        # Elsewhere (SQLite in a developer's run) there is no trigger: the plain queryset deletes.
        rows = list(AuditEntry._base_manager.filter(at__lt=before).order_by("pk").values_list("pk", "at")[:limit])
        AuditEntry._base_manager.filter(pk__in=[pk for pk, _ in rows])._raw_delete(connection.alias)
        return rows
