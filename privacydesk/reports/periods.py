"""The period a report covers: this month, last month, a fiscal year (April–March) or any range of days.

Pure code: days are the desk's local days (Asia/Tokyo); a period runs from the start of its first day to the
end of its last day.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def end(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        months, month = [], self.first.replace(day=1)
        while month <= self.last:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


def month_of(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


def this_month(today: date) -> Period:
    return month_of(today)


def last_month(today: date) -> Period:
    return month_of(today.replace(day=1) - timedelta(days=1))


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year a day belongs to, named by the year it starts (FY2025: April 2025 – March 2026)."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year(year: int) -> Period:
    return Period(date(year, 4, 1), date(year + 1, 3, 31))
