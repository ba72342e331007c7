"""The case page: all the data, the documents, the work panels and the timeline. Every view is audited."""

from datetime import timedelta

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record

from ...models import Attachment, Case, CaseEvent, EventKind
from ...selectors.case_page import case_page_context
from ...selectors.staff import case_get_for_staff
from ...timeline import event_record

VIEW_EVENT_INTERVAL = timedelta(minutes=30)


def _record_view(request: HttpRequest, case: Case) -> None:
    """Audit every view; put it on the timeline once per person per half hour."""
    audit_record(request=request, action="view_case", case=case)
    recent = CaseEvent.objects.filter(
        case=case, kind=EventKind.VIEWED, actor=request.user, created_at__gte=timezone.now() - VIEW_EVENT_INTERVAL
    )
    if not recent.exists():
        event_record(case=case, kind=EventKind.VIEWED, actor=request.user)


@staff_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_staff(user=request.user, case_id=case_id)
    _record_view(request, case)
    return render(request, "staff/case.html", case_page_context(case=case, user=request.user))


@staff_required
def attachment_download(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    """Documents are served only here: permission checked, access audited, never a public URL."""
    case = case_get_for_staff(user=request.user, case_id=case_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, case=case)
    audit_record(
        request=request,
        action="download",
        case=case,
        detail={"attachment": attachment.pk, "name": attachment.original_name, "kind": attachment.kind},
    )
    response = FileResponse(
        attachment.file.open(),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
