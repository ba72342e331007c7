"""Public pages: the current policy, any published version, comparison, print/PDF and the public notice."""

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from privacydesk.organizations.selectors import organization_get_public

from . import clock, selectors
from .diff import diff_rows, fold_unchanged, has_changes
from .notice import notice_context
from .rendering import LANGUAGE_NAMES, contact_lines, policy_pdf_bytes


def _language() -> str:
    return (translation.get_language() or "ja")[:2]


def _page_context(organization, version, today) -> dict:
    language = _language()
    current = selectors.policy_current(organization=organization, today=today)
    return {
        "organization": organization,
        "rendered": selectors.policy_render(version, language=language) if version else None,
        "version": version,
        "current": current,
        "upcoming": selectors.policy_upcoming(organization=organization, today=today),
        "history": selectors.policy_history(organization=organization),
        "prevailing_code": selectors.prevailing_language(organization),
        "language_names": LANGUAGE_NAMES,
        "today": today,
    }


def policy_current(request: HttpRequest, org: str) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    version = selectors.policy_current(organization=organization, today=today)
    context = _page_context(organization, version, today) | {"is_current_page": True}
    return render(request, "policies/policy.html", context)


def policy_version(request: HttpRequest, org: str, number: int) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    version = selectors.policy_get_public(organization=organization, number=number)
    return render(request, "policies/policy.html", _page_context(organization, version, today))


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def policy_compare(request: HttpRequest, org: str) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    history = selectors.policy_history(organization=organization)
    if not history:
        raise Http404
    if len(history) == 1:  # nothing to compare a single version with: say so and lead to it
        context = {"organization": organization, "history": history, "only": history[0], "comparisons": []}
        return render(request, "policies/compare.html", context)
    by_number = {v.number: v for v in history}
    current = selectors.policy_current(organization=organization, today=today) or history[-1]
    new = by_number.get(_number(request.GET.get("to"))) or current
    old = by_number.get(_number(request.GET.get("from")))
    if old is None:  # by default, a version and the one before it (or after it, for the first one)
        numbers = sorted(by_number)
        index = numbers.index(new.number)
        old = by_number[numbers[index - 1]] if index else new
        if old is new and len(numbers) > 1:
            new = by_number[numbers[1]]
    if old.number > new.number:
        old, new = new, old
    language = _language()
    comparisons = []
    for lang in sorted(("ja", "en"), key=lambda code: code != language):
        if not (old.has_language(lang) or new.has_language(lang)):
            continue
        entry = {"language": lang, "name": LANGUAGE_NAMES[lang], "missing": []}
        for version in (old, new):
            if not version.has_language(lang):
                entry["missing"].append(version)
        if not entry["missing"]:
            rows = diff_rows(selectors.policy_source_text(old, lang), selectors.policy_source_text(new, lang))
            entry.update(rows=fold_unchanged(rows), changed=has_changes(rows))
        comparisons.append(entry)
    context = {
        "organization": organization,
        "history": history,
        "old": old,
        "new": new,
        "comparisons": comparisons,
    }
    return render(request, "policies/compare.html", context)


def _print_context(request, organization, version, language: str, today) -> dict:
    """The print view and the PDF: the text, whether it is the version in force, and the desk's real channels."""
    return {
        "organization": organization,
        "rendered": selectors.policy_render(version, language=language),
        "version": version,
        "current": selectors.policy_current(organization=organization, today=today),
        "today": today,
        "prevailing_code": selectors.prevailing_language(organization),
        "language_names": LANGUAGE_NAMES,
        "contact_lines": contact_lines(organization),
        # Written out in full: on paper, the reader needs the address of the version in force.
        "current_url": request.build_absolute_uri(reverse("policies:current", kwargs={"org": organization.slug})),
    }


def policy_print(request: HttpRequest, org: str, number: int) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    version = selectors.policy_get_public(organization=organization, number=number)
    return render(request, "policies/print.html", _print_context(request, organization, version, _language(), today))


def policy_pdf(request: HttpRequest, org: str, number: int) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    version = selectors.policy_get_public(organization=organization, number=number)
    language = _language()
    context = _print_context(request, organization, version, language, today)
    # A published version never changes, but whether it is in force does, and so may the desk's channels: one
    # rendering per version, language, prevailing language, version in force and desk settings.
    current = context["current"]
    key = ":".join(
        [
            "policy-pdf",
            str(version.pk),
            language,
            context["prevailing_code"],
            str(current.pk if current else 0),
            str(version.effective_date > today),
            str(version.updated_at.timestamp()),
            str(organization.updated_at.timestamp()),
            context["current_url"],
        ]
    )
    pdf = cache.get(key)
    if pdf is None:
        pdf = policy_pdf_bytes(render_to_string("policies/pdf.html", context))
        cache.set(key, pdf, 24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"privacy-policy-{organization.slug}-v{version.number}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def notice(request: HttpRequest, org: str) -> HttpResponse:
    organization, today = organization_get_public(slug=org), clock.today()
    context = notice_context(organization=organization, language=_language(), today=today)
    return render(request, "policies/notice.html", context)
