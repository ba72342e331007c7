"""The desk's business-day calendar: Japanese national holidays (substitute holidays and 国民の休日
included, from the ``holidays`` package), the organisation's own closures (by default the year-end and
new-year closure, 29 December – 3 January), weekends, and its desk hours.

Periods follow the Civil Code: the first day is not counted (初日不算入) and a period ends at the end of its
last day. A case received after hours or on a closed day is treated as received on the next business day.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

from .models import ClosedDay


@lru_cache(maxsize=128)
def _national_holidays(year: int, language: str) -> dict[date, str]:
    return dict(holidays.Japan(years=year, language=language))


def national_holiday_name(day: date, language: str = "ja") -> str:
    """The holiday's name in Japanese or English ("" on an ordinary day)."""
    return _national_holidays(day.year, "en_US" if language == "en" else "ja").get(day, "")


def is_year_end_closure(day: date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


class DeskCalendar:
    def __init__(
        self,
        *,
        closed_days: frozenset[date] | set[date] = frozenset(),
        year_end_closure: bool = True,
        opens=None,
        closes=None,
    ):
        self.closed_days = set(closed_days)
        self.year_end_closure = year_end_closure
        self.opens, self.closes = opens, closes

    @classmethod
    def for_organization(cls, organization) -> "DeskCalendar":
        closed = set(ClosedDay.objects.filter(organization=organization).values_list("day", flat=True))
        return cls(
            closed_days=closed,
            year_end_closure=organization.year_end_closure,
            opens=organization.desk_opens,
            closes=organization.desk_closes,
        )

    def is_business_day(self, day: date) -> bool:
        if day.weekday() >= 5 or national_holiday_name(day):
            return False
        if self.year_end_closure and is_year_end_closure(day):
            return False
        return day not in self.closed_days

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def on_or_after(self, day: date) -> date:
        return day if self.is_business_day(day) else self.next_business_day(day)

    def add_business_days(self, start: date, count: int) -> date:
        """The ``count``-th business day after ``start`` (``start`` itself not counted)."""
        day = start
        for _ in range(count):
            day = self.next_business_day(day)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.business_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_business_day(day):
                count += 1
        return count

    def received_on(self, received_at: datetime) -> date:
        """The day a case counts as received: the next business day when it came after hours or on a closed day."""
        local = timezone.localtime(received_at)
        day = local.date()
        if not self.is_business_day(day):
            return self.next_business_day(day)
        if self.closes and local.time() >= self.closes:
            return self.next_business_day(day)
        return day


def add_months(received: date, months: int) -> date:
    """The last day of a period of ``months`` counted from the day of receipt.

    Civil Code (first day not counted: the period ends the day before the day corresponding to its start,
    the day after receipt) and GDPR (Regulation 1182/71) agree: the same date ``months`` later, or that
    month's last day where there is none (received 31 January → 28/29 February).
    """
    month_index = received.month - 1 + months
    year, month = received.year + month_index // 12, month_index % 12 + 1
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last = (first_of_next - timedelta(days=1)).day
    return date(year, month, min(received.day, last))


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in the desk's time zone (a period ends at the end of its last day)."""
    return timezone.make_aware(datetime.combine(day, datetime.max.time().replace(microsecond=0)))
