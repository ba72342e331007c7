"""Response headers Django does not set itself, and what the headers of a request tell about the deployment."""

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

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


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page with personal data: the staff desk and its sign-in, the Django
    admin, and the requester's own pages (tracking page, letter download, lost-link look-up, the confirmation
    and the page with the reference number and tracking link). Neither the browser (back button, a shared
    computer) nor a proxy keeps a copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        self.private_path = re.compile(rf"^/(?:(?:{languages})/staff/|admin/)")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self._is_private(request):
            patch_cache_control(response, no_store=True)
        return response

    def _is_private(self, request: HttpRequest) -> bool:
        if self.private_path.match(request.path_info):
            return True
        match = getattr(request, "resolver_match", None)
        return match is not None and "cases" in match.namespaces and match.url_name in PRIVATE_PUBLIC_PAGES


# The public pages (namespace ``cases``) that show a requester's own data or their tracking link.
PRIVATE_PUBLIC_PAGES = frozenset({"track", "track_letter", "track_lookup", "confirm", "done"})
