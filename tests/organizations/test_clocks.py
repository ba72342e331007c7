"""A clock per right, without the database: GDPR's month, CCPA's 45 days on California's calendar, APPI's desk
target, Art. 39's two weeks — and the one line that says why."""

from datetime import UTC, date, datetime, time

import pytest
from django.utils import timezone, translation

from privacydesk.organizations.calendar import DeskCalendar
from privacydesk.organizations.clocks import (
    appi_may_sue_from,
    california_business_days,
    is_california_holiday,
)
from privacydesk.organizations.deadlines import counts_from_why, due_why, explanation, right_clock
from privacydesk.organizations.models import Organization

TOKYO = timezone.get_default_timezone()
DESK = DeskCalendar(opens=time(10), closes=time(17))


def at(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TOKYO)


def why_of(right, arrived) -> str:
    return counts_from_why(
        jurisdiction=right.jurisdiction, counts_from=right.counts_from, arrived=arrived, calendar=DESK
    )


def clock(request_type, arrived, target_days=10):
    desk = Organization(response_target_days=target_days, ack_target_days=3)
    return right_clock(desk, "request", request_type, arrived, calendar=DESK, rules=[])


# (arrived, counts from, due, extended due) — received on the day it arrived, whatever the desk's hours.
GDPR = [
    pytest.param(at(2026, 10, 31), date(2026, 10, 31), date(2026, 11, 30), date(2027, 2, 1), id="issue: Sat 31 Oct"),
    pytest.param(
        at(2026, 11, 30), date(2026, 11, 30), date(2026, 12, 30), date(2027, 3, 1), id="issue: closure 29-31 Dec"
    ),
    pytest.param(at(2026, 12, 2), date(2026, 12, 2), date(2027, 1, 4), date(2027, 3, 2), id="issue: extension 2 Mar"),
    pytest.param(at(2026, 11, 27, 18), date(2026, 11, 27), date(2026, 12, 28), date(2027, 3, 1), id="after hours"),
    pytest.param(at(2027, 1, 31), date(2027, 1, 31), date(2027, 3, 1), date(2027, 4, 30), id="31 Jan: 28 Feb Sun"),
    pytest.param(
        at(2029, 1, 31),
        date(2029, 1, 31),
        date(2029, 2, 28),
        date(2029, 5, 1),
        id="31 Jan → 28 Feb; substitute for Showa Day",
    ),
    pytest.param(at(2028, 1, 31), date(2028, 1, 31), date(2028, 2, 29), date(2028, 5, 1), id="leap year 29 Feb"),
    pytest.param(at(2027, 11, 30), date(2027, 11, 30), date(2027, 12, 30), date(2028, 2, 29), id="leap extension"),
    pytest.param(at(2026, 4, 3), date(2026, 4, 3), date(2026, 5, 7), date(2026, 7, 3), id="Golden Week"),
    pytest.param(at(2026, 11, 29), date(2026, 11, 29), date(2026, 12, 29), date(2027, 3, 1), id="29 Dec closure stays"),
    pytest.param(at(2026, 12, 1), date(2026, 12, 1), date(2027, 1, 4), date(2027, 3, 1), id="New Year's Day"),
    pytest.param(at(2026, 12, 31), date(2026, 12, 31), date(2027, 2, 1), date(2027, 3, 31), id="arrived in closure"),
    pytest.param(at(2027, 1, 23), date(2027, 1, 23), date(2027, 2, 24), date(2027, 4, 23), id="Emperor's Birthday"),
]


@pytest.mark.parametrize(("arrived", "counts_from", "due", "extended"), GDPR)
def test_gdpr_counts_a_month_from_receipt_and_moves_only_off_weekends_and_japanese_holidays(
    arrived, counts_from, due, extended
):
    right = clock("gdpr_access", arrived)
    assert (right.jurisdiction, right.counts_from, right.due, right.extended_due) == (
        "gdpr",
        counts_from,
        due,
        extended,
    )
    assert right.ack_due is None  # the law sets no confirmation of receipt


CCPA = [
    pytest.param(at(2027, 3, 13), date(2027, 4, 27), date(2027, 6, 11), id="issue: Sat 13 Mar"),
    pytest.param(at(2026, 10, 12), date(2026, 11, 30), date(2027, 1, 11), id="Thanksgiving and the day after"),
    pytest.param(at(2026, 9, 19), date(2026, 11, 3), date(2026, 12, 18), id="Culture Day is not California's"),
    pytest.param(at(2027, 2, 14), date(2027, 4, 1), date(2027, 5, 17), id="Cesar Chavez Day"),
    pytest.param(at(2027, 4, 6), date(2027, 5, 21), date(2027, 7, 6), id="Independence Day observed"),
    pytest.param(at(2026, 12, 28, 18), date(2027, 2, 11), date(2027, 3, 29), id="Japan's year-end closure"),
]


@pytest.mark.parametrize(("arrived", "due", "extended"), CCPA)
def test_ccpa_counts_45_and_90_days_from_receipt_and_moves_off_california_holidays(arrived, due, extended):
    right = clock("ccpa_know", arrived)
    assert (right.jurisdiction, right.counts_from) == ("ccpa", timezone.localtime(arrived).date())
    assert (right.due, right.extended_due) == (due, extended)


@pytest.mark.parametrize(
    ("received", "count", "expected"),
    [
        (date(2026, 11, 20), 10, date(2026, 12, 8)),  # Thanksgiving and the day after; Japan's 23 Nov counts
        (date(2026, 11, 2), 10, date(2026, 11, 17)),  # Veterans Day 11 Nov; Culture Day 3 Nov counts
        (date(2026, 4, 28), 10, date(2026, 5, 12)),  # Golden Week counts in California
        (date(2026, 12, 24), 10, date(2027, 1, 11)),  # Christmas and New Year's Day
    ],
)
def test_ccpa_business_days_are_californias(received, count, expected):
    assert california_business_days(received, count) == expected


def test_ccpa_confirms_receipt_within_10_california_business_days():
    assert clock("ccpa_delete", at(2026, 11, 20)).ack_due == date(2026, 12, 8)


def test_ccpa_opt_outs_are_acted_on_within_15_california_business_days_without_extension():
    right = clock("ccpa_opt_out", at(2026, 11, 2))
    assert right.due == date(2026, 11, 24)  # Veterans Day skipped; Japan's 3 and 23 Nov count
    assert right.extended_due is None and not right.allows_extension


def test_californias_calendar_is_the_packages():
    assert is_california_holiday(date(2026, 3, 31))  # César Chávez Day
    assert is_california_holiday(date(2026, 11, 27))  # the day after Thanksgiving
    assert not is_california_holiday(date(2026, 5, 4))  # Greenery Day is Japan's


APPI = [
    # arrived, counts from, due (10 business days), acknowledgement (3 business days)
    pytest.param(at(2026, 11, 25, 11), date(2026, 11, 25), date(2026, 12, 9), date(2026, 11, 30), id="desk hours"),
    pytest.param(at(2026, 9, 18, 17, 30), date(2026, 9, 24), date(2026, 10, 8), date(2026, 9, 29), id="Silver Week"),
    pytest.param(at(2026, 4, 24, 11), date(2026, 4, 24), date(2026, 5, 14), date(2026, 4, 30), id="Golden Week"),
    pytest.param(at(2026, 12, 28, 18), date(2027, 1, 4), date(2027, 1, 19), date(2027, 1, 7), id="year-end"),
    pytest.param(
        at(2026, 10, 31), date(2026, 11, 2), date(2026, 11, 17), date(2026, 11, 6), id="Saturday; Culture Day"
    ),
]


@pytest.mark.parametrize(("arrived", "counts_from", "due", "ack"), APPI)
def test_appi_runs_on_the_desks_target_from_the_next_business_day(arrived, counts_from, due, ack):
    right = clock("disclosure", arrived)
    assert (right.jurisdiction, right.counts_from, right.due, right.ack_due) == ("appi", counts_from, due, ack)
    assert right.extended_due is None


@pytest.mark.parametrize(
    ("arrived", "may_sue"),
    [
        (at(2026, 11, 1), date(2026, 11, 16)),  # two weeks from the day after arrival have passed
        (at(2026, 12, 28, 23, 30), date(2027, 1, 12)),  # after hours and closures: arrival is what counts
        (datetime(2026, 11, 1, 15, 30, tzinfo=UTC), date(2026, 11, 17)),  # 00:30 on 2 Nov in Tokyo
    ],
)
def test_appi_art_39_may_sue_two_weeks_after_arrival(arrived, may_sue):
    assert appi_may_sue_from(arrived) == may_sue


def test_a_mixed_filing_keeps_each_rights_own_clock():
    arrived = at(2026, 11, 30)
    appi, gdpr, ccpa = (clock(t, arrived, target_days=30) for t in ("disclosure", "gdpr_access", "ccpa_know"))
    assert appi.due == date(2027, 1, 18) and not appi.allows_extension  # 30 desk business days
    assert gdpr.due == date(2026, 12, 30) and gdpr.extended_due == date(2027, 3, 1)
    assert ccpa.due == date(2027, 1, 14) and ccpa.extended_due == date(2027, 3, 1)


def test_the_one_line_why_names_the_hours_and_the_closed_days():
    right = clock("disclosure", at(2026, 9, 18, 17, 30))
    with translation.override("en"):
        why = why_of(right, at(2026, 9, 18, 17, 30))
    assert why == (
        "Arrived Fri 18 Sep 2026 17:30 after desk hours; 19–20 Sep (weekend), 21–23 Sep (national holiday)"
        " → counts from Thu 24 Sep 2026."
    )
    with translation.override("ja"):
        why = why_of(right, at(2026, 9, 18, 17, 30))
    assert "2026年9月18日(金) 17:30" in why and "2026年9月24日(木)" in why and "祝日" in why


def test_the_why_of_a_gdpr_date_says_closures_do_not_move_it_and_where_the_last_day_moved():
    arrived = at(2027, 1, 31)
    right = clock("gdpr_access", arrived)
    with translation.override("en"):
        assert "desk hours and closures do not move it" in why_of(right, arrived)
        assert due_why(right) == (
            "One month from the day of receipt ends Sun 28 Feb 2027, not a working day in Japan → moved to Mon 1 Mar 2027."
        )
        story = explanation(right, arrived, DESK, extended=True)
    assert "Fri 30 Apr 2027" in story


def test_the_explanation_of_an_appi_right_says_no_extension_when_asked():
    arrived = at(2026, 11, 25, 11)
    with translation.override("en"):
        story = explanation(clock("disclosure", arrived), arrived, DESK, extended=True)
    assert "during the desk's business day" in story and "10 business days" in story
    assert story.endswith("The law allows no extension of this deadline.")
