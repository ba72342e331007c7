"""Reply letters: drafted by staff, approved where a decision is announced, rendered to PDF/A by a worker,
printed in today's mail or downloaded from the tracking page."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from privacydesk.core.models import TimeStampedModel
from privacydesk.core.storage import private_storage


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    REQUEST_INFO = "request_info", _("Request for missing information or documents")
    FEE_NOTICE = "fee_notice", _("Fee notice")
    DISCLOSURE = "disclosure", _("Disclosure reply")
    REFUSAL = "refusal", _("Decision on the request, with the reasons (partial grant or refusal)")
    COMPLETION = "completion", _("Notice of completion")
    EXTENSION = "extension", _("Notice of extension")
    COMPLAINT_REPLY = "complaint_reply", _("Reply to a complaint")
    INQUIRY_REPLY = "inquiry_reply", _("Reply to an inquiry")


DECISION_KINDS = frozenset({LetterKind.DISCLOSURE, LetterKind.REFUSAL, LetterKind.COMPLETION})


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: preview, then submit")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the supervisor's approval")
    APPROVED = "approved", _("Approved, ready to send")
    POSTED = "posted", _("Posted")
    DELIVERED = "delivered", _("Available on the tracking page")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    FAILED = "failed", _("Could not be produced")


class PostalService(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary mail")
    SIMPLE_REGISTERED = "simple_registered", _("Simple registered mail (簡易書留)")
    RECORDED = "recorded", _("Recorded delivery (特定記録)")


def _pdf_path(instance, filename: str) -> str:
    return f"letters/{uuid.uuid4().hex}.pdf"


class Letter(TimeStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind of letter"), max_length=30, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=5)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=30, choices=LetterStatus.choices)
    number = models.PositiveIntegerField(_("document number"))
    body = models.TextField(_("text of the letter"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    letter_date = models.DateField(_("date of the letter"), null=True, blank=True)
    pdf = models.FileField(storage=private_storage, upload_to=_pdf_path, blank=True)
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    generated_at = models.DateTimeField(null=True, blank=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    postal_service = models.CharField(_("postal service"), max_length=30, choices=PostalService.choices, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # failed attempts to produce the PDF
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "version"], name="letter_version_unique"),
        ]
        indexes = [models.Index(fields=["status"], name="letter_status")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.kind}:v{self.version}"

    @property
    def needs_approval(self) -> bool:
        return self.kind in DECISION_KINDS

    @property
    def by_post(self) -> bool:
        return self.case.reply_method == "post"

    @property
    def document_number(self) -> str:
        """The document number (文書番号) as the letter prints it: 「個相第12号」 in Japanese, "No. 12" in English."""
        if self.language == "ja":
            return f"{self.case.organization.letter_number_prefix}第{self.number}号"
        return f"No. {self.number}"

    @property
    def recipient(self) -> "Recipient":
        return recipient_of(self.case)


@dataclass(frozen=True)
class Recipient:
    name: str
    postal_code: str
    address: str


def recipient_is_agent(case) -> bool:
    """A letter goes to the agent when the case has one with a postal address, else to the person."""
    return bool(case.has_agent and case.agent_address)


def recipient_of(case) -> Recipient:
    """Who a letter of this case is addressed to, and where: the one place that decides it."""
    if recipient_is_agent(case):
        return Recipient(name=case.agent_name, postal_code=case.agent_postal_code, address=case.agent_address)
    return Recipient(name=case.name, postal_code=case.postal_code, address=case.address)


class LetterText(models.Model):
    """A supervisor's wording of the free-text parts of one kind of letter, per organisation and language."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="letter_texts"
    )
    kind = models.CharField(_("kind of letter"), max_length=30, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=5)
    opening = models.TextField(_("opening paragraph"), blank=True)
    closing = models.TextField(_("closing paragraph"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind", "language"], name="letter_text_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.kind}:{self.language}"


class LetterBatch(TimeStampedModel):
    """Today's mail as one PDF, made by a worker in chunks, so that a restart resumes and duplicates nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    letters = models.ManyToManyField(Letter, related_name="batches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    chunks = models.JSONField(default=list, blank=True)  # stored names of the finished chunk PDFs, in order
    pdf = models.FileField(storage=private_storage, upload_to=_pdf_path, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)  # failed attempts to build the print file
    last_error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"batch {self.pk} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100
