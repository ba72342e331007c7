"""The figures of a report, each from an aggregate query in the database (no loop over cases in Python).

Which cases each section counts:
- arrivals, fees and complaints: cases that arrived (``received_at``) in the period;
- outcomes, lead times and punctuality: cases answered or ended (``closed_at``) in the period;
- open workload: every open case now;
- identity checks, destruction records, letters and postings: what happened in the period.
The number of queries does not depend on the number of cases.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Count,
    Exists,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.aggregates import Aggregate
from django.db.models.functions import Coalesce, Least, TruncMonth
from django.utils import timezone

from privacydesk.accounts.models import User
from privacydesk.cases.choices import OPEN_STATUSES, Decision, EventKind, FeeStatus, Kind, Status
from privacydesk.cases.models import Case, CaseEvent, CaseRequest, FeeRecord, IdentityVerification
from privacydesk.letters.models import Letter, LetterStatus
from privacydesk.organizations.models import Organization
from privacydesk.retention.models import DestructionRecord

from .businessdays import RunningTotals, business_days, local_date, running_totals
from .models import CaseTag
from .periods import Period

ANSWERED = (Status.REPLIED, Status.CLOSED)
ENDED = (Status.REPLIED, Status.CLOSED, Status.WITHDRAWN, Status.REJECTED)
LIST_LIMIT = 100  # rows of a case list on the page and in the PDF (the CSV and the workbook hold them all)


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont``: the median is 0.5, the 90th percentile 0.9."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def _days_between(start: str, end: str) -> Func:
    """Calendar days from the local day of ``start`` to the local day of ``end``."""
    return Func(
        local_date(end), local_date(start), template="(%(expressions)s)", arg_joiner=" - ", output_field=IntegerField()
    )


@dataclass
class Report:
    organizations: list[Organization]
    period: Period
    computed_at: datetime
    arrivals: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    lead_times: dict = field(default_factory=dict)
    punctuality: dict = field(default_factory=dict)
    workload: dict = field(default_factory=dict)
    fees: dict = field(default_factory=dict)
    identity: dict = field(default_factory=dict)
    letters: dict = field(default_factory=dict)
    complaints: dict = field(default_factory=dict)


def _counts(qs, key: str) -> dict[str, int]:
    return {row[key]: row["n"] for row in qs.values(key).annotate(n=Count("pk")).order_by(key)}


def arrivals(cases, period: Period) -> dict:
    arrived = cases.filter(received_at__gte=period.start, received_at__lt=period.end)
    per_month = {month: dict.fromkeys(Kind.values, 0) for month in period.months()}
    monthly = (
        arrived.annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in monthly:
        per_month[row["month"].date() if isinstance(row["month"], datetime) else row["month"]][row["kind"]] = row["n"]
    return {
        "total": sum(sum(kinds.values()) for kinds in per_month.values()),
        "kind": _counts(arrived, "kind"),
        "channel": _counts(arrived, "channel"),
        "jurisdiction": _counts(arrived, "jurisdiction"),
        "request_type": _counts(CaseRequest.objects.filter(case__in=arrived), "request_type"),
        "per_month": per_month,
    }


def _ended_requests(cases, period: Period):
    return CaseRequest.objects.filter(
        case__in=cases, case__status__in=ENDED, case__closed_at__gte=period.start, case__closed_at__lt=period.end
    )


def outcomes(cases, period: Period) -> dict:
    requests = _ended_requests(cases, period)
    withdrawn, rejected = Q(case__status=Status.WITHDRAWN), Q(case__status=Status.REJECTED)
    decided = ~withdrawn & ~rejected
    rows = (
        requests.values("request_type")
        .annotate(
            granted=Count("pk", filter=decided & Q(decision=Decision.GRANTED)),
            partial=Count("pk", filter=decided & Q(decision=Decision.PARTIAL)),
            refused=Count("pk", filter=decided & Q(decision=Decision.REFUSED)),
            no_data=Count("pk", filter=decided & Q(decision=Decision.NO_DATA)),
            undecided=Count("pk", filter=decided & Q(decision=Decision.PENDING)),
            withdrawn=Count("pk", filter=withdrawn),
            rejected=Count("pk", filter=rejected),
            total=Count("pk"),
        )
        .order_by("request_type")
    )
    grounds = (
        requests.filter(~withdrawn & ~rejected, decision__in=[Decision.REFUSED, Decision.PARTIAL])
        .values("request_type", "decision", "legal_ground")
        .annotate(n=Count("pk"))
        .order_by("request_type", "decision", "legal_ground")
    )
    return {"by_right": list(rows), "grounds": list(grounds)}


def _calendars(organizations, answered, period: Period) -> dict[int, RunningTotals]:
    """Each desk's running totals from the earliest arrival among the answered cases to the period's end."""
    first = answered.aggregate(first=Min(local_date("received_at")))["first"]
    if first is None:
        return {}
    return {org.pk: running_totals(org, min(first, period.first), period.last) for org in organizations}


def lead_times(cases, organizations, period: Period) -> dict:
    """Arrival to reply (the case left the open statuses as replied or closed), per right and for all cases."""
    answered = cases.filter(status__in=ANSWERED, closed_at__gte=period.start, closed_at__lt=period.end)
    calendars = _calendars(organizations, answered, period)

    def figures(prefix: str) -> dict:
        calendar_days = _days_between(f"{prefix}received_at", f"{prefix}closed_at")
        work_days: Expression
        if calendars:
            work_days = business_days(
                start=f"{prefix}received_at",
                end=f"{prefix}closed_at",
                organization_field=f"{prefix}organization_id",
                calendars=calendars,
            )
        else:
            work_days = Value(None, output_field=IntegerField())
        return {
            "n": Count("pk"),
            "median_days": Percentile(calendar_days, 0.5),
            "p90_days": Percentile(calendar_days, 0.9),
            "median_business_days": Percentile(work_days, 0.5),
            "p90_business_days": Percentile(work_days, 0.9),
        }

    per_right = (
        CaseRequest.objects.filter(case__in=answered)
        .values("request_type")
        .annotate(**figures("case__"))
        .order_by("request_type")
    )
    overall = answered.aggregate(**figures(""))
    histogram = answered.annotate(days=_days_between("received_at", "closed_at")).aggregate(
        **{f"b{i}": Count("pk", filter=Q(days__gte=low, days__lte=high)) for i, (low, high) in enumerate(BUCKETS)}
    )
    return {
        "by_right": list(per_right),
        "all": overall,
        "histogram": [histogram[f"b{i}"] for i in range(len(BUCKETS))],
        "calendars": calendars,
    }


# Lead-time distribution, calendar days: 0–7, 8–14, 15–30, 31–60, 61 and more.
BUCKETS = ((0, 7), (8, 14), (15, 30), (31, 60), (61, 100_000))


def punctuality(cases, period: Period, calendars: dict[int, RunningTotals]) -> dict:
    """Answered in the period against each case's own deadline (as the case holds it now)."""
    answered = cases.filter(
        status__in=ANSWERED, closed_at__gte=period.start, closed_at__lt=period.end, due_at__isnull=False
    )
    rows = (
        answered.values("kind")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(closed_at__lte=F("due_at"))))
        .order_by("kind")
    )
    paused = CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.DEADLINE, data__what="paused")
    late = (
        answered.filter(closed_at__gt=F("due_at"))
        .annotate(
            days_late=_days_between("due_at", "closed_at"),
            was_paused=Exists(paused),
            business_days_late=(
                business_days(
                    start="due_at", end="closed_at", organization_field="organization_id", calendars=calendars
                )
                if calendars
                else Value(None, output_field=IntegerField())
            ),
        )
        .order_by("-days_late", "received_at")
        .values(
            "pk",
            "reference",
            "kind",
            "received_at",
            "due_at",
            "closed_at",
            "days_late",
            "business_days_late",
            "was_paused",
            "extended_at",
            "extension_reason",
        )
    )
    return {"by_kind": list(rows), "late": late}


def workload(cases, now: datetime) -> dict:
    open_cases = cases.filter(status__in=OPEN_STATUSES)
    by_status = (
        open_cases.values("status")
        .annotate(n=Count("pk"), oldest=Min("received_at"), overdue=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("oldest")
    )
    by_assignee = (
        open_cases.values("assignee_id", "assignee__username", "assignee__first_name", "assignee__last_name")
        .annotate(n=Count("pk"), oldest=Min("received_at"), overdue=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("oldest")
    )
    waiting = (
        open_cases.filter(status=Status.AWAITING_REQUESTER)
        .order_by("received_at")
        .values("pk", "reference", "kind", "received_at", "clock_paused_at", "due_at")
    )
    return {"by_status": list(by_status), "by_assignee": list(by_assignee), "waiting": waiting}


def fees(cases, period: Period) -> dict:
    """Fees of the cases that arrived in the period: charged, received, waived, still owed; payments by method."""
    arrived = cases.filter(received_at__gte=period.start, received_at__lt=period.end, fee_amount__gt=0)
    payments = FeeRecord.objects.filter(case__in=arrived, kind=FeeRecord.Kind.PAYMENT)
    paid = Subquery(
        payments.filter(case=OuterRef("pk")).values("case").annotate(s=Sum("amount")).values("s"),
        output_field=IntegerField(),
    )
    totals = arrived.annotate(paid=Coalesce(paid, 0)).aggregate(
        charged_cases=Count("pk"),
        charged=Coalesce(Sum("fee_amount"), 0),
        received=Coalesce(Sum("paid"), 0),
        waived_cases=Count("pk", filter=Q(fee_status=FeeStatus.WAIVED)),
        waived=Coalesce(Sum(F("fee_amount") - F("paid"), filter=Q(fee_status=FeeStatus.WAIVED)), 0),
        outstanding_cases=Count("pk", filter=Q(fee_status=FeeStatus.DUE)),
        outstanding=Coalesce(Sum(F("fee_amount") - F("paid"), filter=Q(fee_status=FeeStatus.DUE)), 0),
    )
    by_method = payments.values("method").annotate(n=Count("pk"), amount=Sum("amount")).order_by("method")
    return {**totals, "by_method": list(by_method)}


def identity(cases, organization_ids: list[int], period: Period) -> dict:
    checks = (
        IdentityVerification.objects.filter(case__in=cases, verified_at__gte=period.start, verified_at__lt=period.end)
        .values("method")
        .annotate(
            verified=Count("pk", filter=Q(result=IdentityVerification.Result.VERIFIED)),
            failed=Count("pk", filter=Q(result=IdentityVerification.Result.FAILED)),
        )
        .order_by("method")
    )
    destroyed = (
        DestructionRecord.objects.filter(organization_id__in=organization_ids, at__gte=period.start, at__lt=period.end)
        .values("data_kind", "action")
        .annotate(n=Count("pk"))
        .order_by("data_kind", "action")
    )
    return {"checks": list(checks), "destroyed": list(destroyed)}


def letters(cases, period: Period) -> dict:
    sent = (
        Letter.objects.filter(
            case__in=cases,
            status__in=[LetterStatus.POSTED, LetterStatus.DELIVERED],
            letter_date__gte=period.first,
            letter_date__lte=period.last,
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    posted = (
        Letter.objects.filter(case__in=cases, posted_on__gte=period.first, posted_on__lte=period.last)
        .values("postal_service")
        .annotate(n=Count("pk"))
        .order_by("postal_service")
    )
    return {"by_kind": list(sent), "posted": list(posted)}


def complaints(cases, period: Period) -> dict:
    """Complaints that arrived in the period, their themes, and the time to the first answer (calendar days).

    The first answer is the first message from the desk or, failing one, the reply that ended the case.
    """
    arrived = cases.filter(kind=Kind.COMPLAINT, received_at__gte=period.start, received_at__lt=period.end)
    first_message = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=EventKind.MESSAGE_OUT)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    answered = arrived.annotate(first_answer=Least(Subquery(first_message), F("closed_at")))
    days = _days_between("received_at", "first_answer")
    figures = answered.aggregate(
        n=Count("pk"),
        answered=Count("pk", filter=Q(first_answer__isnull=False)),
        median_days=Percentile(days, 0.5),
        p90_days=Percentile(days, 0.9),
    )
    themes = CaseTag.objects.filter(cases__in=arrived).values("name").annotate(n=Count("cases")).order_by("-n", "name")
    untagged = arrived.filter(report_tags__isnull=True).count()
    return {**figures, "themes": list(themes), "untagged": untagged}


def report_compute(*, organizations: list[Organization], period: Period, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    ids = [org.pk for org in organizations]
    cases = Case.objects.filter(organization_id__in=ids)
    report = Report(organizations=organizations, period=period, computed_at=now)
    report.arrivals = arrivals(cases, period)
    report.outcomes = outcomes(cases, period)
    report.lead_times = lead_times(cases, organizations, period)
    report.punctuality = punctuality(cases, period, report.lead_times["calendars"])
    report.workload = workload(cases, now)
    report.fees = fees(cases, period)
    report.identity = identity(cases, ids, period)
    report.letters = letters(cases, period)
    report.complaints = complaints(cases, period)
    return report


def report_organizations(user: User, requested: list[int] | None = None) -> list[Organization]:
    """The desks a supervisor may report on: theirs only; of those, the ones asked for (all when none)."""
    mine = Organization.objects.filter(staff=user).order_by("pk")
    if requested:
        mine = mine.filter(pk__in=requested)
    return list(mine)


def summary_figures(*, organizations: list[Organization], period: Period, now: datetime) -> dict:
    """The headline figures of the monthly e-mail: arrivals, answered, on time, open and overdue now."""
    ids = [org.pk for org in organizations]
    cases = Case.objects.filter(organization_id__in=ids)
    return cases.aggregate(
        arrived=Count("pk", filter=Q(received_at__gte=period.start, received_at__lt=period.end)),
        answered=Count("pk", filter=Q(status__in=ANSWERED, closed_at__gte=period.start, closed_at__lt=period.end)),
        on_time=Count(
            "pk",
            filter=Q(
                status__in=ANSWERED,
                closed_at__gte=period.start,
                closed_at__lt=period.end,
                due_at__isnull=False,
                closed_at__lte=F("due_at"),
            ),
        ),
        with_deadline=Count(
            "pk",
            filter=Q(status__in=ANSWERED, closed_at__gte=period.start, closed_at__lt=period.end, due_at__isnull=False),
        ),
        open_now=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue_now=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_at__lt=now)),
    )
