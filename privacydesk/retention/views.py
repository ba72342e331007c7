"""Retention at the staff desk: what was destroyed, the rules in force, what goes next; a person's data export."""

import tempfile

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from privacydesk.accounts.decorators import staff_required, supervisor_required
from privacydesk.audit.services import audit_record
from privacydesk.cases.selectors.staff import case_get_for_staff, organization_ids

from .export import person_export_write
from .selectors import destruction_records_for, requester_cases
from .services import retention_preview

PREVIEW_CACHE_SECONDS = 300


@supervisor_required
def retention_records(request: HttpRequest) -> HttpResponse:
    """Supervisors: the destruction records of their desks, the rules in force and the next run's dry run."""
    page = Paginator(destruction_records_for(user=request.user).select_related("organization"), 50).get_page(
        request.GET.get("page")
    )
    ids = sorted(organization_ids(request.user))
    key = "retention-preview:" + ",".join(map(str, ids))
    preview = cache.get(key)
    if preview is None:  # a few counts over every case of the desks: shared for a few minutes
        preview = retention_preview(organization_ids=ids)
        cache.set(key, preview, PREVIEW_CACHE_SECONDS)
    return render(request, "retention/records.html", {"page": page, "preview": preview})


@require_POST
@staff_required
def retention_export(request: HttpRequest, case_id: int) -> FileResponse:
    """Supervisors only: every case of this requester at the case's organisation, as one ZIP.

    A bulk copy of everything about a person is the riskiest download the desk has, and deciding what to
    disclose is the person responsible's call; reception staff still open each document on the case page.
    The case is looked up first, so another organisation's case is a 404 for everyone.
    """
    case = case_get_for_staff(user=request.user, case_id=case_id)
    if not request.user.is_supervisor:
        raise PermissionDenied
    cases = list(requester_cases(user=request.user, case=case))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 — closed by FileResponse. On disk: documents and PDFs of many cases do not fit in memory
    person_export_write(cases=cases, organization=case.organization, target=spool)
    spool.seek(0)
    audit_record(
        request=request,
        action="download",
        case=case,
        detail={
            "what": "personal data export",
            "organization": case.organization.slug,
            "cases": [c.reference for c in cases],
        },
    )
    response = FileResponse(
        spool, as_attachment=True, filename=f"personal-data-{case.reference}.zip", content_type="application/zip"
    )
    response["Cache-Control"] = "no-store"
    return response
