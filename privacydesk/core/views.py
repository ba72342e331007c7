"""Health check and small JSON helpers for the public forms."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from privacydesk.celery import app as celery_app

from .postal import lookup_postal_code


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """{"database": "ok"|"error", "broker": "ok"|"error"}; 503 unless both are ok."""
    state = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        state["database"] = "error"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        state["broker"] = "error"
    ok = all(v == "ok" for v in state.values())
    return JsonResponse({"status": "ok" if ok else "degraded", **state}, status=200 if ok else 503)


@require_GET
def postal_code(request: HttpRequest) -> JsonResponse:
    found = lookup_postal_code(request.GET.get("code", ""))
    if not found:
        return JsonResponse({"found": False})
    return JsonResponse({"found": True, "postal_code": found.postal_code, "address": found.address})
