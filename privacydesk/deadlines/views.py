from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record
from privacydesk.cases.forms.staff import ExtensionForm
from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.selectors import organization_get_public

from .selectors import closed_days, dashboard
from .services import deadline_extend


@staff_required
def deadline_dashboard(request):
    return render(request, "staff/dashboard.html", dashboard(user=request.user))


@require_POST
@staff_required
def extend(request, case_id: int):
    from privacydesk.cases.selectors.case_page import case_page_context
    from privacydesk.cases.selectors.staff import case_get_for_staff
    from privacydesk.cases.services.versions import StaleCase, seen_version

    case = case_get_for_staff(user=request.user, case_id=case_id)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            deadline_extend(
                case_id=case.pk,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                version=seen_version(request.POST.get("version")),
            )
        except StaleCase as stale:  # the page was older than the case: shown again as it is now, reason kept
            messages.error(request, stale.message)
            fresh = case_get_for_staff(user=request.user, case_id=case.pk)
            context = case_page_context(case=fresh, user=request.user, bound={"extension": form})
            return render(request, "staff/case.html", context, status=409)
        except ActionRefused as refused:
            messages.error(request, refused.message)
        else:
            audit_record(request=request, action="change", case=case, detail={"what": "extension"})
            messages.success(request, _("The deadline has been extended and the requester has been told."))
            return redirect("staff:case", case_id=case.pk)
    context = case_page_context(case=case, user=request.user, bound={"extension": form})
    return render(request, "staff/case.html", context, status=400)


def public_calendar(request, org: str):
    organization = organization_get_public(slug=org)
    year = timezone.localdate().year
    years = [(y, closed_days(organization=organization, year=y)) for y in (year, year + 1)]
    return render(request, "deadlines/calendar.html", {"organization": organization, "years": years})
