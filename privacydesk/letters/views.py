"""Letters at the staff desk: write, preview, submit, approve, regenerate, download; today's mail."""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record
from privacydesk.core.csv import spreadsheet_writer
from privacydesk.core.errors import ActionRefused

from . import services
from .forms import LetterForm, PostedForm
from .models import Letter, LetterBatch, LetterKind
from .rendering import letter_section


def _letter(request, letter_id: int) -> Letter:
    from privacydesk.cases.selectors.staff import cases_visible_to

    letter = (
        Letter.objects.select_related("case__organization")
        .filter(pk=letter_id, case__in=cases_visible_to(request.user))
        .first()
    )
    if letter is None:
        raise Http404
    return letter


def _refusable(request, action, letter_id):
    try:
        return action()
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return None


@require_POST
@staff_required
def letter_new(request, case_id: int):
    from privacydesk.cases.selectors.case_page import case_page_context
    from privacydesk.cases.selectors.staff import case_get_for_staff
    from privacydesk.cases.services.staff import case_letter_draft
    from privacydesk.cases.services.versions import StaleCase, seen_version

    case = case_get_for_staff(user=request.user, case_id=case_id)
    form = LetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of letter."))
        return redirect("staff:case", case_id=case.pk)
    version = seen_version(request.POST.get("version"))
    try:
        letter = case_letter_draft(case_id=case.pk, actor=request.user, version=version, **form.cleaned_data)
    except StaleCase as stale:  # what was typed is shown again, on the case as it is now
        messages.error(request, stale.message)
        fresh = case_get_for_staff(user=request.user, case_id=case.pk)
        context = case_page_context(case=fresh, user=request.user, bound={"letter": form})
        return render(request, "staff/case.html", context, status=409)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        letter = None
    if letter is None:
        return redirect("staff:case", case_id=case.pk)
    audit_record(request=request, action="change", case=case, detail={"what": "letter", "letter": letter.pk})
    return redirect("staff:letter_preview", letter_id=letter.pk)


@staff_required
def letter_preview(request, letter_id: int):
    letter = _letter(request, letter_id)
    audit_record(request=request, action="view_case", case=letter.case, detail={"letter": letter.pk, "preview": True})
    return render(request, "staff/letter_preview.html", {"letter": letter, "section": letter_section(letter)})


@require_POST
@staff_required
def letter_submit(request, letter_id: int):
    letter = _letter(request, letter_id)
    if _refusable(request, lambda: services.letter_submit(letter_id=letter.pk, actor=request.user), letter_id):
        if letter.needs_approval:
            messages.success(request, _("The letter has been submitted to the supervisor for approval."))
        else:
            messages.success(request, _("The letter is being produced."))
    return redirect("staff:case", case_id=letter.case_id)


@require_POST
@staff_required
def letter_approve(request, letter_id: int):
    letter = _letter(request, letter_id)
    if _refusable(request, lambda: services.letter_approve(letter_id=letter.pk, actor=request.user), letter_id):
        messages.success(request, _("The letter has been approved; it is being produced."))
    return redirect("staff:case", case_id=letter.case_id)


@require_POST
@staff_required
def letter_regenerate(request, letter_id: int):
    letter = _letter(request, letter_id)
    new = _refusable(request, lambda: services.letter_regenerate(letter_id=letter.pk, actor=request.user), letter_id)
    return redirect("staff:letter_preview", letter_id=new.pk) if new else redirect("staff:case", case_id=letter.case_id)


@staff_required
def letter_pdf(request, letter_id: int):
    letter = _letter(request, letter_id)
    if not letter.pdf:
        raise Http404
    audit_record(
        request=request, action="download", case=letter.case, detail={"letter": letter.pk, "sha256": letter.sha256}
    )
    return _pdf_response(letter.pdf, f"{letter.case.reference}-{letter.kind}-v{letter.version}.pdf")


def _pdf_response(field, filename: str) -> FileResponse:
    response = FileResponse(field.open(), content_type="application/pdf", as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"
    return response


def _todays_mail(request):
    from privacydesk.cases.selectors.staff import cases_visible_to

    return services.todays_mail().filter(case__in=cases_visible_to(request.user))


@staff_required
def mail_today(request):
    letters = list(_todays_mail(request))
    batches = LetterBatch.objects.filter(created_by=request.user).order_by("-created_at")[:5]
    # Ticked in advance: only the letters that were printed (a finished print file or their own PDF).
    in_done_batch = Letter.objects.filter(pk__in=[x.pk for x in letters], batches__status=LetterBatch.Status.DONE)
    printed = set(in_done_batch.values_list("pk", flat=True)) | {x.pk for x in letters if x.generated_at}
    return render(
        request,
        "staff/mail.html",
        {
            "letters": letters,
            "printed": printed,
            "batches": batches,
            "posted_form": PostedForm(initial={"posted_on": timezone.localdate(), "service": "ordinary"}),
        },
    )


@require_POST
@staff_required
def batch_new(request):
    letters = list(_todays_mail(request))
    if not letters:
        messages.info(request, _("There is no letter to print."))
        return redirect("staff:mail")
    batch = services.batch_create(actor=request.user, letters=letters)
    return redirect("staff:batch", batch_id=batch.pk)


@staff_required
def batch_status(request, batch_id: int):
    batch = get_object_or_404(LetterBatch, pk=batch_id, created_by=request.user)
    return render(request, "staff/batch.html", {"batch": batch})


@staff_required
def batch_pdf(request, batch_id: int):
    batch = get_object_or_404(LetterBatch, pk=batch_id, created_by=request.user, status=LetterBatch.Status.DONE)
    audit_record(request=request, action="download", detail={"batch": batch.pk, "letters": batch.total})
    return _pdf_response(batch.pdf, f"todays-mail-{batch.pk}.pdf")


@staff_required
def mailing_list(request):
    """The list for the post office counter (UTF-8 with BOM, for Excel in Japan)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mailing-list-{timezone.localdate():%Y%m%d}.csv"'
    writer = spreadsheet_writer(response)
    writer.writerow(
        [_("Document number"), _("Postal code"), _("Address"), _("Name"), _("Reference number"), _("Organisation")]
    )
    for letter in _todays_mail(request):
        case = letter.case
        agent = case.has_agent and case.agent_address
        writer.writerow([
            f"{case.organization.letter_number_prefix}第{letter.number}号",
            case.agent_postal_code if agent else case.postal_code,
            case.agent_address if agent else case.address,
            case.agent_name if agent else case.name,
            case.reference,
            case.organization.name,
        ])  # fmt: skip
    audit_record(request=request, action="export", detail={"what": "mailing list"})
    return response


@require_POST
@staff_required
def mark_posted(request):
    form = PostedForm(request.POST)
    ids = [int(i) for i in request.POST.getlist("letter") if i.isdigit()]
    allowed = set(_todays_mail(request).filter(pk__in=ids).values_list("pk", flat=True))
    if not form.is_valid() or not allowed:
        messages.error(request, _("Choose the letters you posted, the date and the postal service."))
        return redirect("staff:mail")
    tracking = {pk: request.POST.get(f"tracking-{pk}", "").strip()[:40] for pk in allowed}
    count = services.letters_mark_posted(
        letter_ids=list(allowed),
        actor=request.user,
        posted_on=form.cleaned_data["posted_on"],
        service=form.cleaned_data["service"],
        tracking_numbers=tracking,
    )
    messages.success(
        request,
        ngettext("%(count)d letter marked as posted.", "%(count)d letters marked as posted.", count) % {"count": count},
    )
    return redirect("staff:mail")


class LetterTextForm(forms.Form):
    opening = forms.CharField(
        label=gettext_lazy("Opening paragraph"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=gettext_lazy("Plain text. Leave empty to use the standard wording."),
    )
    closing = forms.CharField(
        label=gettext_lazy("Closing paragraph"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


@staff_required
def letter_texts(request):
    """Supervisors adjust the free-text parts of each kind of letter, per organisation and language."""
    from django.core.exceptions import PermissionDenied

    from .models import LetterText

    if not request.user.is_supervisor:
        raise PermissionDenied
    organizations = list(request.user.organizations.all())
    org = next(
        (o for o in organizations if str(o.pk) == request.GET.get("organization")),
        organizations[0] if organizations else None,
    )
    kind = request.GET.get("kind") if request.GET.get("kind") in LetterKind.values else LetterKind.ACKNOWLEDGEMENT
    language = request.GET.get("language") if request.GET.get("language") in ("ja", "en") else "ja"
    if org is None:
        raise Http404
    existing = LetterText.objects.filter(organization=org, kind=kind, language=language).first()
    form = LetterTextForm(
        request.POST or None,
        initial={"opening": existing.opening if existing else "", "closing": existing.closing if existing else ""},
    )
    if request.method == "POST" and form.is_valid():
        services.letter_text_save(
            organization=org, kind=kind, language=language, actor=request.user, **form.cleaned_data
        )
        audit_record(
            request=request,
            action="change",
            detail={"what": "letter text", "kind": kind, "language": language, "organization": org.slug},
        )
        messages.success(request, _("The wording has been saved. New letters use it."))
        return redirect(f"{request.path}?organization={org.pk}&kind={kind}&language={language}")
    return render(
        request,
        "staff/letter_texts.html",
        {
            "form": form,
            "organizations": organizations,
            "org": org,
            "kind": kind,
            "language": language,
            "kinds": LetterKind.choices,
        },
    )


def request_form(request, org: str):
    """The blank request form (開示等請求書) of a desk, to print, post or FAX."""
    from privacydesk.organizations.selectors import organization_get_public

    organization = organization_get_public(slug=org)
    return render(request, "letters/request_form.html", {"organization": organization})


def request_form_pdf(request, org: str):
    """The same form as a PDF, rendered once per desk, language and change of the desk's settings."""
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import CSS, HTML

    from privacydesk.organizations.selectors import organization_get_public

    from .rendering import REQUEST_FORM_CSS

    organization = organization_get_public(slug=org)
    language = translation.get_language()
    key = f"request-form:{organization.pk}:{language}:{organization.updated_at.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string(
            "letters/request_form.html", {"organization": organization, "for_pdf": True}, request=request
        )
        pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=REQUEST_FORM_CSS)])
        cache.set(key, pdf, 24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="request-form-{organization.slug}-{language}.pdf"'
    return response
