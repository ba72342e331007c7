"""Cases: inquiries, complaints and requests are one model with a kind."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from privacydesk.core.models import TimeStampedModel
from privacydesk.core.normalize import format_phone
from privacydesk.core.storage import private_storage
from privacydesk.core.vocabulary import (
    Channel,
    IdDocument,
    Jurisdiction,
    PaymentMethod,
    ReplyMethod,
    RequestType,
    VerificationMethod,
)

from .choices import (
    FEE_SETTLED,
    OPEN_STATUSES,
    WITHHOLDING_DECISIONS,
    AgentType,
    Approval,
    AttachmentKind,
    Decision,
    EventKind,
    FeeStatus,
    Kind,
    Language,
    LegalGround,
    NotificationKind,
    Status,
)


def new_tracking_salt() -> str:
    return secrets.token_hex(16)


def _private_upload_to(instance: models.Model, filename: str) -> str:
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}"


class Case(TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="cases", verbose_name=_("organisation")
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    tracking_salt = models.CharField(max_length=32, default=new_tracking_salt, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    received_at = models.DateTimeField(_("date of arrival"))
    language = models.CharField(_("correspondence language"), max_length=5, choices=Language.choices)
    # The requester (the person the data is about)
    name = models.CharField(_("name"), max_length=100)
    furigana = models.CharField(_("furigana"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    customer_number = models.CharField(_("customer or contract number"), max_length=50, blank=True)
    reply_method = models.CharField(
        _("reply method"), max_length=20, choices=ReplyMethod.choices, default=ReplyMethod.POST
    )
    # An agent acting for the requester
    agent_type = models.CharField(_("acting as"), max_length=20, choices=AgentType.choices, blank=True)
    agent_name = models.CharField(_("agent's name"), max_length=100, blank=True)
    agent_furigana = models.CharField(_("agent's furigana"), max_length=100, blank=True)
    agent_relationship = models.CharField(_("relationship to the person"), max_length=100, blank=True)
    agent_email = models.EmailField(_("agent's e-mail"), blank=True)
    agent_phone = models.CharField(_("agent's telephone"), max_length=20, blank=True)
    agent_postal_code = models.CharField(_("agent's postal code"), max_length=8, blank=True)
    agent_address = models.CharField(_("agent's address"), max_length=300, blank=True)
    # What is asked
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    message = models.TextField(_("details"), blank=True)
    units = models.PositiveIntegerField(_("number of contracts or lines"), default=1)
    fee_amount = models.PositiveIntegerField(_("handling fee (JPY)"), default=0)
    # The desk's work
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("assignee"),
    )
    due_at = models.DateTimeField(_("response deadline"), null=True, blank=True)
    ack_due_at = models.DateTimeField(_("acknowledgement deadline"), null=True, blank=True)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=10, default="appi")
    clock_paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True)
    extended_at = models.DateTimeField(_("deadline extended"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    identity_verified = models.BooleanField(_("identity verified"), default=False)
    fee_status = models.CharField(_("fee"), max_length=20, choices=FeeStatus.choices, default=FeeStatus.NOT_REQUIRED)
    outcome = models.TextField(_("outcome"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_cases",
        verbose_name=_("merged into"),
    )
    # Bumped on every change staff make, so that a form sent from a stale page is refused, not applied (no lost update).
    version = models.PositiveIntegerField(default=1, editable=False)
    # When the case left the open statuses (replied, closed…): the start of its retention period.
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True, editable=False)
    # When the retention rule replaced the requester's personal data with placeholders.
    anonymised_at = models.DateTimeField(_("anonymised on"), null=True, blank=True, editable=False)
    # The form draft this case came from: a second "Send" of the same draft finds this case, never files twice.
    submission_key = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)
    # Normalised keys for search and duplicate detection (staff desk)
    email_key = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    phone_key = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    name_key = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["organization", "status", "received_at"], name="case_org_status_received"),
            models.Index(fields=["organization", "status", "due_at"], name="case_org_status_due"),
            models.Index(fields=["organization", "due_at"], name="case_org_due"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
            # The queue's default: open cases by deadline, walked in order and filtered by organisation.
            models.Index(fields=["due_at", "id"], condition=Q(status__in=OPEN_STATUSES), name="case_open_due"),
            # …and every case by deadline ("All"), walked in order too rather than sorting them all.
            models.Index(fields=["due_at", "id"], name="case_due"),
            # Retention: closed cases of a desk by the day they closed (the nightly purge and its dry run).
            models.Index(
                fields=["organization", "closed_at"], condition=Q(closed_at__isnull=False), name="case_org_closed"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="case_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="case_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def fee_settled(self) -> bool:
        """Nothing left to pay: no fee, received, or waived (the one home of this rule)."""
        return self.fee_status in FEE_SETTLED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due_soon(self) -> bool:
        return bool(self.due_at) and timezone.now() <= self.due_at < timezone.now() + timedelta(days=3)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and bool(self.due_at) and self.due_at < timezone.now()

    @property
    def has_agent(self) -> bool:
        return bool(self.agent_type)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def contact_email(self) -> str:
        """Where the desk writes: the agent when one acts, otherwise the person."""
        return (self.agent_email if self.has_agent and self.agent_email else self.email) or self.email

    def tracking_token(self) -> str:
        return salted_hmac("case-tracking", f"{self.pk}:{self.reference}:{self.tracking_salt}").hexdigest()[:32]

    def check_tracking_token(self, token: str) -> bool:
        return constant_time_compare(self.tracking_token(), token)


class CaseRequest(models.Model):
    """One request type asked for in a filing, with the desk's decision on it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requests")
    request_type = models.CharField(_("request type"), max_length=30, choices=RequestType.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True, default="")
    legal_ground = models.CharField(_("legal ground"), max_length=20, choices=LegalGround.choices, blank=True)
    reason = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approval = models.CharField(_("approval"), max_length=20, choices=Approval.choices, blank=True, default="")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # The right's own clock (organizations/deadlines.py): its law, the day it counts as received, its deadlines.
    jurisdiction = models.CharField(_("jurisdiction"), max_length=10, choices=Jurisdiction.choices, default="appi")
    counts_from = models.DateField(_("counts as received on"), null=True, blank=True)
    due_at = models.DateTimeField(_("response deadline"), null=True, blank=True)
    ack_due_at = models.DateTimeField(_("confirmation of receipt due"), null=True, blank=True)
    extended_at = models.DateTimeField(_("deadline extended"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)

    class Meta:
        verbose_name = _("requested action")
        verbose_name_plural = _("requested actions")
        constraints = [models.UniqueConstraint(fields=["case", "request_type"], name="case_request_unique")]
        indexes = [models.Index(fields=["request_type", "case"], name="case_request_type_idx")]

    def __str__(self) -> str:
        return self.get_request_type_display()

    @property
    def needs_approval(self) -> bool:
        return self.decision in WITHHOLDING_DECISIONS

    @property
    def is_settled(self) -> bool:
        """Decided, and approved where the decision needs it."""
        return bool(self.decision) and (not self.needs_approval or self.approval == Approval.APPROVED)


class FileFields(models.Model):
    """What every stored upload keeps: the encrypted file and what we learnt when we checked it."""

    file = models.FileField(storage=private_storage, upload_to=_private_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(_("kind of document"), max_length=30, choices=AttachmentKind.choices)
    id_document_type = models.CharField(_("identity document"), max_length=30, choices=IdDocument.choices, blank=True)

    class Meta:
        abstract = True


class Attachment(FileFields, TimeStampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey("Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class StagedUpload(FileFields):
    """A file a visitor uploaded on a form that is not sent yet: kept across errors and the confirmation."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session_key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.original_name


class Message(models.Model):
    class Direction(models.TextChoices):
        FROM_REQUESTER = "in", _("From the requester")
        TO_REQUESTER = "out", _("From the desk")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    body = models.TextField(_("message"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["case", "created_at"], name="message_case_created")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.direction}:{self.pk}"


class CaseEvent(models.Model):
    """The case timeline: append-only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["case", "created_at"], name="event_case_created")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}"


class Notification(models.Model):
    """The outbox: an e-mail to send, written in the same transaction as what caused it.

    A task delivers it; the beat sweep re-enqueues what the broker never got. ``claimed_at`` makes a
    delivery exclusive, ``sent_at`` makes it happen once.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    recipient = models.EmailField()
    language = models.CharField(max_length=5, choices=Language.choices)
    dedupe_key = models.CharField(max_length=100, unique=True)
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["created_at"], condition=Q(sent_at__isnull=True), name="notification_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"


class IdentityVerification(models.Model):
    """How the desk confirmed who the requester (and any agent) is: method, what matched, who, when."""

    class Result(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        FAILED = "failed", _("Could not be verified")

    class AgentProof(models.TextChoices):
        NONE = "", _("No agent")
        POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
        LEGAL = "legal", _("Proof of legal representation")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="verifications")
    method = models.CharField(_("method"), max_length=20, choices=VerificationMethod.choices)
    matched_items = models.CharField(_("items that matched our records"), max_length=300, blank=True)
    document_type = models.CharField(_("identity document"), max_length=30, choices=IdDocument.choices, blank=True)
    masking_confirmed = models.BooleanField(
        _("checked: no Individual Number kept; insurer number, symbol and number masked"), default=False
    )
    agent_proof = models.CharField(_("agent's authority"), max_length=20, choices=AgentProof.choices, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["verified_at"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.method}:{self.result}"


class FeeRecord(models.Model):
    """A payment received, a waiver or an extra fee, each with who, when and why."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("Payment received")
        WAIVER = "waiver", _("Fee waived")
        EXTRA = "extra", _("Extra fee for special work")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="fee_records")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount (JPY)"), default=0)
    method = models.CharField(_("payment method"), max_length=30, choices=PaymentMethod.choices, blank=True)
    received_on = models.DateField(_("date received"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}:{self.amount}"


class CaseLink(models.Model):
    """Two cases of the same person, linked by staff (or one merged into the other)."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_from")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_to")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_case", "to_case"], name="case_link_unique")]

    def __str__(self) -> str:
        return f"{self.from_case_id}→{self.to_case_id}"
