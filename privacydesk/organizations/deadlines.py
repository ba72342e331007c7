"""Which deadlines apply to a case, and when they fall.

Defaults follow the law (../shared/DOMAIN.md): APPI sets no number of days, so the organisation's own
target applies (business days); GDPR one month, extendable by two; CCPA 45 days, extendable once by 45, with
confirmation of receipt within 10 business days and opt-outs acted on within 15 business days. An
organisation's DeadlineRule rows override them, the most specific first.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from privacydesk.core.vocabulary import Jurisdiction, RequestType

from .calendar import DeskCalendar, add_months, end_of_day
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


def default_policy(organization, jurisdiction: str, request_types: list[str]) -> Policy:
    ack = Period(organization.ack_target_days, Unit.BUSINESS_DAYS)
    if jurisdiction == Jurisdiction.GDPR:
        return Policy(jurisdiction, ack, Period(1, Unit.MONTHS), Period(2, Unit.MONTHS))
    if jurisdiction == Jurisdiction.CCPA:
        ten = Period(10, Unit.BUSINESS_DAYS)
        if request_types and all(t in (RequestType.CCPA_OPT_OUT, RequestType.CCPA_LIMIT) for t in request_types):
            return Policy(jurisdiction, ten, Period(15, Unit.BUSINESS_DAYS), None)
        return Policy(jurisdiction, ten, Period(45, Unit.DAYS), Period(45, Unit.DAYS))
    return Policy(Jurisdiction.APPI, ack, Period(organization.response_target_days, Unit.BUSINESS_DAYS), None)


def _rule_policy(rule: DeadlineRule) -> Policy:
    extension = Period(rule.extension_amount, rule.extension_unit) if rule.extension_amount else None
    return Policy(
        rule.jurisdiction,
        Period(rule.ack_amount, rule.ack_unit),
        Period(rule.response_amount, rule.response_unit),
        extension,
    )


def policy_for(organization, kind: str, request_types: list[str], rules: list[DeadlineRule] | None = None) -> Policy:
    """The policy of the strictest jurisdiction among the request types (APPI for inquiries and complaints)."""
    jurisdictions = {RequestType(t).jurisdiction for t in request_types} or {Jurisdiction.APPI}
    rules = list(organization.deadline_rules.all()) if rules is None else rules
    candidates = []
    for jurisdiction in jurisdictions:
        types = [t for t in request_types if RequestType(t).jurisdiction == jurisdiction]
        matching = [
            r
            for r in rules
            if r.jurisdiction == jurisdiction
            and r.kind in ("", kind)
            and (not r.request_type or r.request_type in types)
        ]
        matching.sort(key=lambda r: (bool(r.request_type), bool(r.kind)), reverse=True)
        candidates.append(_rule_policy(matching[0]) if matching else default_policy(organization, jurisdiction, types))
    return candidates[0] if len(candidates) == 1 else _strictest(candidates)


def _strictest(candidates: list[Policy]) -> Policy:
    # Compare on a fixed reference day; the calendar's closures do not change the order of these periods.
    reference, calendar = date(2026, 1, 5), DeskCalendar()
    return min(candidates, key=lambda p: p.response.end(calendar, reference))


@dataclass(frozen=True)
class Deadlines:
    received_on: date
    ack_due: datetime
    response_due: datetime


def compute(policy: Policy, calendar: DeskCalendar, received_at: datetime) -> Deadlines:
    start = calendar.received_on(received_at)
    return Deadlines(
        received_on=start,
        ack_due=end_of_day(policy.ack.end(calendar, start)),
        response_due=end_of_day(policy.response.end(calendar, start)),
    )
