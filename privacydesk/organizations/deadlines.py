"""Which clock each right of a case runs on, when it falls, and why — the one place the case page, the services
and ``manage.py deadline`` take their dates from.

- **APPI** sets no number of days: the organisation's own target (business days) from the day the request counts
  as received. A desk's DeadlineRule rows set that target (and the desk's acknowledgement target), the most
  specific first; they are the only configurable clock.
- **GDPR** and **CCPA** run on the law's clocks (``clocks.py``) from the day of receipt: a desk never changes
  them, and any DeadlineRule for them (refused by the model's validation since) is ignored.

Inquiries and complaints have no rights: they keep one APPI-style clock on the case.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from privacydesk.core.i18n import join_list
from privacydesk.core.vocabulary import Jurisdiction, RequestType

from .calendar import DeskCalendar, add_months, end_of_day, is_year_end_closure, national_holiday_name
from .clocks import (
    CCPA_FIFTEEN_DAY_REQUESTS,
    StatutoryClock,
    appi_may_sue_from,
    california_business_days,
    california_business_days_between,
    is_california_holiday,
    is_japanese_day_off,
    roll_forward,
    statutory_clock,
)
from .models import DeadlineRule, Unit


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str

    def end(self, calendar: DeskCalendar, start: date) -> date:
        if self.unit == Unit.BUSINESS_DAYS:
            return calendar.add_business_days(start, self.amount)
        end = start + timedelta(days=self.amount) if self.unit == Unit.DAYS else add_months(start, self.amount)
        return calendar.on_or_after(end)  # a last day on a closed day moves to the next business day

    @property
    def label(self) -> str:
        return f"{self.amount} {Unit(self.unit).label}"


@dataclass(frozen=True)
class Policy:
    jurisdiction: str
    ack: Period
    response: Period
    extension: Period | None


def _appi_rules(rules: list[DeadlineRule]) -> list[DeadlineRule]:
    """A desk's rules set only the APPI target: any for GDPR or CCPA is ignored (the law's clock applies)."""
    return [r for r in rules if r.jurisdiction == Jurisdiction.APPI]


def default_policy(organization, jurisdiction: str, request_types: list[str]) -> Policy:
    """The law's periods, as the procedure guide states them."""
    ack = Period(organization.ack_target_days, Unit.BUSINESS_DAYS)
    if jurisdiction == Jurisdiction.GDPR:
        return Policy(jurisdiction, ack, Period(1, Unit.MONTHS), Period(2, Unit.MONTHS))
    if jurisdiction == Jurisdiction.CCPA:
        ten = Period(10, Unit.BUSINESS_DAYS)
        if request_types and all(t in CCPA_FIFTEEN_DAY_REQUESTS for t in request_types):
            return Policy(jurisdiction, ten, Period(15, Unit.BUSINESS_DAYS), None)
        return Policy(jurisdiction, ten, Period(45, Unit.DAYS), Period(45, Unit.DAYS))
    return Policy(Jurisdiction.APPI, ack, Period(organization.response_target_days, Unit.BUSINESS_DAYS), None)


def appi_policy(organization, kind: str, request_type: str, rules: list[DeadlineRule]) -> Policy:
    """The desk's APPI target for a kind of case and request type: its most specific rule, or its defaults."""
    matching = [r for r in _appi_rules(rules) if r.kind in ("", kind) and r.request_type in ("", request_type)]
    if not matching:
        return default_policy(organization, Jurisdiction.APPI, [request_type] if request_type else [])
    rule = max(matching, key=lambda r: (bool(r.request_type), bool(r.kind)))
    return Policy(
        Jurisdiction.APPI,
        Period(rule.ack_amount, rule.ack_unit),
        Period(rule.response_amount, rule.response_unit),
        None,
    )


def policy_for(organization, kind: str, request_types: list[str], rules: list[DeadlineRule] | None = None) -> Policy:
    """The periods of one right (or of an inquiry or complaint, with no request types), as the guide states them."""
    rules = list(organization.deadline_rules.all()) if rules is None else rules
    jurisdiction = RequestType(request_types[0]).jurisdiction if request_types else Jurisdiction.APPI
    if jurisdiction == Jurisdiction.APPI:
        return appi_policy(organization, kind, request_types[0] if request_types else "", rules)
    return default_policy(organization, jurisdiction, request_types)


@dataclass(frozen=True)
class RightClock:
    """One right's clock on a case (``request_type`` is "" for an inquiry or complaint)."""

    request_type: str
    jurisdiction: str
    counts_from: date
    due: date
    ack_due: date | None
    extended_due: date | None  # where an extension would end; None where the law allows none
    statutory: StatutoryClock | None = None
    period: Period | None = None  # the desk's APPI target

    @property
    def due_at(self) -> datetime:
        return end_of_day(self.due)

    @property
    def ack_due_at(self) -> datetime | None:
        return end_of_day(self.ack_due) if self.ack_due else None

    @property
    def allows_extension(self) -> bool:
        return self.extended_due is not None


def right_clock(
    organization, kind: str, request_type: str, arrived: datetime, *, calendar: DeskCalendar, rules: list[DeadlineRule]
) -> RightClock:
    """The clock of one right (or of a case without rights, ``request_type=""``), from the moment it arrived."""
    if request_type and RequestType(request_type).jurisdiction != Jurisdiction.APPI:
        law = statutory_clock(request_type, arrived)
        return RightClock(
            request_type=request_type,
            jurisdiction=law.jurisdiction,
            counts_from=law.received,
            due=law.response.due,
            ack_due=law.ack,
            extended_due=law.extension.due if law.extension else None,
            statutory=law,
        )
    policy = appi_policy(organization, kind, request_type, rules)
    start = calendar.received_on(arrived)
    return RightClock(
        request_type=request_type,
        jurisdiction=Jurisdiction.APPI,
        counts_from=start,
        due=policy.response.end(calendar, start),
        ack_due=policy.ack.end(calendar, start),
        extended_due=None,
        period=policy.response,
    )


def resumed_due(
    jurisdiction: str, request_type: str, due: date, *, paused_on: date, today: date, calendar: DeskCalendar
) -> tuple[date, int, str]:
    """Where a right's deadline moves when the requester answers after the clock stood still: (due, waited, unit).

    The desk's practice, kept from the case's one clock: APPI moves by the business days waited on the desk's
    calendar; GDPR and CCPA move by the calendar days waited, then off a day that is not a working day under
    their own law (CCPA's 15-business-day requests by California business days). Neither Art. 12 GDPR nor
    §7021 CCPA provides for stopping the clock: the law's dates are the ones from receipt.
    """
    if jurisdiction == Jurisdiction.APPI:
        waited = calendar.business_days_between(paused_on, today)
        return calendar.add_business_days(due, waited), waited, Unit.BUSINESS_DAYS
    if jurisdiction == Jurisdiction.CCPA and request_type in CCPA_FIFTEEN_DAY_REQUESTS:
        waited = california_business_days_between(paused_on, today)
        return california_business_days(due, waited), waited, Unit.BUSINESS_DAYS
    waited = (today - paused_on).days
    off = is_japanese_day_off if jurisdiction == Jurisdiction.GDPR else is_california_holiday
    return roll_forward(due + timedelta(days=waited), off), waited, Unit.DAYS


def desk_ack_due(organization, kind: str, arrived: datetime, *, calendar: DeskCalendar, rules) -> date:
    """The desk's own acknowledgement target for a case, from the day it counts as received."""
    return appi_policy(organization, kind, "", rules).ack.end(calendar, calendar.received_on(arrived))


def may_sue_from(arrived: datetime) -> date:
    """APPI Art. 39: the day from which the requester may sue (see ``clocks.appi_may_sue_from``)."""
    return appi_may_sue_from(arrived)


# --- Why a date is what it is, in the active language (the case page and ``manage.py deadline``).


def _day(day: date) -> str:
    return dateformat.format(day, _("D j M Y"))


def _moment(moment: datetime) -> str:
    return dateformat.format(timezone.localtime(moment), _("D j M Y H:i"))


def _closed_reason(calendar: DeskCalendar, day: date) -> str:
    if calendar.year_end_closure and is_year_end_closure(day):
        return pgettext("closed days", "year-end closure")
    if national_holiday_name(day):
        return pgettext("closed days", "national holiday")
    if day in calendar.closed_days:
        return pgettext("closed days", "desk closed")
    return pgettext("closed days", "weekend")


def _closed_runs(calendar: DeskCalendar, first: date, before: date) -> str:
    """The closed days in [first, before) as runs with their reason: '19–20 Sep (weekend), 21–23 Sep (…)'."""
    runs: list[tuple[date, date, str]] = []
    day = first
    while day < before:
        if not calendar.is_business_day(day):
            reason = _closed_reason(calendar, day)
            if runs and runs[-1][2] == reason and runs[-1][1] == day - timedelta(days=1):
                runs[-1] = (runs[-1][0], day, reason)
            else:
                runs.append((day, day, reason))
        day += timedelta(days=1)
    items = []
    for start, end, reason in runs:
        items.append(_("%(days)s (%(reason)s)") % {"days": _day_range(start, end), "reason": reason})
    return join_list(items)


def _day_range(start: date, end: date) -> str:
    """'19 Sep', '19–20 Sep' or '30 Sep–1 Oct' (「9月19日～20日」 in Japanese)."""
    short = pgettext("a day in a range", "j M")
    if start == end:
        return dateformat.format(start, short)
    if (start.year, start.month) == (end.year, end.month):
        first = dateformat.format(start, pgettext("first day of a range in one month", "j"))
        last = dateformat.format(end, pgettext("last day of a range in one month", "j M"))
    else:
        first, last = dateformat.format(start, short), dateformat.format(end, short)
    return _("%(first)s–%(last)s") % {"first": first, "last": last}


def counts_from_why(*, jurisdiction: str, counts_from: date, arrived: datetime, calendar: DeskCalendar) -> str:
    """One line: the day a right counts as received, and why."""
    values = {"arrived": _moment(arrived), "counts_from": _day(counts_from)}
    if jurisdiction == Jurisdiction.GDPR:
        return _("Arrived %(arrived)s: the month runs from that day; desk hours and closures do not move it.") % values
    if jurisdiction == Jurisdiction.CCPA:
        return _("Arrived %(arrived)s: the period runs from that day; desk hours and closures do not move it.") % values
    local = timezone.localtime(arrived)
    if counts_from == local.date():
        return _("Arrived %(arrived)s, during the desk's business day: counts from that day.") % values
    closed = _closed_runs(calendar, local.date(), counts_from)
    after_hours = calendar.is_business_day(local.date())
    if after_hours and closed:
        return _("Arrived %(arrived)s after desk hours; %(closed)s → counts from %(counts_from)s.") % {
            **values,
            "closed": closed,
        }
    if after_hours:
        return _("Arrived %(arrived)s after desk hours → counts from %(counts_from)s.") % values
    return _("Arrived %(arrived)s on a day the desk is closed; %(closed)s → counts from %(counts_from)s.") % {
        **values,
        "closed": closed,
    }


def _last_day(period_text: str, counted: date, due: date, off: str) -> str:
    if counted == due:
        return _("%(period)s ends %(due)s.") % {"period": period_text, "due": _day(due)}
    return _("%(period)s ends %(counted)s, %(off)s → moved to %(due)s.") % {
        "period": period_text,
        "counted": _day(counted),
        "off": off,
        "due": _day(due),
    }


def due_why(clock: RightClock) -> str:
    """One sentence: how the deadline's date was reached."""
    law = clock.statutory
    if law is None:
        return _("The desk's target of %(period)s from that day ends %(due)s.") % {
            "period": clock.period.label,
            "due": _day(clock.due),
        }
    if law.jurisdiction == Jurisdiction.GDPR:
        return _last_day(
            _("One month from the day of receipt"),
            law.response.counted,
            law.response.due,
            _("not a working day in Japan"),
        )
    if law.period == "15_business_days":
        return _("15 California business days from the day of receipt end %(due)s.") % {"due": _day(law.response.due)}
    return _last_day(
        _("45 days from the day of receipt"),
        law.response.counted,
        law.response.due,
        _("a Saturday, Sunday or California holiday"),
    )


def extension_why(clock: RightClock) -> str:
    """One sentence: where the one extension the law allows would end ("" where it allows none)."""
    law = clock.statutory
    if law is None or law.extension is None:
        return ""
    if law.jurisdiction == Jurisdiction.GDPR:
        return _last_day(
            _("Three months from the day of receipt (the extension)"),
            law.extension.counted,
            law.extension.due,
            _("not a working day in Japan"),
        )
    return _last_day(
        _("90 days from the day of receipt (the extension)"),
        law.extension.counted,
        law.extension.due,
        _("a Saturday, Sunday or California holiday"),
    )


def explanation(clock: RightClock, arrived: datetime, calendar: DeskCalendar, *, extended: bool = False) -> str:
    """The whole story of a right's dates in a few sentences (``manage.py deadline``)."""
    why = counts_from_why(
        jurisdiction=clock.jurisdiction, counts_from=clock.counts_from, arrived=arrived, calendar=calendar
    )
    sentences = [why, due_why(clock)]
    if extended:
        sentences.append(extension_why(clock) or _("The law allows no extension of this deadline."))
    text = sentences[0]
    for sentence in sentences[1:]:
        text = _("%(sentence)s %(next)s") % {"sentence": text, "next": sentence}  # no space in Japanese
    return text
