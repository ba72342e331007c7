"""The case workflow: one table of (status, action) → next status, and the guards on it.

Services are the only callers of ``next_status``; views ask ``allowed_actions`` to draw buttons.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import FEE_SETTLED, OPEN_STATUSES, Kind, Status
from .models import Case


class Action(models.TextChoices):
    START = "start", pgettext_lazy("case action", "Start work")
    ASK_REQUESTER = "ask_requester", pgettext_lazy("case action", "Ask the requester")
    REQUESTER_REPLIED = "requester_replied", pgettext_lazy("case action", "Requester replied")
    DECIDE = "decide", pgettext_lazy("case action", "Record the decision")
    REPLY = "reply", pgettext_lazy("case action", "Mark as replied")
    CLOSE = "close", pgettext_lazy("case action", "Close")
    WITHDRAW = "withdraw", pgettext_lazy("case action", "Record withdrawal")
    REJECT = "reject", pgettext_lazy("case action", "Reject as incomplete")
    MERGE = "merge", pgettext_lazy("case action", "Merge into another case")


TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.RECEIVED, Action.START): Status.IN_PROGRESS,
    (Status.RECEIVED, Action.ASK_REQUESTER): Status.AWAITING_REQUESTER,
    (Status.RECEIVED, Action.REQUESTER_REPLIED): Status.RECEIVED,
    (Status.IN_PROGRESS, Action.ASK_REQUESTER): Status.AWAITING_REQUESTER,
    (Status.IN_PROGRESS, Action.REQUESTER_REPLIED): Status.IN_PROGRESS,
    (Status.AWAITING_REQUESTER, Action.REQUESTER_REPLIED): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.DECIDE): Status.DECIDED,
    (Status.DECIDED, Action.REPLY): Status.REPLIED,
    (Status.REPLIED, Action.CLOSE): Status.CLOSED,
    (Status.DECIDED, Action.REQUESTER_REPLIED): Status.DECIDED,
    (Status.REPLIED, Action.REQUESTER_REPLIED): Status.REPLIED,
    **{(s, Action.WITHDRAW): Status.WITHDRAWN for s in OPEN_STATUSES},
    **{(s, Action.MERGE): Status.CLOSED for s in OPEN_STATUSES},
    (Status.RECEIVED, Action.REJECT): Status.REJECTED,
    (Status.AWAITING_REQUESTER, Action.REJECT): Status.REJECTED,
}


@dataclass(frozen=True)
class Guard:
    check: Callable[[Case], bool]
    message: str


def _identity_verified(case: Case) -> bool:
    return case.kind != Kind.REQUEST or case.identity_verified


def _fee_settled(case: Case) -> bool:
    return case.fee_status in FEE_SETTLED


def _requests_settled(case: Case) -> bool:
    return case.kind != Kind.REQUEST or all(r.is_settled for r in case.requests.all())


def _outcome_recorded(case: Case) -> bool:
    return case.kind == Kind.REQUEST or bool(case.outcome.strip())


# Guards that must hold before an action, each with the message shown when it does not.
GUARDS: dict[Action, list[Guard]] = {
    Action.DECIDE: [
        Guard(_identity_verified, _("The requester's identity has not been verified yet.")),
        Guard(_fee_settled, _("The handling fee has not been received or waived yet.")),
        Guard(
            _requests_settled,
            _("Record a decision on every request type (and the supervisor's approval of refusals) first."),
        ),
        Guard(_outcome_recorded, _("Record the outcome first.")),
    ],
}


class InvalidTransition(Exception):
    """A transition the workflow does not allow from the case's current status, or a failed guard."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def next_status(case: Case, action: Action) -> Status:
    try:
        target = TRANSITIONS[(Status(case.status), action)]
    except KeyError:
        raise InvalidTransition(
            _("“%(action)s” is not possible while the case is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(case.status).label}
        ) from None
    for guard in GUARDS.get(action, []):
        if not guard.check(case):
            raise InvalidTransition(str(guard.message))
    return target


def allowed_actions(case: Case) -> list[Action]:
    status = Status(case.status)
    return [
        action
        for (from_status, action) in TRANSITIONS
        if from_status == status and all(g.check(case) for g in GUARDS.get(action, []))
    ]
