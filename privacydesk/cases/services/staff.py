"""The reception desk's work on a case: assignment, notes, identity, fee, decisions, messages, links."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacydesk.accounts.models import User
from privacydesk.core.errors import ActionRefused
from privacydesk.core.vocabulary import RequestType

from ..choices import WITHHOLDING_DECISIONS
from ..models import (
    Approval,
    Case,
    CaseLink,
    CaseRequest,
    EventKind,
    FeeRecord,
    FeeStatus,
    IdentityVerification,
    Kind,
    Message,
    NotificationKind,
)
from ..notifications import notification_create
from ..timeline import event_record
from ..workflow import OPEN_STATUSES, Action, InvalidTransition
from .deadlines import deadline_due_refresh
from .transitions import case_transition
from .versions import VERSION_KEY, case_lock, case_save


def _locked(case_id: int, version: int | None = None) -> Case:
    """Lock the case row (always first); with ``version``, refuse a change made on an older page."""
    return case_lock(case_id, version=version)


def _event(case: Case, what: EventKind, actor: User | None, **data) -> None:
    event_record(case=case, kind=what, actor=actor, data=data)


def _change(case: Case, what: EventKind, actor: User | None, fields: list[str], **data) -> None:
    """Write the case's changed fields with the version bump, and the timeline event that says so."""
    _event(case, what, actor, **data, **{VERSION_KEY: case_save(case, fields)})


@transaction.atomic
def case_assign(*, case_id: int, assignee: User | None, actor: User, version: int | None = None) -> Case:
    case = _locked(case_id, version)
    if assignee is not None and not assignee.organizations.filter(pk=case.organization_id).exists():
        raise ActionRefused(_("That person does not work for this organisation's desk."))
    case.assignee = assignee
    _change(
        case,
        EventKind.ASSIGNED,
        actor,
        ["assignee", "updated_at"],
        assignee=assignee.get_username() if assignee else "",
    )
    return case


@transaction.atomic
def case_note_add(*, case_id: int, text: str, actor: User) -> None:
    """An append: it overwrites nothing, so it goes in even from an older page (and moves no version)."""
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
    version: int | None = None,
) -> IdentityVerification:
    case = _locked(case_id, version)
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
    _change(
        case,
        EventKind.IDENTITY,
        actor,
        ["identity_verified", "updated_at"],
        method=method,
        result=result,
        document_type=document_type,
    )
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
    version: int | None = None,
) -> FeeRecord:
    case = _locked(case_id, version)
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
    _change(
        case,
        EventKind.FEE,
        actor,
        ["fee_amount", "fee_status", "updated_at"],
        kind=kind,
        amount=amount,
        method=method,
        status=case.fee_status,
        reason=reason,
    )
    return record


@transaction.atomic
def decision_record(
    *,
    request_id: int,
    actor: User,
    decision: str,
    legal_ground: str = "",
    reason: str = "",
    version: int | None = None,
) -> CaseRequest:
    case = _locked(CaseRequest.objects.values_list("case_id", flat=True).get(pk=request_id), version)
    item = CaseRequest.objects.select_for_update().get(pk=request_id)  # the case first, then its request
    if not case.identity_verified:
        raise ActionRefused(_("Verify the requester's identity before deciding."))
    if RequestType(item.request_type).chargeable and not case.fee_settled:
        raise ActionRefused(_("This request type is charged: record the fee as received or waived first."))
    if decision in WITHHOLDING_DECISIONS and not (legal_ground and reason.strip()):
        raise ActionRefused(
            _(
                "A refusal or partial grant needs the legal ground and the reasons, for the explanation the law requires."
            )
        )
    item.decision = decision
    item.legal_ground = legal_ground if decision in WITHHOLDING_DECISIONS else ""
    item.reason = reason.strip()
    item.decided_by, item.decided_at = actor, timezone.now()
    item.approval = Approval.PENDING if item.needs_approval else Approval.NOT_NEEDED
    item.approved_by = item.approved_at = None
    item.save()
    _change(
        case,
        EventKind.DECISION,
        actor,
        ["updated_at", *deadline_due_refresh(case=case)],
        request_type=item.request_type,
        decision=decision,
        legal_ground=legal_ground,
    )
    return item


@transaction.atomic
def decision_approve(
    *, request_id: int, actor: User, approve: bool, note: str = "", version: int | None = None
) -> CaseRequest:
    case = _locked(CaseRequest.objects.values_list("case_id", flat=True).get(pk=request_id), version)
    item = CaseRequest.objects.select_for_update().get(pk=request_id)  # the case first, then its request
    if not actor.is_supervisor:
        raise ActionRefused(_("Only the person responsible for personal information can approve a refusal."))
    if item.approval != Approval.PENDING:
        raise ActionRefused(_("This decision is not waiting for approval."))
    if item.decided_by_id == actor.pk:
        raise ActionRefused(_("A decision needs the approval of another person than the one who made it."))
    item.approval = Approval.APPROVED if approve else Approval.RETURNED
    item.approved_by, item.approved_at = actor, timezone.now()
    item.save(update_fields=["approval", "approved_by", "approved_at"])
    _change(
        case,
        EventKind.APPROVAL,
        actor,
        ["updated_at", *deadline_due_refresh(case=case)],
        request_type=item.request_type,
        approved=approve,
        note=note.strip(),
    )
    return item


@transaction.atomic
def outcome_record(*, case_id: int, actor: User, outcome: str, version: int | None = None) -> Case:
    case = _locked(case_id, version)
    if case.kind == Kind.REQUEST:
        raise ActionRefused(_("Requests are decided per request type."))
    case.outcome = outcome.strip()
    _change(case, EventKind.OUTCOME, actor, ["outcome", "updated_at"], outcome=case.outcome)
    return case


@transaction.atomic
def requester_message_send(
    *, case_id: int, actor: User, body: str, ask: bool = False, version: int | None = None
) -> Message:
    """A message to the requester: on the tracking page and by e-mail. ``ask`` puts the case on hold for them.

    It leaves the desk for good, so it is refused when written on a page older than the case.
    """
    case = _locked(case_id, version)
    message = Message.objects.create(
        case=case, direction=Message.Direction.TO_REQUESTER, body=body.strip(), author=actor
    )
    _change(case, EventKind.MESSAGE_OUT, actor, ["updated_at"], message=message.pk, ask=ask)
    if ask:
        case_transition(case_id=case.pk, action=Action.ASK_REQUESTER, actor=actor)
    notification_create(
        case=case, kind=NotificationKind.DESK_MESSAGE, dedupe_key=f"out:{message.pk}", context={"body": message.body}
    )
    return message


@transaction.atomic
def case_link(*, case_id: int, other_id: int, actor: User, version: int | None = None) -> None:
    case, other = _lock_pair(case_id, other_id, version)
    if case.organization_id != other.organization_id or case.pk == other.pk:
        raise ActionRefused(_("Only two different cases of the same organisation can be linked."))
    CaseLink.objects.get_or_create(from_case=case, to_case=other, defaults={"created_by": actor})
    _change(case, EventKind.LINKED, actor, ["updated_at"], other=other.reference)
    _change(other, EventKind.LINKED, actor, ["updated_at"], other=case.reference)


@transaction.atomic
def case_merge(*, case_id: int, into_id: int, actor: User, version: int | None = None) -> Case:
    """Close ``case_id`` as merged into ``into_id``; both timelines say so, the documents stay where they are.

    ``version`` is the one of ``into`` (the case page the merge was asked from).
    """
    into, case = _lock_pair(into_id, case_id, version)
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
    _change(into, EventKind.MERGED, actor, ["updated_at"], merged=case.reference)
    return into


def _lock_pair(case_id: int, other_id: int, version: int | None) -> tuple[Case, Case]:
    """Two cases locked in the order of their ids, so two links made at once never deadlock.

    ``version`` is checked on ``case_id``, the case whose page the user was on.
    """
    first, second = sorted({case_id, other_id}) if case_id != other_id else (case_id, other_id)
    locked = {first: case_lock(first, version=version if first == case_id else None)}
    if second != first:
        locked[second] = case_lock(second, version=version if second == case_id else None)
    return locked[case_id], locked[other_id]
