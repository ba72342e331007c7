"""Setting, pausing, resuming and extending a case's deadlines. Each change is on the timeline with its reason.

The rules (the law's defaults and the desk's own overrides) and the business-day calendar are the desk's
configuration, in ``privacydesk.organizations``; the writes on the case are here, with the case's other services.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.calendar import DeskCalendar, end_of_day
from privacydesk.organizations.deadlines import compute, policy_for
from privacydesk.organizations.models import Unit

from ..models import Case, EventKind, NotificationKind
from ..notifications import notification_create
from ..timeline import event_record
from .versions import VERSION_KEY, case_lock, case_save


def _event(case: Case, actor, **data) -> None:
    event_record(case=case, kind=EventKind.DEADLINE, actor=actor, data=data)


def _request_types(case: Case) -> list[str]:
    return list(case.requests.values_list("request_type", flat=True))


def deadline_set(*, case: Case, actor=None) -> None:
    """Compute both deadlines from the date of arrival (called in the transaction that files the case)."""
    organization = case.organization
    policy = policy_for(organization, case.kind, _request_types(case))
    deadlines = compute(policy, DeskCalendar.for_organization(organization), case.received_at)
    case.jurisdiction = policy.jurisdiction
    case.ack_due_at, case.due_at = deadlines.ack_due, deadlines.response_due
    case.save(update_fields=["jurisdiction", "ack_due_at", "due_at", "updated_at"])
    _event(
        case,
        actor,
        what="set",
        due=deadlines.response_due.isoformat(),
        ack_due=deadlines.ack_due.isoformat(),
        rule=policy.response.label,
        received_on=deadlines.received_on.isoformat(),
    )


def deadline_pause(*, case: Case, actor=None) -> None:
    """The case waits for the requester: the clock stops."""
    if case.clock_paused_at is None:
        case.clock_paused_at = timezone.now()
        case.save(update_fields=["clock_paused_at", "updated_at"])
        _event(case, actor, what="paused")


def deadline_resume(*, case: Case, actor=None) -> None:
    """The requester answered: the deadline moves by the time the clock stood still."""
    if case.clock_paused_at is None or case.due_at is None:
        return
    calendar = DeskCalendar.for_organization(case.organization)
    policy = policy_for(case.organization, case.kind, _request_types(case))
    paused_on, today = timezone.localdate(case.clock_paused_at), timezone.localdate()
    due_day = timezone.localdate(case.due_at)
    if policy.response.unit == Unit.BUSINESS_DAYS:
        waited = calendar.business_days_between(paused_on, today)
        new_due = calendar.add_business_days(due_day, waited)
    else:
        waited = (today - paused_on).days
        new_due = calendar.on_or_after(due_day + (today - paused_on))
    case.due_at, case.clock_paused_at = end_of_day(new_due), None
    case.save(update_fields=["due_at", "clock_paused_at", "updated_at"])
    _event(case, actor, what="resumed", due=case.due_at.isoformat(), waited=waited, unit=policy.response.unit)


def extension_available(case: Case) -> bool:
    policy = policy_for(case.organization, case.kind, _request_types(case))
    return policy.extension is not None and case.extended_at is None and case.is_open


@transaction.atomic
def deadline_extend(*, case_id: int, actor, reason: str, version: int | None = None) -> Case:
    """Extend where the law allows it, once, with reasons; the requester is told in their language.

    ``version`` is the case version the member of staff saw: refused when the case changed since.
    """
    case = case_lock(case_id, version=version, related=("organization",))
    policy = policy_for(case.organization, case.kind, _request_types(case))
    if policy.extension is None:
        raise ActionRefused(_("The law applying to this case allows no extension of the deadline."))
    if case.extended_at is not None:
        raise ActionRefused(_("The deadline of this case has already been extended."))
    if not reason.strip():
        raise ActionRefused(_("Give the reason for the extension; the requester is told."))
    if case.due_at and case.due_at < timezone.now():
        raise ActionRefused(_("The deadline has passed: an extension must be notified within the first period."))
    calendar = DeskCalendar.for_organization(case.organization)
    new_due = end_of_day(policy.extension.end(calendar, timezone.localdate(case.due_at)))
    previous = case.due_at
    case.due_at, case.extended_at, case.extension_reason = new_due, timezone.now(), reason.strip()
    new_version = case_save(case, ["due_at", "extended_at", "extension_reason", "updated_at"])
    _event(
        case,
        actor,
        what="extended",
        due=new_due.isoformat(),
        previous=previous.isoformat() if previous else "",
        reason=case.extension_reason,
        **{VERSION_KEY: new_version},
    )
    notification_create(
        case=case,
        kind=NotificationKind.EXTENSION,
        dedupe_key=f"ext:{case.pk}",
        context={"reason": case.extension_reason, "new_due": new_due.isoformat(), "period": policy.extension.label},
    )
    return case
