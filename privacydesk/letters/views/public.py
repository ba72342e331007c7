"""Letters for requesters, no login: the blank request form to print, and a reply downloaded from the
tracking page (behind the same tracking-link check as the tracking page itself)."""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from privacydesk.audit.services import audit_record
from privacydesk.cases.tracking import tracked_case, tracking_limited
from privacydesk.organizations.selectors import organization_get_public

from ..models import LetterStatus
from ..rendering import request_form_to_pdf


def request_form(request: HttpRequest, org: str) -> HttpResponse:
    """The blank request form (開示等請求書) of a desk, to print, post or FAX."""
    organization = organization_get_public(slug=org)
    return render(request, "letters/request_form.html", {"organization": organization})


def request_form_pdf(request: HttpRequest, org: str) -> HttpResponse:
    """The same form as a PDF, rendered once per desk, language and change of the desk's settings."""
    organization = organization_get_public(slug=org)
    language = translation.get_language()
    key = f"request-form:{organization.pk}:{language}:{organization.updated_at.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string(
            "letters/request_form.html", {"organization": organization, "for_pdf": True}, request=request
        )
        pdf = request_form_to_pdf(html)
        cache.set(key, pdf, 24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="request-form-{organization.slug}-{language}.pdf"'
    return response


def track_letter(
    request: HttpRequest, org: str, reference: str, token: str, letter_id: int
) -> HttpResponse | FileResponse:
    """A letter delivered electronically, downloaded from the tracking page; every download is audited."""
    organization = organization_get_public(slug=org)
    case = tracked_case(request, organization=organization, reference=reference, token=token)
    if case is None:
        return tracking_limited(request, organization=organization)
    letter = case.letters.filter(pk=letter_id, status=LetterStatus.DELIVERED).exclude(pdf="").first()
    if letter is None:
        raise Http404
    audit_record(request=request, action="download", case=case, detail={"letter": letter.pk, "by": "requester"})
    response = FileResponse(
        letter.pdf.open(),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{case.reference}-{letter.kind}.pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
