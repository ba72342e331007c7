"""Public pages: the procedure guide and the FAQ of a desk, and the site's cookie page. No login."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from privacydesk.cases.models import Kind
from privacydesk.organizations.selectors import organization_get_public

from .selectors import cookies_set_by_privacydesk, faq_list_public, guide_build


def guide(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    return render(
        request,
        "guides/guide.html",
        {"organization": organization, "guide": guide_build(organization=organization), "kinds": Kind},
    )


def faq(request: HttpRequest, org: str) -> HttpResponse:
    organization = organization_get_public(slug=org)
    language = (translation.get_language() or "ja")[:2]
    return render(
        request,
        "guides/faq.html",
        {"organization": organization, "entries": faq_list_public(organization=organization), "language": language},
    )


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "guides/cookies.html", {"cookies": cookies_set_by_privacydesk()})
