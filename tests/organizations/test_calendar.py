"""Business days in Japan: weekends, national holidays with substitute days and 国民の休日, the year-end closure."""

from datetime import date, datetime, time, timedelta

import holidays
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from privacydesk.organizations.calendar import DeskCalendar, add_months

desk = DeskCalendar()


def test_golden_week_2026_is_skipped():
    # 2026: 4/29 Showa Day (Wed), 5/3 Sun, 5/4, 5/5, 5/6 substitute holiday for 5/3.
    assert [desk.is_business_day(date(2026, 5, d)) for d in range(1, 8)] == [
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert desk.add_business_days(date(2026, 4, 30), 1) == date(2026, 5, 1)
    assert desk.add_business_days(date(2026, 5, 1), 1) == date(2026, 5, 7)


def test_the_citizens_holiday_between_two_holidays_is_closed():
    assert not desk.is_business_day(date(2026, 9, 22))  # 国民の休日 between 9/21 and 9/23
    assert desk.add_business_days(date(2026, 9, 18), 1) == date(2026, 9, 24)


def test_a_substitute_holiday_follows_a_sunday_holiday():
    assert not desk.is_business_day(date(2025, 2, 24))  # 天皇誕生日 2/23 was a Sunday


def test_the_year_end_closure_and_an_opt_out():
    assert desk.add_business_days(date(2026, 12, 28), 1) == date(2027, 1, 4)
    open_all_year = DeskCalendar(year_end_closure=False)
    assert open_all_year.add_business_days(date(2026, 12, 28), 1) == date(2026, 12, 29)


def test_an_organisations_own_closure():
    closed = DeskCalendar(closed_days={date(2026, 11, 27)})
    assert closed.add_business_days(date(2026, 11, 26), 1) == date(2026, 11, 30)


def test_the_first_day_is_not_counted():
    assert desk.add_business_days(date(2026, 11, 25), 0) == date(2026, 11, 25)
    assert desk.add_business_days(date(2026, 11, 25), 2) == date(2026, 11, 27)


def test_a_month_ends_on_the_same_date_or_the_months_last_day():
    assert add_months(date(2026, 1, 10), 1) == date(2026, 2, 10)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 2) == date(2027, 2, 15)


def test_after_hours_and_closed_days_count_from_the_next_business_day():
    hours = DeskCalendar(opens=time(10), closes=time(17))
    tokyo = timezone.get_default_timezone()
    assert hours.received_on(datetime(2026, 11, 25, 16, 59, tzinfo=tokyo)) == date(2026, 11, 25)
    assert hours.received_on(datetime(2026, 11, 25, 17, 0, tzinfo=tokyo)) == date(2026, 11, 26)
    assert hours.received_on(datetime(2026, 11, 28, 11, 0, tzinfo=tokyo)) == date(2026, 11, 30)  # Saturday
    assert hours.received_on(datetime(2026, 5, 3, 11, 0, tzinfo=tokyo)) == date(2026, 5, 7)


# An independent, simple implementation to compare with: a set of closed days, walked one by one.
def simple_closed(day: date) -> bool:
    return (
        day.weekday() >= 5
        or day in holidays.Japan(years=day.year)
        or (day.month, day.day) >= (12, 29)
        or (day.month, day.day) <= (1, 3)
    )


def simple_add(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if not simple_closed(day):
            n -= 1
    return day


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=date(2016, 1, 1), max_value=date(2035, 12, 31)), n=st.integers(0, 40))
def test_business_day_arithmetic_agrees_with_a_simple_implementation(start, n):
    end = desk.add_business_days(start, n)
    assert end == simple_add(start, n)
    assert desk.business_days_between(start, end) == n
    assert n == 0 or desk.is_business_day(end)
