"""Case.closed_at: the start of a closed case's retention period."""

import pytest

from privacydesk.cases.models import Case
from privacydesk.cases.services import case_transition
from privacydesk.cases.workflow import Action, Status

from .helpers import answered_inquiry, close_request, verified_request

pytestmark = pytest.mark.django_db


def test_closed_at_is_set_when_a_case_is_replied_to_and_kept_when_it_is_then_closed(organization, reception):
    case = verified_request(organization, reception)
    assert case.closed_at is None
    case = close_request(case, reception)
    replied_at = case.closed_at
    assert case.status == Status.REPLIED and replied_at is not None
    case_transition(case_id=case.pk, action=Action.CLOSE, actor=reception)
    assert Case.objects.get(pk=case.pk).closed_at == replied_at


def test_closed_at_is_set_on_withdrawal(organization, reception):
    case = verified_request(organization, reception)
    case_transition(case_id=case.pk, action=Action.WITHDRAW, actor=reception)
    assert Case.objects.get(pk=case.pk).closed_at is not None


def test_closed_at_is_cleared_when_a_case_becomes_open_again(organization, reception, monkeypatch):
    from privacydesk.cases import workflow

    case = answered_inquiry(organization, reception)
    assert case.closed_at is not None
    # No "reopen" action exists in the workflow table yet: this entry stands for one.
    monkeypatch.setitem(workflow.TRANSITIONS, (Status.REPLIED, Action.START), Status.IN_PROGRESS)
    case_transition(case_id=case.pk, action=Action.START, actor=reception)
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.IN_PROGRESS and case.closed_at is None
