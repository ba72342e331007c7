"""The workflow table, without the database."""

from types import SimpleNamespace

import pytest

from privacydesk.cases.workflow import TRANSITIONS, Action, InvalidTransition, Status, allowed_actions, next_status


def case(
    status, kind="inquiry", outcome="Answered by phone.", identity_verified=True, fee_status="not_required", requests=()
):
    return SimpleNamespace(
        status=status,
        kind=kind,
        outcome=outcome,
        identity_verified=identity_verified,
        fee_status=fee_status,
        requests=SimpleNamespace(all=lambda: list(requests)),
    )


def settled(decided=True):
    return SimpleNamespace(is_settled=decided)


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


def test_case_transition_refuses_decide_when_identity_unverified(english):
    with pytest.raises(InvalidTransition) as error:
        next_status(
            case(Status.IN_PROGRESS, kind="request", identity_verified=False, requests=[settled()]), Action.DECIDE
        )
    assert error.value.message == "The requester's identity has not been verified yet."


def test_a_charged_request_is_not_decided_before_the_fee_is_received_or_waived(english):
    c = case(Status.IN_PROGRESS, kind="request", fee_status="due", requests=[settled()])
    with pytest.raises(InvalidTransition) as error:
        next_status(c, Action.DECIDE)
    assert "handling fee" in error.value.message
    for status in ("received", "waived", "not_required"):
        c.fee_status = status
        assert next_status(c, Action.DECIDE) == Status.DECIDED


def test_a_request_is_decided_only_when_every_request_type_is_settled():
    c = case(Status.IN_PROGRESS, kind="request", requests=[settled(), settled(False)])
    assert Action.DECIDE not in allowed_actions(c)
    c.requests = SimpleNamespace(all=lambda: [settled(), settled()])
    assert Action.DECIDE in allowed_actions(c)


def test_an_inquiry_is_decided_only_with_an_outcome():
    assert Action.DECIDE not in allowed_actions(case(Status.IN_PROGRESS, outcome=" "))
    assert Action.DECIDE in allowed_actions(case(Status.IN_PROGRESS))
