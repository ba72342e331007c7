"""The case page: all the data, the documents, the work panels and the timeline. Every view is audited."""

from datetime import timedelta

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record
from privacydesk.core.vocabulary import Jurisdiction, RequestType
from privacydesk.deadlines.selectors import business_days_left
from privacydesk.deadlines.services import extension_available
from privacydesk.deadlines.views import ExtensionForm
from privacydesk.letters.views import LetterForm

from ...forms.staff import (
    ApprovalForm,
    AssignForm,
    DecisionForm,
    FeeForm,
    IdentityForm,
    MessageForm,
    NoteForm,
    OutcomeForm,
)
from ...models import Attachment, Case, CaseEvent, EventKind
from ...selectors.staff import case_get_for_staff, case_possible_duplicates, case_timeline, staff_of_organizations
from ...workflow import allowed_actions

VIEW_EVENT_INTERVAL = timedelta(minutes=30)


def _default_letter_kind(case: Case) -> str:
    if case.kind == "inquiry":
        return "inquiry_reply"
    if case.kind == "complaint":
        return "complaint_reply"
    return "acknowledgement"


def _record_view(request: HttpRequest, case: Case) -> None:
    """Audit every view; put it on the timeline once per person per half hour."""
    audit_record(request=request, action="view_case", case=case)
    recent = CaseEvent.objects.filter(
        case=case, kind=EventKind.VIEWED, actor=request.user, created_at__gte=timezone.now() - VIEW_EVENT_INTERVAL
    )
    if not recent.exists():
        CaseEvent.objects.create(case=case, kind=EventKind.VIEWED, actor=request.user)


def render_case(request: HttpRequest, case: Case, bound: dict | None = None, status: int = 200) -> HttpResponse:
    """The case page; ``bound`` holds a form that failed validation, shown with what was typed."""
    bound = bound or {}
    staff = list(staff_of_organizations(user=request.user).filter(organizations=case.organization_id))
    requests = list(case.requests.all())
    forms = {
        "assign": AssignForm(initial={"assignee": case.assignee_id}, staff=staff),
        "note": NoteForm(),
        "message": MessageForm(),
        "identity": IdentityForm(organization=case.organization),
        "fee": FeeForm(initial={"amount": case.fee_amount, "received_on": timezone.localdate()}),
        "outcome": OutcomeForm(initial={"outcome": case.outcome}),
        "extension": ExtensionForm(),
        "letter": LetterForm(initial={"kind": _default_letter_kind(case)}),
        **{k: v for k, v in bound.items() if not k.startswith(("decision", "approval"))},
    }
    decision_forms = [
        (
            item,
            bound.get(f"decision-{item.pk}")
            or DecisionForm(
                prefix=f"r{item.pk}",
                initial={
                    "decision": item.decision or "granted",
                    "legal_ground": item.legal_ground,
                    "reason": item.reason,
                },
            ),
            bound.get(f"approval-{item.pk}") or ApprovalForm(prefix=f"approval-{item.pk}"),
        )
        for item in requests
    ]
    context = {
        "case": case,
        "requests": decision_forms,
        "forms": forms,
        "actions": allowed_actions(case),
        "attachments": list(case.attachments.select_related("message")),
        "messages_list": list(case.messages.select_related("author")),
        "verifications": list(case.verifications.select_related("verified_by")),
        "fee_records": list(case.fee_records.select_related("recorded_by")),
        "timeline": case_timeline(case=case),
        "duplicates": case_possible_duplicates(case=case),
        "links": list(case.links_from.select_related("to_case")) + list(case.links_to.select_related("from_case")),
        "now": timezone.now(),
        "canonical_path": reverse("staff:case", kwargs={"case_id": case.pk}),
        "laws": sorted({RequestType(r.request_type).jurisdiction.label for r in requests}) or [Jurisdiction.APPI.label],
        "days_left": (days_left := business_days_left(case)),
        "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
        "can_extend": extension_available(case),
        "letters": list(case.letters.order_by("-created_at")),
    }
    return render(request, "staff/case.html", context, status=status)


@staff_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_staff(user=request.user, case_id=case_id)
    _record_view(request, case)
    return render_case(request, case)


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
