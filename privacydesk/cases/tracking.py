"""The tracking link's check, shared by every page behind it: the case's tracking page here, the letters'
downloads in the letters app (which must not import a view of ours).

A right link always opens the page: knowing a reference number is no way to lock its owner out. Wrong links are
counted per reference number and per client address; past the hourly limits a wrong link gets the 429 page.
Whether the reference exists plays no part in either.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from privacydesk.core.ratelimit import client_address, hit
from privacydesk.core.references import normalize_reference
from privacydesk.organizations.models import Organization

from .models import Case
from .selectors.public import case_get_for_tracking


def reference_key(organization: Organization, reference: str) -> str:
    """The rate limits' key for a reference number at a desk (the form it is typed in plays no part)."""
    return f"{organization.pk}:{normalize_reference(reference)[:40]}"


def tracked_case(request: HttpRequest, *, organization: Organization, reference: str, token: str) -> Case | None:
    """The case behind a tracking link, always for the right link. A wrong link is a 404, or None (answer with
    ``tracking_limited``) once this address or this reference number has had too many wrong links in the last
    hour."""
    try:
        return case_get_for_tracking(organization=organization, reference=reference, token=token)
    except Http404:
        by_address = hit("track-addr", client_address(request), limit=settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR)
        by_reference = hit(
            "track-ref",
            reference_key(organization, reference),
            limit=settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR,
        )
        if by_address and by_reference:
            raise
        return None


def tracking_limited(request: HttpRequest, *, organization: Organization) -> HttpResponse:
    """The 429 page: too many wrong tracking links; try again in an hour."""
    response = render(request, "cases/public/track_limited.html", {"organization": organization}, status=429)
    response["Retry-After"] = "3600"
    return response
