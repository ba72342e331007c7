"""The law's clocks, one per right: pure dates, no database, no desk configuration.

- **GDPR** Art. 12(3), counted per Regulation (EEC, Euratom) No 1182/71: the month runs from the day of receipt
  (that day not counted) and ends on the same date of the next month, or on that month's last day where there is
  none (received 31 January → 28/29 February). Only a last day on a Saturday, Sunday or public holiday moves, to
  the next working day. The public holidays are those of the desk's country, Japan: its national holidays
  (substitute holidays and 国民の休日 included) from the ``holidays`` package. A company's closures (29 December –
  3 January) and its desk hours never move a GDPR date, neither the day of receipt nor the last day. The extension
  (once, by two further months, notified with reasons within the first month) ends at most three months after
  receipt, counted the same way from the day of receipt — not two months after a moved last day.
- **CCPA** (Cal. Code Regs. tit. 11 §7021): answer within 45 calendar days of receipt, extendable once to 90 days
  in total (notice with reasons inside the first 45); confirm receipt within 10 business days; opt-outs and
  requests to limit (§7026(f), §7027(g)) acted on within 15 business days. A last day on a Saturday, Sunday or
  California holiday moves to the next day that is not one (Cal. Civ. Code §§10, 12a); business days are days
  that are none of these. The calendar is California's, never Japan's: ``holidays.US(subdiv="CA")`` as the
  package defines it (it includes César Chávez Day, the day after Thanksgiving and, from 2026, Diwali, and also
  lists Susan B. Anthony Day; it does not list Lincoln Day or Columbus Day of Cal. Gov. Code §6700).
- **APPI** sets no number of days: the desk's own target, in its business days, from the day the request counts
  as received (the next business day when it arrived after hours or on a closed day) — see ``calendar.py``.
  Art. 39: the requester may sue only once two weeks have passed from the day the request arrived (that day
  not counted: arrived 1 November → may sue from 16 November), or earlier on a refusal.

The day of receipt is the calendar day in the desk's time zone (Asia/Tokyo) on which the request arrived.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

from privacydesk.core.vocabulary import Jurisdiction, RequestType

from .calendar import add_months, national_holiday_name

# Requests that CCPA answers within 15 business days, without extension (§7026(f) opt-out, §7027(g) limit).
CCPA_FIFTEEN_DAY_REQUESTS = frozenset({RequestType.CCPA_OPT_OUT, RequestType.CCPA_LIMIT})
APPI_SUIT_WAIT_DAYS = 14


@lru_cache(maxsize=64)
def _california_holidays(year: int) -> dict[date, str]:
    return dict(holidays.US(subdiv="CA", years=year))


def california_holiday_name(day: date) -> str:
    """The California holiday's name ("" on an ordinary day), as the ``holidays`` package defines them."""
    return _california_holidays(day.year).get(day, "")


def is_japanese_day_off(day: date) -> bool:
    """A Saturday, Sunday or Japanese national holiday: the days that move a GDPR last day."""
    return day.weekday() >= 5 or bool(national_holiday_name(day))


def is_california_holiday(day: date) -> bool:
    """A Saturday, Sunday or California holiday (Cal. Civ. Code §§7, 12a)."""
    return day.weekday() >= 5 or bool(california_holiday_name(day))


def roll_forward(day: date, is_off: Callable[[date], bool]) -> date:
    """``day`` itself, or the first following day that is not off."""
    while is_off(day):
        day += timedelta(days=1)
    return day


def california_business_days(start: date, count: int) -> date:
    """The ``count``-th California business day after ``start`` (``start`` itself not counted)."""
    day = start
    for _ in range(count):
        day = roll_forward(day + timedelta(days=1), is_california_holiday)
    return day


def california_business_days_between(start: date, end: date) -> int:
    """California business days in (start, end]; 0 when ``end`` is not after ``start``."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += not is_california_holiday(day)
    return count


def receipt_day(arrived: datetime) -> date:
    """The calendar day (Asia/Tokyo) on which the request arrived: the GDPR and CCPA day of receipt."""
    return timezone.localtime(arrived).date()


def appi_may_sue_from(arrived: datetime) -> date:
    """APPI Art. 39(1): a suit only after two weeks from the day of arrival have passed (that day not counted)."""
    return receipt_day(arrived) + timedelta(days=APPI_SUIT_WAIT_DAYS + 1)


@dataclass(frozen=True)
class LastDay:
    """How a statutory period ends: its last day by count, and the day it moves to when that one is off."""

    counted: date
    due: date

    @property
    def moved(self) -> bool:
        return self.counted != self.due


@dataclass(frozen=True)
class StatutoryClock:
    """One right's clock under GDPR or CCPA, from the day of receipt."""

    jurisdiction: str
    request_type: str
    received: date
    response: LastDay
    ack: date | None  # CCPA's confirmation of receipt; GDPR has none
    extension: LastDay | None  # the latest an extension may run to; None where the law allows none
    period: str  # "month", "45_days" or "15_business_days"


def gdpr_clock(request_type: str, received: date) -> StatutoryClock:
    one = add_months(received, 1)
    three = add_months(received, 3)
    return StatutoryClock(
        jurisdiction=Jurisdiction.GDPR,
        request_type=request_type,
        received=received,
        response=LastDay(one, roll_forward(one, is_japanese_day_off)),
        ack=None,
        extension=LastDay(three, roll_forward(three, is_japanese_day_off)),
        period="month",
    )


def ccpa_clock(request_type: str, received: date) -> StatutoryClock:
    ack = california_business_days(received, 10)
    if request_type in CCPA_FIFTEEN_DAY_REQUESTS:
        end = california_business_days(received, 15)
        return StatutoryClock(
            Jurisdiction.CCPA, request_type, received, LastDay(end, end), ack, None, "15_business_days"
        )
    forty_five, ninety = received + timedelta(days=45), received + timedelta(days=90)
    return StatutoryClock(
        jurisdiction=Jurisdiction.CCPA,
        request_type=request_type,
        received=received,
        response=LastDay(forty_five, roll_forward(forty_five, is_california_holiday)),
        ack=ack,
        extension=LastDay(ninety, roll_forward(ninety, is_california_holiday)),
        period="45_days",
    )


def statutory_clock(request_type: str, arrived: datetime) -> StatutoryClock:
    """The GDPR or CCPA clock of a right, from the moment the request arrived."""
    jurisdiction = RequestType(request_type).jurisdiction
    received = receipt_day(arrived)
    if jurisdiction == Jurisdiction.GDPR:
        return gdpr_clock(request_type, received)
    if jurisdiction == Jurisdiction.CCPA:
        return ccpa_clock(request_type, received)
    raise ValueError(f"{request_type} is an APPI right: its clock is the desk's target")
