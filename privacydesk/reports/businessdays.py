"""Business days counted in the database: each desk's calendar as an array of running totals.

The only module of this app that imports the business-day calendar. For each organisation we build, in
Python, one integer per calendar day from ``base`` to ``last``: how many business days of that desk there
have been up to and including the day. The number of business days in (a, b] — the Civil Code's count,
first day not counted — is then ``total[b] - total[a]``, an array lookup PostgreSQL does per row inside the
aggregate queries: no loop over cases in Python.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Expression, IntegerField, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from privacydesk.organizations.calendar import DeskCalendar


@dataclass(frozen=True)
class RunningTotals:
    base: date
    totals: tuple[int, ...]


def running_totals(organization, first: date, last: date) -> RunningTotals:
    calendar = DeskCalendar.for_organization(organization)
    totals, count, day = [], 0, first
    while day <= last:
        count += calendar.is_business_day(day)
        totals.append(count)
        day += timedelta(days=1)
    return RunningTotals(first, tuple(totals))


def first_business_day(day: date) -> date:
    """The first business day of ``day``'s month on the national calendar (weekends, holidays, 1–3 January)."""
    return DeskCalendar().on_or_after(day.replace(day=1))


class _TotalAt(Expression):
    """``totals[day - base + 1]`` (NULL outside the array: such a case is left out of the business-day figures)."""

    output_field = IntegerField()

    def __init__(self, day: Expression, totals: RunningTotals):
        super().__init__()
        self.day, self.totals = day, totals

    def get_source_expressions(self):
        return [self.day]

    def set_source_expressions(self, exprs):
        (self.day,) = exprs

    def resolve_expression(self, *args, **kwargs):
        clone = self.copy()
        clone.day = self.day.resolve_expression(*args, **kwargs)
        return clone

    def as_sql(self, compiler, connection):
        day_sql, day_params = compiler.compile(self.day)
        return f"(%s::int[])[({day_sql} - %s::date) + 1]", [list(self.totals.totals), *day_params, self.totals.base]


def local_date(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_current_timezone())


def business_days(*, start: str, end: str, organization_field: str, calendars: dict[int, RunningTotals]) -> Case:
    """Business days in (local day of ``start``, local day of ``end``], per row, by the row's desk calendar."""
    return Case(
        *[
            When(
                **{organization_field: org_id},
                then=_TotalAt(local_date(end), totals) - _TotalAt(local_date(start), totals),
            )
            for org_id, totals in calendars.items()
        ],
        output_field=IntegerField(),
    )
