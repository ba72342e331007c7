"""The letter's lifecycle table, without the database."""

from types import SimpleNamespace

import pytest

from privacydesk.letters.workflow import (
    TRANSITIONS,
    Action,
    InvalidTransition,
    Status,
    next_status,
    statuses_allowing,
)


def letter(status, needs_approval=False, by_post=True):
    return SimpleNamespace(status=status, needs_approval=needs_approval, by_post=by_post)


def run(item, *actions):
    for action in actions:
        item.status = next_status(item, action)
    return item.status


def test_a_decision_letter_goes_to_the_supervisor_then_to_the_post():
    item = letter(Status.DRAFT, needs_approval=True)
    assert run(item, Action.SUBMIT) == Status.AWAITING_APPROVAL
    assert run(item, Action.APPROVE, Action.POST) == Status.POSTED


def test_another_letter_is_approved_from_the_draft_and_delivered_electronically():
    assert run(letter(Status.DRAFT, by_post=False), Action.APPROVE, Action.DELIVER) == Status.DELIVERED


def test_a_decision_letter_is_not_approved_before_it_is_submitted(english):
    with pytest.raises(InvalidTransition) as error:
        next_status(letter(Status.DRAFT, needs_approval=True), Action.APPROVE)
    assert error.value.message == "Submit the letter for approval first."


def test_a_letter_that_needs_no_approval_is_not_submitted_for_it():
    with pytest.raises(InvalidTransition):
        next_status(letter(Status.DRAFT), Action.SUBMIT)


def test_a_letter_by_post_is_posted_not_delivered():
    with pytest.raises(InvalidTransition):
        next_status(letter(Status.APPROVED, by_post=True), Action.DELIVER)


def test_a_failed_letter_is_tried_again_from_approved_and_nothing_else_fails():
    assert run(letter(Status.APPROVED), Action.FAIL, Action.RETRY) == Status.APPROVED
    assert [s for s in Status if (s, Action.FAIL) in TRANSITIONS] == [Status.APPROVED]


def test_a_sent_letter_is_never_replaced_and_an_unsent_one_always_can_be(english):
    assert set(statuses_allowing(Action.SUPERSEDE)) == {
        Status.DRAFT,
        Status.AWAITING_APPROVAL,
        Status.APPROVED,
        Status.FAILED,
    }
    with pytest.raises(InvalidTransition) as error:
        next_status(letter(Status.POSTED), Action.SUPERSEDE)
    assert "Posted" in error.value.message


def test_nothing_leaves_a_sent_or_replaced_letter():
    for status in (Status.POSTED, Status.DELIVERED, Status.SUPERSEDED):
        assert not [action for (s, action) in TRANSITIONS if s == status]


def test_the_table_only_names_known_statuses_and_actions():
    for (status, action), target in TRANSITIONS.items():
        assert status in Status.values and action in Action.values and target in Status.values
