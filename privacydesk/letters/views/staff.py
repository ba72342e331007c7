"""Letters at the staff desk: write, preview, submit, approve, regenerate, download; today's mail, and trying
again what could not be produced."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record
from privacydesk.cases.selectors.case_page import case_page_context
from privacydesk.cases.selectors.staff import case_get_for_staff, cases_visible_to
from privacydesk.cases.services.versions import StaleCase, seen_version
from privacydesk.core.csv import spreadsheet_writer
from privacydesk.core.errors import ActionRefused

from .. import services
from ..forms import LetterForm, LetterTextForm, PostedForm
from ..models import Letter, LetterBatch, LetterKind, LetterText
from ..rendering import letter_section
from ..selectors import batches_failed, batches_visible_to, letters_failed, todays_mail


def _letter(request, letter_id: int) -> Letter:
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
    case = case_get_for_staff(user=request.user, case_id=case_id)
    form = LetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the kind of letter."))
        return redirect("staff:case", case_id=case.pk)
    version = seen_version(request.POST.get("version"))
    try:
        letter = services.letter_write(case_id=case.pk, actor=request.user, version=version, **form.cleaned_data)
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
    return todays_mail(user=request.user)


@staff_required
def mail_today(request):
    letters = list(_todays_mail(request))
    batches = LetterBatch.objects.filter(created_by=request.user).order_by("-created_at")[:5]
    # Ticked in advance: only the letters that were printed (a finished print file or their own PDF).
    in_done_batch = Letter.objects.filter(pk__in=[x.pk for x in letters], batches__status=LetterBatch.Status.DONE)
    printed = set(in_done_batch.values_list("pk", flat=True)) | {x.pk for x in letters if x.generated_at}
    supervisor = request.user.is_supervisor  # what could not be produced, for the person who can try it again
    return render(
        request,
        "staff/mail.html",
        {
            "letters": letters,
            "printed": printed,
            "batches": batches,
            "posted_form": PostedForm(initial={"posted_on": timezone.localdate(), "service": "ordinary"}),
            "failed_letters": list(letters_failed(user=request.user)) if supervisor else [],
            "failed_batches": list(batches_failed(user=request.user)) if supervisor else [],
        },
    )


@require_POST
@staff_required
def letter_retry(request, letter_id: int):
    """A supervisor tries again to produce a letter that failed; its attempts start from zero."""
    letter = _letter(request, letter_id)
    if not request.user.is_supervisor:
        raise PermissionDenied
    if _refusable(request, lambda: services.letter_retry(letter_id=letter.pk, actor=request.user), letter_id):
        audit_record(
            request=request, action="change", case=letter.case, detail={"what": "letter retry", "letter": letter.pk}
        )
        messages.success(request, _("The letter is being produced again."))
    return redirect("staff:mail")


@require_POST
@staff_required
def batch_retry(request, batch_id: int):
    """A supervisor tries again to build a print file that failed; it resumes at its first unfinished chunk."""
    batch = get_object_or_404(batches_visible_to(request.user), pk=batch_id)
    if not request.user.is_supervisor:
        raise PermissionDenied
    if _refusable(request, lambda: services.batch_retry(batch_id=batch.pk, actor=request.user), batch_id):
        audit_record(request=request, action="change", detail={"what": "print file retry", "batch": batch.pk})
        messages.success(request, _("The print file is being prepared again."))
    return redirect("staff:mail")


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
        case, recipient = letter.case, letter.recipient
        writer.writerow([
            letter.document_number,
            recipient.postal_code,
            recipient.address,
            recipient.name,
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


@staff_required
def letter_texts(request):
    """Supervisors adjust the free-text parts of each kind of letter, per organisation and language."""
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
