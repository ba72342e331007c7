"""Reports for supervisors of their own desks: the page, each table as CSV, the workbook, the review PDF; and
the clerk's themes on complaints."""

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from privacydesk.accounts.decorators import staff_required, supervisor_required
from privacydesk.accounts.models import User
from privacydesk.cases.choices import Kind
from privacydesk.cases.selectors.staff import cases_visible_to
from privacydesk.organizations.models import Organization

from .charts import report_charts
from .exports import report_xlsx, review_pdf, table_csv
from .forms import ComplaintThemesForm, ReportForm
from .selectors import LIST_LIMIT, Report, report_compute
from .services import complaint_themes_set
from .tables import report_sections, report_table


def _form(request: HttpRequest) -> ReportForm:
    organizations = Organization.objects.filter(staff=_user(request)).order_by("pk")
    return ReportForm(request.GET or None, organizations=organizations, today=timezone.localdate())


def _user(request: HttpRequest) -> User:
    """The signed-in member of staff (every view here is behind ``staff_required`` or ``supervisor_required``)."""
    return cast(User, request.user)


def _report(form: ReportForm) -> Report | None:
    """The report the form asks for (this month of all the reader's desks when it asks nothing); None if invalid."""
    if not form.is_bound:
        return report_compute(organizations=list(form.desks_offered()), period=form.default_period())
    if not form.is_valid():
        return None
    desks = list(form.cleaned_data["desks"]) or list(form.desks_offered())
    return report_compute(organizations=desks, period=form.chosen_period())


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _stem(report: Report) -> str:
    return f"report-{report.period.first:%Y%m%d}-{report.period.last:%Y%m%d}"


@supervisor_required
def report_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    report = _report(form)
    context: dict[str, object] = {"form": form, "report": report, "query": request.GET.urlencode()}
    if report is not None:
        sections = report_sections(report, limit=LIST_LIMIT)
        context.update(sections=sections, charts=report_charts(sections))
    return render(request, "reports/page.html", context)


@supervisor_required
def report_csv(request: HttpRequest, key: str) -> HttpResponse:
    report = _report(_form(request))
    table = report_table(report, key) if report else None
    if report is None or table is None:
        raise Http404
    return _file(table_csv(report, table), f"{_stem(report)}-{key}.csv", "text/csv; charset=utf-8")


@supervisor_required
def report_workbook(request: HttpRequest) -> HttpResponse:
    report = _report(_form(request))
    if report is None:
        raise Http404
    content = report_xlsx(report, report_sections(report))
    return _file(content, f"{_stem(report)}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@supervisor_required
def report_review(request: HttpRequest) -> HttpResponse:
    report = _report(_form(request))
    if report is None:
        raise Http404
    sections = report_sections(report, limit=LIST_LIMIT)
    content = review_pdf(report, sections, report_charts(sections), get_language())
    return _file(content, f"{_stem(report)}-review.pdf", "application/pdf")


@staff_required
def complaint_themes(request: HttpRequest) -> HttpResponse:
    """Staff give complaints their themes (counted in the reports); the latest complaints with theirs."""
    complaints = cases_visible_to(_user(request)).filter(kind=Kind.COMPLAINT)
    form = ComplaintThemesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = complaints.filter(reference=form.cleaned_data["reference"].strip()).first()
        if case is None:
            form.add_error("reference", _("No complaint of your desks has this reference number."))
        else:
            complaint_themes_set(case=case, names=form.cleaned_data["themes"])
            messages.success(request, _("The themes of %(reference)s were saved.") % {"reference": case.reference})
            return redirect("staff:report_themes")
    latest = complaints.order_by("-received_at").prefetch_related("report_tags")[:50]
    return render(request, "reports/themes.html", {"form": form, "complaints": latest})
