"""The reception desk's work on a case: assignment, notes, identity, fee, decisions, messages, links."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacydesk.accounts.models import User
from privacydesk.core.errors import ActionRefused
from privacydesk.core.vocabulary import RequestType

from ..models import (
    Approval,
    Case,
    CaseEvent,
    CaseLink,
    CaseRequest,
    Decision,
    EventKind,
    FeeRecord,
    FeeStatus,
    IdentityVerification,
    Kind,
    Message,
    NotificationKind,
)
from ..notifications import notification_create
from ..workflow import OPEN_STATUSES, Action, InvalidTransition
from .transitions import case_transition


def _locked(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


def _event(case: Case, what: EventKind, actor: User | None, **data) -> None:
    CaseEvent.objects.create(case=case, kind=what, actor=actor, data=data)


@transaction.atomic
def case_assign(*, case_id: int, assignee: User | None, actor: User) -> Case:
    case = _locked(case_id)
    if assignee is not None and not assignee.organizations.filter(pk=case.organization_id).exists():
        raise ActionRefused(_("That person does not work for this organisation's desk."))
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    _event(case, EventKind.ASSIGNED, actor, assignee=assignee.get_username() if assignee else "")
    return case


@transaction.atomic
def case_note_add(*, case_id: int, text: str, actor: User) -> None:
    case = _locked(case_id)
    _event(case, EventKind.NOTE, actor, text=text.strip())


@transaction.atomic
def identity_verify(
    *,
    case_id: int,
    actor: User,
    method: str,
    result: str,
    matched_items: str = "",
    document_type: str = "",
    masking_confirmed: bool = False,
    agent_proof: str = "",
    note: str = "",
) -> IdentityVerification:
    case = _locked(case_id)
    if method == "document" and result == "verified" and not masking_confirmed:
        raise ActionRefused(_("Confirm the masking checklist before accepting a copy of an identity document."))
    if case.has_agent and result == "verified" and not agent_proof:
        raise ActionRefused(_("An agent acts in this case: record the proof of their authority."))
    verification = IdentityVerification.objects.create(
        case=case,
        method=method,
        result=result,
        matched_items=matched_items.strip(),
        document_type=document_type,
        masking_confirmed=masking_confirmed,
        agent_proof=agent_proof,
        note=note.strip(),
        verified_by=actor,
    )
    case.identity_verified = result == IdentityVerification.Result.VERIFIED
    case.save(update_fields=["identity_verified", "updated_at"])
    _event(case, EventKind.IDENTITY, actor, method=method, result=result, document_type=document_type)
    return verification


@transaction.atomic
def fee_record(
    *,
    case_id: int,
    actor: User,
    kind: str,
    amount: int = 0,
    method: str = "",
    received_on: date | None = None,
    reason: str = "",
) -> FeeRecord:
    case = _locked(case_id)
    if kind in (FeeRecord.Kind.WAIVER, FeeRecord.Kind.EXTRA) and not reason.strip():
        raise ActionRefused(_("Give the reason for waiving the fee or charging an extra fee."))
    if kind == FeeRecord.Kind.PAYMENT and not (method and received_on):
        raise ActionRefused(_("Record how and when the fee was paid."))
    record = FeeRecord.objects.create(
        case=case,
        kind=kind,
        amount=amount,
        method=method,
        received_on=received_on,
        reason=reason.strip(),
        recorded_by=actor,
    )
    if kind == FeeRecord.Kind.EXTRA:
        case.fee_amount += amount
    paid = sum(r.amount for r in case.fee_records.filter(kind=FeeRecord.Kind.PAYMENT))
    if case.fee_records.filter(kind=FeeRecord.Kind.WAIVER).exists() and kind != FeeRecord.Kind.EXTRA:
        case.fee_status = FeeStatus.WAIVED
    elif case.fee_amount == 0:
        case.fee_status = FeeStatus.NOT_REQUIRED
    else:
        case.fee_status = FeeStatus.RECEIVED if paid >= case.fee_amount else FeeStatus.DUE
    case.save(update_fields=["fee_amount", "fee_status", "updated_at"])
    _event(case, EventKind.FEE, actor, kind=kind, amount=amount, method=method, status=case.fee_status, reason=reason)
    return record


@transaction.atomic
def decision_record(
    *, request_id: int, actor: User, decision: str, legal_ground: str = "", reason: str = ""
) -> CaseRequest:
    item = CaseRequest.objects.select_related("case").get(pk=request_id)
    case = _locked(item.case_id)
    if not case.identity_verified:
        raise ActionRefused(_("Verify the requester's identity before deciding."))
    if RequestType(item.request_type).chargeable and case.fee_status not in (
        FeeStatus.NOT_REQUIRED,
        FeeStatus.RECEIVED,
        FeeStatus.WAIVED,
    ):
        raise ActionRefused(_("This request type is charged: record the fee as received or waived first."))
    if decision in (Decision.REFUSED, Decision.PARTIAL) and not (legal_ground and reason.strip()):
        raise ActionRefused(
            _(
                "A refusal or partial grant needs the legal ground and the reasons, for the explanation the law requires."
            )
        )
    item.decision = decision
    item.legal_ground = legal_ground if decision in (Decision.REFUSED, Decision.PARTIAL) else ""
    item.reason = reason.strip()
    item.decided_by, item.decided_at = actor, timezone.now()
    item.approval = Approval.PENDING if item.needs_approval else Approval.NOT_NEEDED
    item.approved_by = item.approved_at = None
    item.save()
    _event(
        case, EventKind.DECISION, actor, request_type=item.request_type, decision=decision, legal_ground=legal_ground
    )
    return item


@transaction.atomic
def decision_approve(*, request_id: int, actor: User, approve: bool, note: str = "") -> CaseRequest:
    item = CaseRequest.objects.select_related("case").get(pk=request_id)
    case = _locked(item.case_id)
    if not actor.is_supervisor:
        raise ActionRefused(_("Only the person responsible for personal information can approve a refusal."))
    if item.approval != Approval.PENDING:
        raise ActionRefused(_("This decision is not waiting for approval."))
    if item.decided_by_id == actor.pk:
        raise ActionRefused(_("A decision needs the approval of another person than the one who made it."))
    item.approval = Approval.APPROVED if approve else Approval.RETURNED
    item.approved_by, item.approved_at = actor, timezone.now()
    item.save(update_fields=["approval", "approved_by", "approved_at"])
    _event(case, EventKind.APPROVAL, actor, request_type=item.request_type, approved=approve, note=note.strip())
    return item


@transaction.atomic
def outcome_record(*, case_id: int, actor: User, outcome: str) -> Case:
    case = _locked(case_id)
    if case.kind == Kind.REQUEST:
        raise ActionRefused(_("Requests are decided per request type."))
    case.outcome = outcome.strip()
    case.save(update_fields=["outcome", "updated_at"])
    _event(case, EventKind.OUTCOME, actor, outcome=case.outcome)
    return case


@transaction.atomic
def requester_message_send(*, case_id: int, actor: User, body: str, ask: bool = False) -> Message:
    """A message to the requester: on the tracking page and by e-mail. ``ask`` puts the case on hold for them."""
    case = _locked(case_id)
    message = Message.objects.create(
        case=case, direction=Message.Direction.TO_REQUESTER, body=body.strip(), author=actor
    )
    _event(case, EventKind.MESSAGE_OUT, actor, message=message.pk, ask=ask)
    if ask:
        case_transition(case_id=case.pk, action=Action.ASK_REQUESTER, actor=actor)
    notification_create(
        case=case, kind=NotificationKind.DESK_MESSAGE, dedupe_key=f"out:{message.pk}", context={"body": message.body}
    )
    return message


@transaction.atomic
def case_link(*, case_id: int, other_id: int, actor: User) -> None:
    case, other = _locked(case_id), _locked(other_id)
    if case.organization_id != other.organization_id or case.pk == other.pk:
        raise ActionRefused(_("Only two different cases of the same organisation can be linked."))
    CaseLink.objects.get_or_create(from_case=case, to_case=other, defaults={"created_by": actor})
    _event(case, EventKind.LINKED, actor, other=other.reference)
    _event(other, EventKind.LINKED, actor, other=case.reference)


@transaction.atomic
def case_merge(*, case_id: int, into_id: int, actor: User) -> Case:
    """Close ``case_id`` as merged into ``into_id``; both timelines say so, the documents stay where they are."""
    case, into = _locked(case_id), _locked(into_id)
    if case.organization_id != into.organization_id or case.pk == into.pk:
        raise ActionRefused(_("Only two different cases of the same organisation can be merged."))
    if into.status not in OPEN_STATUSES:
        raise ActionRefused(_("Merge into a case that is still open."))
    try:
        case_transition(case_id=case.pk, action=Action.MERGE, actor=actor, note=into.reference)
    except InvalidTransition as error:
        raise ActionRefused(error.message) from None
    Case.objects.filter(pk=case.pk).update(merged_into=into)
    CaseLink.objects.get_or_create(from_case=case, to_case=into, defaults={"created_by": actor})
    _event(case, EventKind.MERGED, actor, into=into.reference)
    _event(into, EventKind.MERGED, actor, merged=case.reference)
    return into
