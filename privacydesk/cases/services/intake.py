"""Filing a case: from the public forms (and, through the same function, by staff)."""

import contextlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from privacydesk.core.normalize import name_search_tokens, normalize_email, normalize_name
from privacydesk.core.references import new_reference, normalize_reference
from privacydesk.core.vocabulary import Channel
from privacydesk.organizations.models import Organization

from ..models import (
    AttachmentKind,
    Case,
    CaseRequest,
    EventKind,
    FeeStatus,
    Kind,
    Message,
    NotificationKind,
    StagedUpload,
)
from ..notifications import notification_create
from ..timeline import event_record
from ..uploads import CheckedFile
from ..workflow import Action, InvalidTransition
from .deadlines import deadline_set
from .transitions import case_transition

STAGED_UPLOAD_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class Requester:
    name: str
    email: str = ""
    furigana: str = ""
    phone: str = ""
    postal_code: str = ""
    address: str = ""
    date_of_birth: object = None
    customer_number: str = ""


@dataclass(frozen=True)
class Agent:
    agent_type: str
    name: str
    furigana: str = ""
    relationship: str = ""
    email: str = ""
    phone: str = ""
    postal_code: str = ""
    address: str = ""


@dataclass(frozen=True)
class Submission:
    kind: Kind
    requester: Requester
    language: str
    request_types: list[str] = field(default_factory=list)
    agent: Agent | None = None
    subject: str = ""
    message: str = ""
    units: int = 1
    reply_method: str = "post"


def _requester_fields(submission: Submission) -> dict:
    r, a = submission.requester, submission.agent
    fields = {
        "name": normalize_name(r.name),
        "furigana": r.furigana,
        "email": r.email.strip(),
        "phone": r.phone,
        "postal_code": r.postal_code,
        "address": r.address.strip(),
        "date_of_birth": r.date_of_birth,
        "customer_number": r.customer_number.strip(),
        "email_key": normalize_email(r.email),
        "phone_key": r.phone,
        "name_key": name_search_tokens(r.name, r.furigana),
    }
    if a:
        fields.update(
            agent_type=a.agent_type,
            agent_name=normalize_name(a.name),
            agent_furigana=a.furigana,
            agent_relationship=a.relationship.strip(),
            agent_email=a.email.strip(),
            agent_phone=a.phone,
            agent_postal_code=a.postal_code,
            agent_address=a.address.strip(),
        )
    return fields


@transaction.atomic
def case_submit(
    *,
    organization: Organization,
    submission: Submission,
    staged_uploads: list[StagedUpload] = (),
    channel: Channel = Channel.WEB,
    received_at: datetime | None = None,
    actor=None,
    submission_key: str | None = None,
) -> Case:
    """File a case: the case, its request types, its documents, a timeline entry and the acknowledgement.

    ``submission_key`` identifies the visitor's draft: sending the same draft again returns the case it filed.
    """
    if submission_key and (existing := Case.objects.filter(submission_key=submission_key).first()):
        return existing
    offered = {t.value for t in organization.offered_request_types()}
    request_types = [t for t in submission.request_types if t in offered] if submission.kind == Kind.REQUEST else []
    units = submission.units if organization.fee_unit_needs_count else 1
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    organization=organization,
                    reference=new_reference(),
                    kind=submission.kind,
                    channel=channel,
                    received_at=received_at or timezone.now(),
                    language=submission.language,
                    subject=submission.subject.strip(),
                    message=submission.message.replace("\r\n", "\n").strip(),
                    units=units,
                    fee_amount=(fee := organization.fee_for(request_types, units)),
                    fee_status=FeeStatus.DUE if fee else FeeStatus.NOT_REQUIRED,
                    reply_method=submission.reply_method,
                    submission_key=submission_key,
                    **_requester_fields(submission),
                )
            break
        except IntegrityError:
            if submission_key and (existing := Case.objects.filter(submission_key=submission_key).first()):
                return existing  # the same draft was sent twice at once: the other request filed it
            continue  # a reference collision (40 bits: rare): draw again
    else:
        raise RuntimeError("Could not allocate a unique reference number.")
    CaseRequest.objects.bulk_create([CaseRequest(case=case, request_type=t) for t in request_types])
    documents = _attach_staged(case=case, staged_uploads=staged_uploads)
    event_record(
        case=case,
        kind=EventKind.ENTERED if actor else EventKind.SUBMITTED,
        actor=actor,
        data={"channel": channel, "request_types": request_types, "documents": documents},
    )
    deadline_set(case=case, actor=actor)
    notification_create(case=case, kind=NotificationKind.ACKNOWLEDGEMENT, dedupe_key=f"ack:{case.pk}")
    return case


def _attach_staged(*, case: Case, staged_uploads, message: Message | None = None) -> int:
    """Move staged files onto the case: the encrypted file stays where it is, only its owner changes."""
    count = 0
    for staged in staged_uploads:
        case.attachments.create(
            message=message,
            file=staged.file.name,
            original_name=staged.original_name,
            content_type=staged.content_type,
            size=staged.size,
            sha256=staged.sha256,
            kind=staged.kind,
            id_document_type=staged.id_document_type,
        )
        StagedUpload.objects.filter(pk=staged.pk).delete()  # the row only; the file now belongs to the case
        count += 1
    return count


def staged_upload_create(
    *, session_key: str, checked: CheckedFile, kind: AttachmentKind, id_document_type: str = ""
) -> StagedUpload:
    staged = StagedUpload(
        session_key=session_key,
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        kind=kind,
        id_document_type=id_document_type,
    )
    staged.file.save(checked.name, ContentFile(checked.content), save=False)
    staged.save()
    return staged


def staged_upload_delete(*, session_key: str, token: str) -> None:
    for staged in StagedUpload.objects.filter(session_key=session_key, token=token):
        staged.file.delete(save=False)
        staged.delete()


def staged_uploads_purge(*, now: datetime | None = None) -> int:
    """Files of forms never sent are destroyed after a day."""
    cutoff = (now or timezone.now()) - STAGED_UPLOAD_LIFETIME
    count = 0
    for staged in StagedUpload.objects.filter(created_at__lt=cutoff).iterator():
        staged.file.delete(save=False)
        staged.delete()
        count += 1
    return count


@transaction.atomic
def requester_message_add(*, case: Case, body: str, staged_uploads=()) -> Message:
    """The requester writes from the tracking page; a case waiting for them goes back to work."""
    message = Message.objects.create(
        case=case, direction=Message.Direction.FROM_REQUESTER, body=body.replace("\r\n", "\n").strip()
    )
    documents = _attach_staged(case=case, staged_uploads=staged_uploads, message=message)
    event_record(case=case, kind=EventKind.MESSAGE_IN, data={"message": message.pk, "documents": documents})
    with contextlib.suppress(InvalidTransition):  # a closed case still takes messages; staff see them
        case_transition(case_id=case.pk, action=Action.REQUESTER_REPLIED, note="tracking page")
    notification_create(case=case, kind=NotificationKind.MESSAGE_RECEIVED, dedupe_key=f"msg:{message.pk}")
    return message


def tracking_link_resend(*, organization: Organization, reference: str, email: str) -> None:
    """Send the tracking link again if reference and e-mail match a case; say nothing either way.

    No call to the broker here: a match only adds an outbox row, which the sweep delivers within a minute. So a
    match does not take measurably longer than a miss (a broker round trip — seconds while Redis is down — would
    tell a stranger which reference numbers exist)."""
    key = normalize_email(email)
    case = (
        Case.objects.filter(organization=organization, reference=normalize_reference(reference))
        .only("pk", "email_key", "agent_email", "email", "agent_type", "language", "reference", "tracking_salt")
        .first()
    )
    if case is None or key not in {case.email_key, normalize_email(case.agent_email)}:
        return
    with transaction.atomic():
        bucket = timezone.now().strftime("%Y%m%d%H")  # at most one resend per case per hour
        notification_create(
            case=case, kind=NotificationKind.TRACKING_LINK, dedupe_key=f"link:{case.pk}:{bucket}", enqueue=False
        )
