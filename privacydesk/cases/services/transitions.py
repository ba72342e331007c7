"""The one way to change a case's status."""

from django.db import transaction
from django.utils import timezone

from ..models import Case, EventKind
from ..timeline import event_record
from ..workflow import OPEN_STATUSES, Action, Status, next_status
from .deadlines import deadline_pause, deadline_resume
from .versions import VERSION_KEY, case_lock, case_save


@transaction.atomic
def case_transition(*, case_id: int, action: Action, actor=None, note: str = "", version: int | None = None) -> Case:
    """The one way to change a case's status: lock, check the table and guards, record the event.

    ``version`` is the case version the member of staff saw: the change is refused when the case moved since.
    """
    case = case_lock(case_id, version=version)
    target = next_status(case, action)
    if target != case.status:
        previous = case.status
        case.status = target
        # The retention period of a case runs from the day it stopped being open (replied, closed, …).
        if target in OPEN_STATUSES:
            case.closed_at = None
        elif case.closed_at is None:
            case.closed_at = timezone.now()
        new_version = case_save(case, ["status", "closed_at", "updated_at"])
        event_record(
            case=case,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            data={"from": previous, "to": target, "action": action, "note": note, VERSION_KEY: new_version},
        )
        # The clock stops while the case waits for the requester and resumes when they answer.
        if target == Status.AWAITING_REQUESTER:
            deadline_pause(case=case, actor=actor)
        elif previous == Status.AWAITING_REQUESTER:
            deadline_resume(case=case, actor=actor)
    return case
