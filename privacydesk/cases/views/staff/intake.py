"""Cases that arrived by post, FAX, phone, visit or e-mail, entered by staff with their date of arrival."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record

from ... import drafts
from ...forms import FILE_FIELDS
from ...forms.staff import IntakeForm
from ...models import AttachmentKind, Kind
from ...services import case_submit
from ..public import _submission

INTAKE_FILES = {**FILE_FIELDS, "scanned_document": AttachmentKind.OTHER}


@require_http_methods(["GET", "POST"])
@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    organizations = list(request.user.organizations.all())
    org_id, kind = request.GET.get("organization"), request.GET.get("kind")
    organization = next((o for o in organizations if str(o.pk) == org_id), None)
    if organization is None or kind not in Kind.values:
        return render(request, "staff/intake_start.html", {"organizations": organizations, "kinds": Kind.choices})
    draft = drafts.draft_load(request, f"intake:{organization.pk}:{kind}")
    form = IntakeForm(organization=organization, kind=Kind(kind))
    if request.method == "POST":
        drafts.draft_update_from_post(request, draft)
        form = IntakeForm(request.POST, request.FILES, organization=organization, kind=Kind(kind))
        valid = form.is_valid()
        drafts.draft_stage_files(
            request,
            draft,
            form.uploaded_files_with(INTAKE_FILES),
            INTAKE_FILES,
            form.cleaned_data.get("id_document_type", ""),
        )
        drafts.draft_save(request, draft)
        if valid:
            case = case_submit(
                organization=organization,
                submission=_submission(form),
                staged_uploads=drafts.draft_staged_uploads(request, draft),
                channel=form.cleaned_data["channel"],
                received_at=form.cleaned_data["received_at"],
                actor=request.user,
            )
            drafts.draft_clear(request, draft.key)
            audit_record(request=request, action="create", case=case)
            messages.success(request, _("The case %(reference)s has been entered.") % {"reference": case.reference})
            return redirect("staff:case", case_id=case.pk)
    return render(
        request,
        "staff/intake.html",
        {
            "form": form,
            "organization": organization,
            "kind": Kind(kind),
            "staged_uploads": drafts.draft_staged_uploads(request, draft),
        },
    )
