"""The deadline dashboard: due today, due this week and overdue, per organisation and per assignee."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone, translation

from privacydesk.cases.selectors.staff import cases_visible_to
from privacydesk.cases.workflow import OPEN_STATUSES
from privacydesk.organizations.calendar import DeskCalendar, end_of_day, national_holiday_name


def dashboard(*, user) -> dict:
    now = timezone.now()
    today_end = end_of_day(timezone.localdate(now))
    week_end = end_of_day(timezone.localdate(now) + timedelta(days=6 - timezone.localdate(now).weekday()))
    open_cases = cases_visible_to(user).filter(status__in=OPEN_STATUSES, due_at__lte=week_end)
    buckets = {
        "overdue": Count("pk", filter=Q(due_at__lt=now)),
        "today": Count("pk", filter=Q(due_at__gte=now, due_at__lte=today_end)),
        "week": Count("pk", filter=Q(due_at__gt=today_end, due_at__lte=week_end)),
    }
    by_org = list(
        open_cases.values("organization__id", "organization__name_ja", "organization__name_en")
        .annotate(**buckets)
        .order_by("organization__id")
    )
    by_assignee = list(
        open_cases.values("assignee__id", "assignee__username").annotate(**buckets).order_by("assignee__username")
    )
    cases = list(open_cases.select_related("organization", "assignee").order_by("due_at")[:100])
    lists = defaultdict(list)
    for case in cases:
        lists["overdue" if case.due_at < now else "today" if case.due_at <= today_end else "week"].append(case)
    return {"by_org": by_org, "by_assignee": by_assignee, "lists": dict(lists), "now": now}


def closed_days(*, organization, year: int) -> list[tuple]:
    """(date, reason) of every day the desk is closed in ``year`` besides weekends."""
    calendar = DeskCalendar.for_organization(organization)
    own = {c.day: c for c in organization.closed_days.filter(day__year=year)}
    days, day = [], date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and not calendar.is_business_day(day):
            days.append((day, national_holiday_name(day, translation.get_language() or "ja"), own.get(day)))
        elif day.weekday() >= 5 and day in own:
            days.append((day, "", own.get(day)))
        day += timedelta(days=1)
    return days
