"""The queue: filters, search, counts per status, pagination, CSV export. A constant number of queries."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from privacydesk.accounts.decorators import staff_required
from privacydesk.audit.services import audit_record
from privacydesk.core.csv import spreadsheet_lines

from ...forms.staff import QueueFilterForm
from ...selectors.staff import QueueFilters, queue_cases, queue_rows, queue_status_counts, staff_of_organizations
from ...workflow import OPEN_STATUSES, Status

PAGE_SIZE = 25


def _filter_form(request: HttpRequest) -> QueueFilterForm:
    organizations = list(request.user.organizations.all())
    return QueueFilterForm(
        request.GET or None, organizations=organizations, staff=list(staff_of_organizations(user=request.user))
    )


def _only_org_and_status(filters: QueueFilters) -> bool:
    return not any([filters.kind, filters.request_type, filters.channel, filters.assignee, filters.due, filters.q])


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.filters()
    counts = queue_status_counts(user=request.user, organization=filters.organization)
    paginator = Paginator(queue_cases(user=request.user, filters=filters), PAGE_SIZE)
    if _only_org_and_status(filters):  # the counts already tell the total: skip a COUNT(*)
        if filters.status == "open":
            paginator.count = sum(counts[s] for s in OPEN_STATUSES)
        elif filters.status in counts:
            paginator.count = counts[filters.status]
        else:
            paginator.count = sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/queue.html",
        {
            "form": form,
            "page": page,
            "rows": queue_rows(page.object_list),
            "counts": [(Status(s), n) for s, n in counts.items()],
            "open_count": sum(counts[s] for s in OPEN_STATUSES),
            "total_count": sum(counts.values()),
            "query": query.urlencode(),
            "now": timezone.now(),
            "current_status": filters.status,
        },
    )


@staff_required
def queue_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered queue as CSV that Excel in Japan opens correctly: UTF-8 with a BOM, no formulas."""
    filters = _filter_form(request).filters()
    cases = queue_cases(user=request.user, filters=filters).prefetch_related("requests")
    audit_record(request=request, action="export", detail={"filters": request.GET.dict()})
    header = [
        _("Reference number"), _("Organisation"), _("Kind"), _("Request types"), _("Status"), _("Channel"),
        _("Date of arrival"), _("Response deadline"), _("Name"), _("Furigana"), _("E-mail"), _("Telephone"), _("Assignee"),
    ]  # fmt: skip

    def rows():
        yield header
        for case in cases.iterator(chunk_size=500):
            yield [
                case.reference,
                case.organization.name,
                case.get_kind_display(),
                " / ".join(r.get_request_type_display() for r in case.requests.all()),
                case.get_status_display(),
                case.get_channel_display(),
                timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(case.due_at).strftime("%Y-%m-%d") if case.due_at else "",
                case.name,
                case.furigana,
                case.email,
                case.phone_display,
                case.assignee.get_username() if case.assignee else "",
            ]

    response = StreamingHttpResponse(spreadsheet_lines(rows()), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="privacydesk-queue-{stamp}.csv"'
    return response
