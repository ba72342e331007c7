"""The one way to change a case's status."""

from django.db import transaction

from ..models import Case, CaseEvent, EventKind
from ..workflow import Action, next_status


@transaction.atomic
def case_transition(*, case_id: int, action: Action, actor=None, note: str = "") -> Case:
    """The one way to change a case's status: lock, check the table and guards, record the event."""
    case = Case.objects.select_for_update().get(pk=case_id)
    target = next_status(case, action)
    if target != case.status:
        previous = case.status
        case.status = target
        case.save(update_fields=["status", "updated_at"])
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.STATUS_CHANGED,
            actor=actor,
            data={"from": previous, "to": target, "action": action, "note": note},
        )
    return case
