"""Staff pages of the FAQ: list, add, change, move, delete — only for the user's own organisations."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record

from . import services
from .forms import FaqEntryForm
from .selectors import faq_get_for_staff, faq_list_for_staff, faq_organizations_for


def _list_url(organization) -> str:
    return f"{reverse('staff:faq_list')}?organization={organization.pk}"


def _audit(request: HttpRequest, what: str, entry) -> None:
    audit_record(
        request=request,
        action="change",
        detail={"what": what, "faq_entry": entry.pk, "organization": entry.organization.slug},
    )


@staff_required
def faq_list(request: HttpRequest) -> HttpResponse:
    organizations = faq_organizations_for(user=request.user)
    if not organizations:
        raise Http404
    chosen = request.GET.get("organization")
    organization = next((o for o in organizations if str(o.pk) == chosen), organizations[0])
    return render(
        request,
        "guides/staff/faq_list.html",
        {
            "organizations": organizations,
            "organization": organization,
            "entries": faq_list_for_staff(organization=organization),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_required
def faq_add(request: HttpRequest) -> HttpResponse:
    organizations = request.user.organizations.order_by("slug")
    if not organizations.exists():
        raise Http404
    chosen = organizations.filter(pk=request.GET.get("organization") or 0).first() or organizations.first()
    form = FaqEntryForm(request.POST or None, organizations=organizations, initial={"organization": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = services.faq_entry_create(
            organization=data["organization"],
            question_ja=data["question_ja"],
            question_en=data["question_en"],
            answer_ja=data["answer_ja"],
            answer_en=data["answer_en"],
            published=data["published"],
        )
        _audit(request, "faq entry added", entry)
        messages.success(request, _("The FAQ entry has been added."))
        return redirect(_list_url(entry.organization))
    return render(
        request, "guides/staff/faq_form.html", {"form": form, "entry": None}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_required
def faq_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = faq_get_for_staff(user=request.user, entry_id=entry_id)
    form = FaqEntryForm(request.POST or None, instance=entry, organizations=None, fixed_organization=entry.organization)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.FIELDS}
        entry = services.faq_entry_update(entry=entry, **data)
        _audit(request, "faq entry changed", entry)
        messages.success(request, _("The FAQ entry has been saved."))
        return redirect(_list_url(entry.organization))
    return render(
        request, "guides/staff/faq_form.html", {"form": form, "entry": entry}, status=400 if form.errors else 200
    )


@require_POST
@staff_required
def faq_move(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = faq_get_for_staff(user=request.user, entry_id=entry_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest(_("Choose up or down."))
    if services.faq_entry_move(entry=entry, up=direction == "up"):
        _audit(request, "faq entry moved", entry)
    return redirect(f"{_list_url(entry.organization)}#faq-{entry.pk}")


@require_http_methods(["GET", "POST"])
@staff_required
def faq_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = faq_get_for_staff(user=request.user, entry_id=entry_id)
    if request.method == "POST":
        organization = entry.organization
        _audit(request, "faq entry deleted", entry)
        services.faq_entry_delete(entry=entry)
        messages.success(request, _("The FAQ entry has been deleted."))
        return redirect(_list_url(organization))
    return render(request, "guides/staff/faq_delete.html", {"entry": entry})
