"""The customer's way in: landing page, forms with a confirmation step, tracking. No login."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from privacydesk.core.normalize import normalize_email
from privacydesk.core.postal import lookup_postal_code
from privacydesk.core.ratelimit import client_address, hit
from privacydesk.organizations.selectors import contact_channels_text, organization_get_public, organization_list_public

from .. import drafts
from ..forms import FILE_FIELDS, CaseForm, TrackingLookupForm, TrackingMessageForm
from ..models import AgentType, AttachmentKind, Kind
from ..notifications import tracking_url
from ..panels import tracking_sections
from ..selectors.public import STATUS_EXPLANATIONS, case_public_timeline, case_requester_needs
from ..services import (
    Agent,
    Requester,
    Submission,
    case_submit,
    requester_message_add,
    tracking_link_resend,
)
from ..tracking import reference_key, tracked_case, tracking_limited


def _kind(value: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        raise Http404 from None


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/public/home.html", {"organizations": organization_list_public()})


def landing(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(request, "cases/public/landing.html", {"organization": organization, "kinds": Kind})


def _draft_key(organization, kind) -> str:
    return f"draft:{organization.slug}:{kind}"


def _file_kinds(agent_type: str) -> dict:
    if agent_type == AgentType.LEGAL:
        return {**FILE_FIELDS, "authority_document": AttachmentKind.PROOF_OF_REPRESENTATION}
    return FILE_FIELDS


def _fill_address(draft: drafts.Draft, target: str) -> bool:
    source = "agent_postal_code" if target == "agent_address" else "postal_code"
    found = lookup_postal_code((draft.data.get(source) or [""])[0])
    if found:
        draft.data[target] = [found.address]
        draft.data[source] = [found.postal_code]
    return bool(found)


@require_http_methods(["GET", "POST"])
def case_form(request: HttpRequest, org: str, kind: str) -> HttpResponse:
    organization, kind = organization_get_public(slug=org), _kind(kind)
    draft = drafts.draft_load(request, _draft_key(organization, kind))
    form = CaseForm(organization=organization, kind=kind, initial=_initial(draft))
    if request.method == "POST":
        drafts.draft_update_from_post(request, draft)
        form = CaseForm(request.POST, request.FILES, organization=organization, kind=kind)
        valid = form.is_valid()
        within_limits = _stage_within_limits(
            request,
            draft,
            form,
            form.uploaded_files(),
            _file_kinds(form.cleaned_data.get("agent_type", "")),
            id_document_type=form.cleaned_data.get("id_document_type", ""),
        )
        valid = valid and within_limits
        drafts.draft_save(request, draft)
        target = request.POST.get("lookup_postal")
        if target in ("address", "agent_address"):
            if not _fill_address(draft, target):
                messages.warning(request, _("We could not find that postal code. Please enter the address yourself."))
            drafts.draft_save(request, draft)
            form = CaseForm(organization=organization, kind=kind, initial=_initial(draft))
        elif valid:
            return redirect("cases:confirm", org=organization.slug, kind=kind)
    return render(
        request,
        "cases/public/form.html",
        {
            "organization": organization,
            "kind": kind,
            "form": form,
            "staged_uploads": drafts.draft_staged_uploads(request, draft),
        },
    )


def _stage_within_limits(request: HttpRequest, draft: drafts.Draft, form, files, kinds, id_document_type="") -> bool:
    """Keep each checked file while the submission stays within the number and total size of files; explain
    next to its field each file that would go over. Files kept earlier and everything typed stay."""
    staged = drafts.draft_staged_uploads(request, draft)
    count, total = len(staged), sum(s.size for s in staged)
    accepted = []
    for name, checked in files:
        if count + 1 > settings.UPLOAD_MAX_FILES:
            form.add_error(name, _("You can send at most %(count)d files.") % {"count": settings.UPLOAD_MAX_FILES})
        elif total + len(checked.content) > settings.UPLOAD_MAX_TOTAL_BYTES:
            form.add_error(
                name,
                _("“%(name)s” was not added: all files together may be at most %(max)s.")
                % {"name": checked.name, "max": filesizeformat(settings.UPLOAD_MAX_TOTAL_BYTES)},
            )
        else:
            accepted.append((name, checked))
            count, total = count + 1, total + len(checked.content)
    drafts.draft_stage_files(request, draft, accepted, kinds, id_document_type=id_document_type)
    return len(accepted) == len(files)


def _initial(draft: drafts.Draft) -> dict:
    multi = {"request_types"}
    return {k: (v if k in multi else (v[0] if v else "")) for k, v in draft.data.items()}


@require_http_methods(["GET", "POST"])
def case_confirm(request: HttpRequest, org: str, kind: str) -> HttpResponse:
    organization, kind = organization_get_public(slug=org), _kind(kind)
    draft = drafts.draft_load(request, _draft_key(organization, kind))
    form = CaseForm(draft.querydict(), organization=organization, kind=kind)
    if not draft.data or not form.is_valid():
        return redirect("cases:form", org=organization.slug, kind=kind)
    staged = drafts.draft_staged_uploads(request, draft)
    if request.method == "POST":
        if request.POST.get("action") == "edit":
            return redirect("cases:form", org=organization.slug, kind=kind)
        if not hit("submit", client_address(request), limit=settings.SUBMISSION_RATE_LIMIT_PER_HOUR):
            channels = contact_channels_text(organization=organization)
            messages.error(
                request,
                _(
                    "We have received many forms from your network in the last hour. Please try again later, or contact the desk another way: %(channels)s"
                )
                % {"channels": channels}
                if channels
                else _("We have received many forms from your network in the last hour. Please try again later."),
            )
        else:
            case = case_submit(
                organization=organization,
                submission=_submission(form),
                staged_uploads=staged,
                submission_key=drafts.draft_submission_key(request, draft),
            )
            drafts.draft_clear(request, draft.key)
            request.session["submitted"] = {"reference": case.reference, "url": tracking_url(case, case.language)}
            return redirect("cases:done", org=organization.slug, kind=kind)
    fee = 0
    if kind == Kind.REQUEST:
        fee = organization.fee_for(form.cleaned_data["request_types"], form.cleaned_data.get("units") or 1)
    return render(
        request,
        "cases/public/confirm.html",
        {"organization": organization, "kind": kind, "rows": form.summary(), "staged_uploads": staged, "fee": fee},
    )


def _submission(form: CaseForm) -> Submission:
    data = form.cleaned_data
    agent = None
    if data.get("agent_type"):
        agent = Agent(
            agent_type=data["agent_type"],
            name=data["agent_name"],
            furigana=data["agent_furigana"],
            relationship=data["agent_relationship"],
            email=data["agent_email"],
            phone=data["agent_phone"],
            postal_code=data["agent_postal_code"],
            address=data["agent_address"],
        )
    return Submission(
        kind=form.kind,
        language=data["language"],
        request_types=data.get("request_types", []),
        subject=data.get("subject", ""),
        message=data.get("message", ""),
        units=data.get("units") or 1,
        reply_method=data.get("reply_method") or "electronic",
        agent=agent,
        requester=Requester(
            name=data["name"],
            furigana=data["furigana"],
            email=data["email"],
            phone=data["phone"],
            postal_code=data["postal_code"],
            address=data["address"],
            date_of_birth=data.get("date_of_birth"),
            customer_number=data["customer_number"],
        ),
    )


def case_done(request: HttpRequest, org: str, kind: str) -> HttpResponse:
    """The reference number and tracking link, shown once: a reload, or the next person at a shared computer,
    gets a page that says where to find them, with neither (and no copy in the browser's cache)."""
    organization, kind = organization_get_public(slug=org), _kind(kind)
    submitted = request.session.pop("submitted", None)
    response = render(
        request, "cases/public/done.html", {"organization": organization, "kind": kind, "submitted": submitted}
    )
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, org: str, reference: str, token: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    case = tracked_case(request, organization=organization, reference=reference, token=token)
    if case is None:
        return tracking_limited(request, organization=organization)
    draft = drafts.draft_load(request, f"track:{case.pk}")
    staged = drafts.draft_staged_uploads(request, draft)
    form = TrackingMessageForm(staged=staged)
    if request.method == "POST":
        drafts.draft_update_from_post(request, draft)
        form = TrackingMessageForm(request.POST, request.FILES, staged=drafts.draft_staged_uploads(request, draft))
        valid = form.is_valid()
        document = form.cleaned_data.get("document") if hasattr(form, "cleaned_data") else None
        if document:
            kind = form.cleaned_data.get("document_kind") or AttachmentKind.OTHER
            valid = _stage_within_limits(request, draft, form, [("document", document)], {"document": kind}) and valid
        drafts.draft_save(request, draft)
        if valid:
            requester_message_add(
                case=case,
                body=form.cleaned_data.get("message", ""),
                staged_uploads=drafts.draft_staged_uploads(request, draft),
            )
            drafts.draft_clear(request, draft.key)
            messages.success(request, _("Thank you. We have received your message."))
            return redirect(request.path)
        staged = drafts.draft_staged_uploads(request, draft)
    attachments = list(case.attachments.all())
    return render(
        request,
        "cases/public/track.html",
        {
            "organization": organization,
            "case": case,
            "status_text": STATUS_EXPLANATIONS[case.status](),
            "needs": case_requester_needs(case=case, attachments=attachments),
            "timeline": case_public_timeline(case=case),
            "attachments": attachments,
            "form": form,
            "staged_uploads": staged,
            "sections": tracking_sections(case),
        },
    )


@require_http_methods(["GET", "POST"])
def track_lookup(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    form = TrackingLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Every attempt counts, per address and per reference number with the e-mail address typed, whether or
        # not such a case exists: strangers who know only the reference number use up their own budget, not the
        # owner's.
        reference, email = form.cleaned_data["reference"], normalize_email(form.cleaned_data["email"])
        by_address = hit("lookup", client_address(request), limit=settings.LOOKUP_RATE_LIMIT_PER_HOUR)
        by_reference = hit(
            "lookup-ref",
            f"{reference_key(organization, reference)}:{email}",
            limit=settings.LOOKUP_RATE_LIMIT_PER_REFERENCE_PER_HOUR,
        )
        if not (by_address and by_reference):
            return tracking_limited(request, organization=organization)
        tracking_link_resend(
            organization=organization,
            reference=form.cleaned_data["reference"],
            email=form.cleaned_data["email"],
        )
        # The same answer whether or not such a case exists.
        messages.info(
            request,
            _(
                "If the reference number and e-mail address match a case, we will send the link to that address within a few minutes. Please check your e-mail."
            ),
        )
        return redirect(reverse("cases:track_lookup", kwargs={"org": organization.slug}))
    return render(request, "cases/public/track_lookup.html", {"organization": organization, "form": form})
