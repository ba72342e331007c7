"""The workflow table, without the database."""

from types import SimpleNamespace

import pytest

from privacydesk.cases.workflow import TRANSITIONS, Action, InvalidTransition, Status, allowed_actions, next_status


def case(status):
    return SimpleNamespace(status=status)


def test_the_normal_path_runs_from_received_to_closed():
    c = case(Status.RECEIVED)
    for action, expected in [
        (Action.START, Status.IN_PROGRESS),
        (Action.ASK_REQUESTER, Status.AWAITING_REQUESTER),
        (Action.REQUESTER_REPLIED, Status.IN_PROGRESS),
        (Action.DECIDE, Status.DECIDED),
        (Action.REPLY, Status.REPLIED),
        (Action.CLOSE, Status.CLOSED),
    ]:
        c.status = next_status(c, action)
        assert c.status == expected


def test_a_closed_case_cannot_be_decided_again(english):
    with pytest.raises(InvalidTransition) as error:
        next_status(case(Status.CLOSED), Action.DECIDE)
    assert "Closed" in error.value.message


def test_every_open_status_can_be_withdrawn_and_no_closed_one():
    for status in Status:
        allowed = Action.WITHDRAW in allowed_actions(case(status))
        assert allowed == (status in {Status.RECEIVED, Status.AWAITING_REQUESTER, Status.IN_PROGRESS, Status.DECIDED})


def test_the_table_only_names_known_statuses_and_actions():
    for (status, action), target in TRANSITIONS.items():
        assert status in Status.values and action in Action.values and target in Status.values
