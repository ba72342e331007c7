"""Periods of a report: months, the Japanese fiscal year (April–March), and their bounds in Tokyo time."""

from datetime import date

from privacydesk.reports.businessdays import first_business_day
from privacydesk.reports.periods import fiscal_year, fiscal_year_of, last_month, this_month


def test_last_month_of_january_is_december_of_the_year_before():
    period = last_month(date(2026, 1, 15))
    assert (period.first, period.last) == (date(2025, 12, 1), date(2025, 12, 31))


def test_this_month_ends_on_its_last_day_in_a_leap_year():
    assert this_month(date(2028, 2, 10)).last == date(2028, 2, 29)


def test_fiscal_year_runs_from_april_to_march_and_is_named_by_its_start():
    assert fiscal_year_of(date(2026, 3, 31)) == 2025
    assert fiscal_year_of(date(2026, 4, 1)) == 2026
    period = fiscal_year(2025)
    assert (period.first, period.last) == (date(2025, 4, 1), date(2026, 3, 31))
    assert len(period.months()) == 12


def test_period_bounds_are_midnight_in_tokyo():
    period = this_month(date(2025, 10, 5))
    assert period.start.isoformat() == "2025-10-01T00:00:00+09:00"
    assert period.end.isoformat() == "2025-11-01T00:00:00+09:00"


def test_first_business_day_skips_weekends_holidays_and_the_new_year_closure():
    assert first_business_day(date(2025, 11, 20)) == date(2025, 11, 4)  # Sat 1, Sun 2, Culture Day (Mon 3)
    assert first_business_day(date(2026, 1, 20)) == date(2026, 1, 5)  # 1–3 January closed, then Sun 4
