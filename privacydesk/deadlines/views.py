"""The deadline dashboard of the staff desk and the desk's public calendar of closed days."""

from django.shortcuts import render
from django.utils import timezone

from privacydesk.accounts.decorators import staff_required
from privacydesk.organizations.selectors import organization_get_public

from .selectors import closed_days, dashboard


@staff_required
def deadline_dashboard(request):
    return render(request, "staff/dashboard.html", dashboard(user=request.user))


def public_calendar(request, org: str):
    organization = organization_get_public(slug=org)
    year = timezone.localdate().year
    years = [(y, closed_days(organization=organization, year=y)) for y in (year, year + 1)]
    return render(request, "deadlines/calendar.html", {"organization": organization, "years": years})
