"""Public pages: the current policy, any published version, comparison, print/PDF and the public notice."""

from django.http import Http404, HttpRequest, HttpResponse


def policy_current(request: HttpRequest, org: str) -> HttpResponse:
    raise Http404


def policy_version(request: HttpRequest, org: str, number: int) -> HttpResponse:
    raise Http404


def policy_compare(request: HttpRequest, org: str) -> HttpResponse:
    raise Http404


def policy_print(request: HttpRequest, org: str, number: int) -> HttpResponse:
    raise Http404


def policy_pdf(request: HttpRequest, org: str, number: int) -> HttpResponse:
    raise Http404


def notice(request: HttpRequest, org: str) -> HttpResponse:
    raise Http404
