"""Setting, pausing, resuming and extending the deadlines of a case. Each change is on the timeline with its reason.

Each right asked for (a CaseRequest) runs on its own clock — APPI on the desk's target, GDPR and CCPA on the law's
— and the case's ``due_at`` is the earliest deadline of its open rights, so that the queue, the dashboard and the
reminders keep reading one date. Inquiries and complaints have no rights: one APPI-style clock on the case.
The clocks themselves are the desk's configuration and the law's rules, in ``privacydesk.organizations``.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from privacydesk.core.errors import ActionRefused
from privacydesk.core.vocabulary import Jurisdiction, RequestType
from privacydesk.organizations.calendar import DeskCalendar, end_of_day
from privacydesk.organizations.deadlines import desk_ack_due, policy_for, resumed_due, right_clock

from ..models import Case, CaseRequest, EventKind, NotificationKind
from ..notifications import notification_create
from ..timeline import event_record
from .versions import VERSION_KEY, case_lock, case_save

REQUEST_CLOCK_FIELDS = ["jurisdiction", "counts_from", "due_at", "ack_due_at"]


def _event(case: Case, actor, **data) -> None:
    event_record(case=case, kind=EventKind.DEADLINE, actor=actor, data=data)


def _earliest(requests: list[CaseRequest]) -> CaseRequest | None:
    """The right whose deadline comes first among those still open (all of them once every one is settled)."""
    dated = [r for r in requests if r.due_at]
    open_ones = [r for r in dated if not r.is_settled] or dated
    return min(open_ones, key=lambda r: r.due_at, default=None)


def _summarise(case: Case, requests: list[CaseRequest]) -> None:
    """The case's one date for the queue and the reminders: its earliest open right's."""
    first = _earliest(requests)
    if first is not None:
        case.due_at, case.jurisdiction = first.due_at, first.jurisdiction


def deadline_due_refresh(*, case: Case) -> list[str]:
    """After a decision settles a right (or sends it back): the case is due at its earliest open right again.
    Returns the fields that changed, for the caller's save (the case row is locked)."""
    before = (case.due_at, case.jurisdiction)
    _summarise(case, list(case.requests.all()))
    return ["due_at", "jurisdiction"] if (case.due_at, case.jurisdiction) != before else []


def deadline_set(*, case: Case, actor=None) -> None:
    """Compute each right's deadlines from the date of arrival (called in the transaction that files the case)."""
    organization = case.organization
    calendar = DeskCalendar.for_organization(organization)
    rules = list(organization.deadline_rules.all())
    requests = list(case.requests.all())
    rights = []
    for item in requests:
        clock = right_clock(
            organization, case.kind, item.request_type, case.received_at, calendar=calendar, rules=rules
        )
        item.jurisdiction, item.counts_from = clock.jurisdiction, clock.counts_from
        item.due_at = clock.due_at
        item.ack_due_at = clock.ack_due_at if clock.statutory else None  # the law's (CCPA); the desk's is the case's
        rights.append({"request_type": item.request_type, "due": item.due_at.isoformat()})
    CaseRequest.objects.bulk_update(requests, REQUEST_CLOCK_FIELDS)
    ack = end_of_day(desk_ack_due(organization, case.kind, case.received_at, calendar=calendar, rules=rules))
    if requests:
        case.ack_due_at = min([ack] + [r.ack_due_at for r in requests if r.ack_due_at])
        _summarise(case, requests)
        first = _earliest(requests)
        rule = policy_for(organization, case.kind, [first.request_type], rules=rules).response.label
        received_on = first.counts_from
    else:
        clock = right_clock(organization, case.kind, "", case.received_at, calendar=calendar, rules=rules)
        case.ack_due_at, case.due_at, case.jurisdiction = ack, clock.due_at, Jurisdiction.APPI
        rule, received_on = clock.period.label, clock.counts_from
    case.save(update_fields=["jurisdiction", "ack_due_at", "due_at", "updated_at"])
    _event(
        case,
        actor,
        what="set",
        due=case.due_at.isoformat(),
        ack_due=case.ack_due_at.isoformat(),
        rule=rule,
        received_on=received_on.isoformat(),
        rights=rights,
    )


def deadline_pause(*, case: Case, actor=None) -> None:
    """The case waits for the requester: the clock stops."""
    if case.clock_paused_at is None:
        case.clock_paused_at = timezone.now()
        case.save(update_fields=["clock_paused_at", "updated_at"])
        _event(case, actor, what="paused")


def deadline_resume(*, case: Case, actor=None) -> None:
    """The requester answered: each right's deadline moves by the time the clock stood still."""
    if case.clock_paused_at is None or case.due_at is None:
        return
    calendar = DeskCalendar.for_organization(case.organization)
    paused_on, today = timezone.localdate(case.clock_paused_at), timezone.localdate()
    requests = [r for r in case.requests.all() if r.due_at]
    for item in requests:
        due, waited, unit = resumed_due(
            item.jurisdiction,
            item.request_type,
            timezone.localdate(item.due_at),
            paused_on=paused_on,
            today=today,
            calendar=calendar,
        )
        item.due_at = end_of_day(due)
    if requests:
        CaseRequest.objects.bulk_update(requests, ["due_at"])
        _summarise(case, requests)
    else:
        due, waited, unit = resumed_due(
            Jurisdiction.APPI, "", timezone.localdate(case.due_at), paused_on=paused_on, today=today, calendar=calendar
        )
        case.due_at = end_of_day(due)
    case.clock_paused_at = None
    case.save(update_fields=["due_at", "jurisdiction", "clock_paused_at", "updated_at"])
    _event(case, actor, what="resumed", due=case.due_at.isoformat(), waited=waited, unit=unit)


def extension_available(case: Case, item: CaseRequest) -> bool:
    """The right allows an extension (GDPR, CCPA), has none yet, and its first period has not passed."""
    return (
        case.is_open
        and item.extended_at is None
        and item.jurisdiction != Jurisdiction.APPI
        and right_allows_extension(case, item)
        and (item.due_at is None or item.due_at >= timezone.now())
    )


def right_allows_extension(case: Case, item: CaseRequest) -> bool:
    return policy_for(case.organization, case.kind, [item.request_type], rules=[]).extension is not None


@transaction.atomic
def deadline_extend(*, case_id: int, request_id: int, actor, reason: str, version: int | None = None) -> Case:
    """Extend one right's deadline where its law allows it, once, with reasons; the requester is told in their
    language which right was extended. ``version`` is the case version the member of staff saw: refused when the
    case changed since."""
    case = case_lock(case_id, version=version, related=("organization",))
    item = case.requests.filter(pk=request_id).first()
    if item is None:
        raise ActionRefused(_("This request is not part of the case."))
    if item.jurisdiction == Jurisdiction.APPI or not right_allows_extension(case, item):
        raise ActionRefused(_("The law applying to this case allows no extension of the deadline."))
    if item.extended_at is not None:
        raise ActionRefused(_("The deadline of this request has already been extended."))
    if not reason.strip():
        raise ActionRefused(_("Give the reason for the extension; the requester is told."))
    if item.due_at and item.due_at < timezone.now():
        raise ActionRefused(_("The deadline has passed: an extension must be notified within the first period."))
    organization = case.organization
    calendar = DeskCalendar.for_organization(organization)
    clock = right_clock(organization, case.kind, item.request_type, case.received_at, calendar=calendar, rules=[])
    previous = item.due_at
    # At most three months (GDPR) or 90 days (CCPA) from receipt; never before where a pause already moved it.
    new_due = max(end_of_day(clock.extended_due), previous) if previous else end_of_day(clock.extended_due)
    now, reason = timezone.now(), reason.strip()
    item.due_at, item.extended_at, item.extension_reason = new_due, now, reason
    item.save(update_fields=["due_at", "extended_at", "extension_reason"])
    # The case keeps the latest extension's reason (its letter and its export read it there) and its earliest date.
    case.extended_at, case.extension_reason = now, reason
    _summarise(case, list(case.requests.all()))
    new_version = case_save(case, ["due_at", "jurisdiction", "extended_at", "extension_reason", "updated_at"])
    _event(
        case,
        actor,
        what="extended",
        request_type=item.request_type,
        due=new_due.isoformat(),
        previous=previous.isoformat() if previous else "",
        reason=reason,
        **{VERSION_KEY: new_version},
    )
    policy = policy_for(organization, case.kind, [item.request_type], rules=[])
    with translation.override(case.language):  # the notice's words, in the requester's language
        right = str(RequestType(item.request_type).label)
        period = policy.extension.label
    notification_create(
        case=case,
        kind=NotificationKind.EXTENSION,
        dedupe_key=f"ext:{case.pk}:{item.pk}",
        context={"reason": reason, "new_due": new_due.isoformat(), "period": period, "right": right},
    )
    return case
