"""Response headers Django does not set itself, and what the headers of a request tell about the deployment."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .ratelimit import forwarded_for_uncounted_record


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class ForwardedForMiddleware:
    """Notices requests that come through a reverse proxy while ``NUM_PROXIES`` is 0 (the default).

    Then every visitor has the proxy's address and shares one rate-limit budget (``core.ratelimit``). The first
    such request of each process logs a warning and leaves a mark in the cache that ``check --deploy`` reports
    (``core.checks``): system checks run without requests, so the fact is recorded when it happens.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.noticed = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.noticed and not settings.NUM_PROXIES and request.META.get("HTTP_X_FORWARDED_FOR"):
            self.noticed = True
            forwarded_for_uncounted_record(request)
        return self.get_response(request)
