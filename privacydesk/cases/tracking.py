"""The tracking link's check, shared by every page behind it: the case's tracking page here, the letters'
downloads in the letters app (which must not import a view of ours).

Wrong links are counted per reference number and per client address; past the hourly limits every link,
right or wrong, gets the 429 page for a while. Whether the reference exists plays no part in either.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from privacydesk.core.ratelimit import client_address, exceeded, hit
from privacydesk.organizations.models import Organization

from .models import Case
from .references import normalize_reference
from .selectors.public import case_get_for_tracking


def reference_key(organization: Organization, reference: str) -> str:
    """The rate limits' key for a reference number at a desk (the form it is typed in plays no part)."""
    return f"{organization.pk}:{normalize_reference(reference)[:40]}"


def tracked_case(request: HttpRequest, *, organization: Organization, reference: str, token: str) -> Case | None:
    """The case behind a tracking link; 404 for a wrong link; None once this reference number or this
    address has had too many wrong links this hour (answer with ``tracking_limited``)."""
    by_reference, by_address = reference_key(organization, reference), client_address(request)
    if exceeded("track-ref", by_reference, limit=settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR) or exceeded(
        "track-addr", by_address, limit=settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR
    ):
        return None
    try:
        return case_get_for_tracking(organization=organization, reference=reference, token=token)
    except Http404:
        hit("track-ref", by_reference, limit=settings.TRACKING_FAILURES_PER_REFERENCE_PER_HOUR)
        hit("track-addr", by_address, limit=settings.TRACKING_FAILURES_PER_ADDRESS_PER_HOUR)
        raise


def tracking_limited(request: HttpRequest, *, organization: Organization) -> HttpResponse:
    """The 429 page: too many wrong tracking links; try again in an hour."""
    response = render(request, "cases/public/track_limited.html", {"organization": organization}, status=429)
    response["Retry-After"] = "3600"
    return response
