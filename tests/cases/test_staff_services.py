"""The desk's work on a request: identity, fee, decisions with the supervisor's approval, merge."""

from datetime import date

import pytest

from privacydesk.cases.models import Case, CaseEvent, Notification
from privacydesk.cases.services import case_submit, case_transition
from privacydesk.cases.services import staff as services
from privacydesk.cases.services.intake import Agent
from privacydesk.cases.workflow import Action, InvalidTransition, Status
from privacydesk.core.errors import ActionRefused
from tests.cases.helpers import submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def case(organization):
    c = case_submit(organization=organization, submission=submission(units=2))
    case_transition(case_id=c.pk, action=Action.START)
    return Case.objects.get(pk=c.pk)


def verify(case, actor, **overrides):
    values = {"method": "document", "result": "verified", "document_type": "passport", "masking_confirmed": True}
    return services.identity_verify(case_id=case.pk, actor=actor, **{**values, **overrides})


def test_a_document_copy_is_accepted_only_after_the_masking_checklist(case, reception):
    with pytest.raises(ActionRefused, match="masking checklist"):
        verify(case, reception, masking_confirmed=False)
    verify(case, reception)
    assert Case.objects.get(pk=case.pk).identity_verified


def test_an_agent_needs_proof_of_authority(organization, reception):
    agent = Agent(agent_type="appointed", name="代理 花子", email="agent@example.com")
    c = case_submit(organization=organization, submission=submission(agent=agent))
    with pytest.raises(ActionRefused, match="proof of their authority"):
        verify(c, reception)
    verify(c, reception, agent_proof="power_of_attorney")


def test_a_failed_verification_leaves_the_case_unverified(case, reception):
    verify(case, reception)
    verify(case, reception, result="failed")
    assert not Case.objects.get(pk=case.pk).identity_verified


def test_fee_received_in_full_settles_it(case, reception):
    assert case.fee_amount == 2000 and case.fee_status == "due"
    pay = {"kind": "payment", "method": "postal_money_order", "received_on": date(2026, 11, 20)}
    services.fee_record(case_id=case.pk, actor=reception, amount=1000, **pay)
    assert Case.objects.get(pk=case.pk).fee_status == "due"
    services.fee_record(case_id=case.pk, actor=reception, amount=1000, **pay)
    assert Case.objects.get(pk=case.pk).fee_status == "received"


def test_a_waiver_or_an_extra_fee_needs_a_reason(case, reception):
    with pytest.raises(ActionRefused):
        services.fee_record(case_id=case.pk, actor=reception, kind="waiver")
    services.fee_record(case_id=case.pk, actor=reception, kind="extra", amount=500, reason="紙の記録を複写")
    c = Case.objects.get(pk=case.pk)
    assert (c.fee_amount, c.fee_status) == (2500, "due")
    services.fee_record(case_id=case.pk, actor=reception, kind="waiver", reason="当社の誤りによる再請求")
    assert Case.objects.get(pk=case.pk).fee_status == "waived"


def test_no_decision_before_identity_is_verified(case, reception):
    item = case.requests.get()
    with pytest.raises(ActionRefused, match="identity"):
        services.decision_record(request_id=item.pk, actor=reception, decision="granted")


def test_a_charged_request_type_is_not_decided_before_the_fee(case, reception):
    verify(case, reception)
    item = case.requests.get()
    with pytest.raises(ActionRefused, match="fee"):
        services.decision_record(request_id=item.pk, actor=reception, decision="granted")


def test_a_refusal_needs_reasons_and_a_supervisors_approval(case, reception, supervisor):
    verify(case, reception)
    services.fee_record(case_id=case.pk, actor=reception, kind="waiver", reason="免除")
    item = case.requests.get()
    with pytest.raises(ActionRefused, match="legal ground"):
        services.decision_record(request_id=item.pk, actor=reception, decision="refused")
    services.decision_record(
        request_id=item.pk, actor=reception, decision="refused", legal_ground="business", reason="業務に著しい支障"
    )
    with pytest.raises(InvalidTransition):
        case_transition(case_id=case.pk, action=Action.DECIDE)  # not approved yet
    with pytest.raises(ActionRefused):
        services.decision_approve(request_id=item.pk, actor=reception, approve=True)  # not a supervisor
    services.decision_approve(request_id=item.pk, actor=supervisor, approve=True)
    assert case_transition(case_id=case.pk, action=Action.DECIDE).status == Status.DECIDED


def test_nobody_approves_their_own_refusal(case, supervisor):
    verify(case, supervisor)
    services.fee_record(case_id=case.pk, actor=supervisor, kind="waiver", reason="免除")
    item = case.requests.get()
    services.decision_record(
        request_id=item.pk, actor=supervisor, decision="partial", legal_ground="harm", reason="第三者の情報"
    )
    with pytest.raises(ActionRefused, match="another person"):
        services.decision_approve(request_id=item.pk, actor=supervisor, approve=True)


def test_asking_the_requester_waits_for_them_and_mails_them(case, reception):
    services.requester_message_send(
        case_id=case.pk, actor=reception, body="本人確認書類の写しをお送りください。", ask=True
    )
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_REQUESTER
    notification = Notification.objects.get(case=case, kind="desk_message")
    assert notification.context["body"].startswith("本人確認書類")


def test_merging_closes_the_duplicate_and_both_timelines_say_so(organization, reception):
    a = case_submit(organization=organization, submission=submission())
    b = case_submit(organization=organization, submission=submission())
    services.case_merge(case_id=b.pk, into_id=a.pk, actor=reception)
    b.refresh_from_db()
    assert b.status == Status.CLOSED and b.merged_into_id == a.pk
    assert CaseEvent.objects.filter(case=a, kind="merged").exists()
    assert CaseEvent.objects.filter(case=b, kind="merged").exists()


def test_cases_of_two_organisations_are_never_linked(organization, reception):
    from tests.factories import OrganizationFactory

    a = case_submit(organization=organization, submission=submission())
    b = case_submit(organization=OrganizationFactory(), submission=submission())
    with pytest.raises(ActionRefused):
        services.case_link(case_id=a.pk, other_id=b.pk, actor=reception)


def test_an_assignee_must_work_for_the_organisation(case, reception):
    from tests.factories import UserFactory

    with pytest.raises(ActionRefused):
        services.case_assign(case_id=case.pk, assignee=UserFactory(), actor=reception)
    services.case_assign(case_id=case.pk, assignee=reception, actor=reception)
    assert Case.objects.get(pk=case.pk).assignee == reception
