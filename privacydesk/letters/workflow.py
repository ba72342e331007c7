"""The letter's lifecycle: one table of (status, action) → next status, and the guards on it.

``services.letter_transition`` is the only caller of ``next_status``: it locks the letter, checks this table,
saves the new status and writes the timeline event. Nothing else sets ``Letter.status``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacydesk.core.errors import ActionRefused

from .models import Letter, LetterStatus

StrOrPromise = str | Promise

Status = LetterStatus


class Action(models.TextChoices):
    SUBMIT = "submit", pgettext_lazy("letter action", "Submit for approval")
    APPROVE = "approve", pgettext_lazy("letter action", "Approve")
    DELIVER = "deliver", pgettext_lazy("letter action", "Deliver on the tracking page")
    POST = "post", pgettext_lazy("letter action", "Mark as posted")
    SUPERSEDE = "supersede", pgettext_lazy("letter action", "Replace with a newer version")
    FAIL = "fail", pgettext_lazy("letter action", "Stop trying to produce")
    RETRY = "retry", pgettext_lazy("letter action", "Try again")


TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.SUBMIT): Status.AWAITING_APPROVAL,
    (Status.DRAFT, Action.APPROVE): Status.APPROVED,
    (Status.AWAITING_APPROVAL, Action.APPROVE): Status.APPROVED,
    (Status.APPROVED, Action.DELIVER): Status.DELIVERED,
    (Status.APPROVED, Action.POST): Status.POSTED,
    (Status.APPROVED, Action.FAIL): Status.FAILED,
    (Status.FAILED, Action.RETRY): Status.APPROVED,
    **{
        (s, Action.SUPERSEDE): Status.SUPERSEDED
        for s in (Status.DRAFT, Status.AWAITING_APPROVAL, Status.APPROVED, Status.FAILED)
    },
}


@dataclass(frozen=True)
class Guard:
    check: Callable[[Letter], bool]
    message: StrOrPromise


def _approval_in_order(letter: Letter) -> bool:
    """A decision letter is approved only once it waits for the supervisor; the others straight from the draft."""
    return letter.status == Status.AWAITING_APPROVAL or not letter.needs_approval


GUARDS: dict[Action, list[Guard]] = {
    Action.SUBMIT: [Guard(lambda letter: letter.needs_approval, _("This letter needs no approval."))],
    Action.APPROVE: [Guard(_approval_in_order, _("Submit the letter for approval first."))],
    Action.DELIVER: [
        Guard(lambda letter: not letter.by_post, _("A letter sent by post is marked as posted, not delivered."))
    ],
}


class InvalidTransition(ActionRefused):
    """A change the table does not allow from the letter's current status, or a failed guard."""


def next_status(letter: Letter, action: Action) -> Status:
    try:
        target = TRANSITIONS[(Status(letter.status), action)]
    except KeyError:
        raise InvalidTransition(
            _("“%(action)s” is not possible while the letter is “%(status)s”.")
            % {"action": Action(action).label, "status": Status(letter.status).label}
        ) from None
    for guard in GUARDS.get(action, []):
        if not guard.check(letter):
            raise InvalidTransition(guard.message)
    return target


def statuses_allowing(action: Action) -> list[Status]:
    """The statuses from which ``action`` is in the table (guards aside), e.g. the letters a new version replaces."""
    return [status for (status, a) in TRANSITIONS if a == action]
