"""Supervisors write, preview, publish and delete policy versions of their organisations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from privacydesk.accounts.decorators import staff_required, supervisor_required
from privacydesk.audit.services import audit_record
from privacydesk.core.errors import ActionRefused
from privacydesk.core.i18n import join_list

from . import clock, selectors, services
from .forms import PolicyDraftForm, PolicySettingForm, PublishForm
from .models import PolicyVersion
from .rendering import LANGUAGE_NAMES


def _organizations(request):
    return list(request.user.organizations.filter(is_active=True).order_by("slug"))


def _organization(request, value: str | None):
    organizations = _organizations(request)
    chosen = next((o for o in organizations if str(o.pk) == (value or "")), None)
    if chosen is None and not value and organizations:
        chosen = organizations[0]
    if chosen is None:
        raise Http404
    return chosen, organizations


def _version(request, version_id: int) -> PolicyVersion:
    """A version of one of the user's organisations (else 404); supervisors only (else 403)."""
    version = (
        PolicyVersion.objects.select_related("organization")
        .filter(pk=version_id, organization__in=request.user.organizations.all())
        .first()
    )
    if version is None:
        raise Http404
    if not request.user.is_supervisor:
        raise PermissionDenied
    return version


def _audit(request, version: PolicyVersion, event: str, **extra) -> None:
    detail = {"what": "privacy policy", "event": event, "organization": version.organization.slug}
    audit_record(request=request, action="change", detail=detail | {"version": version.number} | extra)


@supervisor_required
@require_http_methods(["GET", "POST"])
def policy_list(request: HttpRequest) -> HttpResponse:
    organization, organizations = _organization(request, request.GET.get("organization"))
    setting_form = PolicySettingForm(
        request.POST or None, initial={"prevailing_language": selectors.prevailing_language(organization)}
    )
    if request.method == "POST" and setting_form.is_valid():
        language = setting_form.cleaned_data["prevailing_language"]
        services.policy_setting_save(organization=organization, prevailing_language=language)
        audit_record(
            request=request,
            action="change",
            detail={"what": "privacy policy setting", "organization": organization.slug, "prevailing": language},
        )
        messages.success(request, _("The setting has been saved."))
        return redirect(f"{request.path}?organization={organization.pk}")
    today = clock.today()
    context = {
        "organization": organization,
        "organizations": organizations,
        "versions": selectors.policy_versions_for_staff(organization=organization),
        "current": selectors.policy_current(organization=organization, today=today),
        "setting_form": setting_form,
        "today": today,
    }
    return render(request, "policies/staff/list.html", context)


@supervisor_required
@require_http_methods(["GET", "POST"])
def policy_new(request: HttpRequest) -> HttpResponse:
    """A new draft, prefilled from the version in force (a correction is always a new version)."""
    organization, _all = _organization(request, request.GET.get("organization"))
    base = None
    if not request.GET.get("blank"):
        base = selectors.policy_current(organization=organization, today=clock.today())
        if base is None:
            base = PolicyVersion.objects.filter(organization=organization).order_by("-number").first()
    initial = PolicyDraftForm.initial_from(base) | {"summary_ja": "", "summary_en": ""} if base else {}
    form = PolicyDraftForm(request.POST or None, initial=initial or {"original_language": "ja"})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_draft_create(
                organization=organization, actor=request.user, **form.service_values()
            )
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            _audit(request, version, "draft created")
            messages.success(request, _("The draft has been saved. Check the preview, then publish it."))
            return redirect("staff:policy_preview", version_id=version.pk)
    context = {"form": form, "organization": organization, "version": None, "base": base}
    return render(request, "policies/staff/edit.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    if version.is_published:
        messages.error(request, _("A published version cannot be changed. Write a new version instead."))
        return redirect("staff:policy_preview", version_id=version.pk)
    form = PolicyDraftForm(request.POST or None, initial=PolicyDraftForm.initial_from(version))
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_draft_update(version_id=version.pk, actor=request.user, **form.service_values())
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The draft has been saved. Check the preview, then publish it."))
            return redirect("staff:policy_preview", version_id=version.pk)
    context = {"form": form, "organization": version.organization, "version": version}
    return render(request, "policies/staff/edit.html", context)


def _preview(request, version: PolicyVersion, publish_form: PublishForm, status: int = 200) -> HttpResponse:
    # The preview's own headings are <h2> (one per language): the texts' headings start one level below.
    renderings = [selectors.policy_render(version, language=lang, base_level=3) for lang in version.languages]
    context = {
        "version": version,
        "organization": version.organization,
        "renderings": renderings,
        "publish_form": publish_form,
        "out_of_date": selectors.policy_draft_out_of_date(version),
        "current": selectors.policy_current(organization=version.organization, today=clock.today()),
        "language_names": LANGUAGE_NAMES,
        "prevailing_code": selectors.prevailing_language(version.organization),
        "heading_level": 3,
    }
    return render(request, "policies/staff/preview.html", context, status=status)


@staff_required
def policy_preview(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    # No date filled in: the supervisor chooses it, then confirms what will be public from when.
    return _preview(request, version, PublishForm(today=clock.today()))


@staff_required
@require_POST
def policy_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    """Two steps: the date is checked and a confirmation page says what will be public from when; then publish."""
    version = _version(request, version_id)
    today = clock.today()
    form = PublishForm(request.POST, today=today)
    if form.is_valid():
        effective_date = form.cleaned_data["effective_date"]
        try:
            if request.POST.get("confirm") != "1":
                services.policy_publish_check(version=version, effective_date=effective_date, today=today)
                return _confirm(request, version, effective_date, today)
            version = services.policy_publish(
                version_id=version.pk, actor=request.user, effective_date=effective_date, today=today
            )
        except ActionRefused as refused:
            form.add_error("effective_date", refused.message)
        else:
            _audit(request, version, "published", effective_date=version.effective_date.isoformat())
            messages.success(
                request,
                _("Version %(number)d has been published. It takes effect on %(date)s.")
                % {"number": version.number, "date": formats.date_format(version.effective_date, "DATE_FORMAT")},
            )
            return redirect(f"{_list_url()}?organization={version.organization_id}")
    return _preview(request, version, form, status=400)


def _confirm(request, version: PolicyVersion, effective_date, today) -> HttpResponse:
    context = {
        "version": version,
        "organization": version.organization,
        "effective_date": effective_date,
        "effective_today": effective_date == today,
        "current": selectors.policy_current(organization=version.organization, today=today),
        "languages": join_list(LANGUAGE_NAMES[code] for code in version.languages),
    }
    return render(request, "policies/staff/publish_confirm.html", context)


@staff_required
@require_POST
def policy_delete(request: HttpRequest, version_id: int) -> HttpResponse:
    version = _version(request, version_id)
    try:
        services.policy_draft_delete(version_id=version.pk, actor=request.user)
    except ActionRefused as refused:
        messages.error(request, refused.message)
        return redirect("staff:policy_preview", version_id=version.pk)
    _audit(request, version, "draft deleted")
    messages.success(request, _("The draft has been deleted."))
    return redirect(f"{_list_url()}?organization={version.organization_id}")


def _list_url() -> str:
    return reverse("staff:policy_list")
