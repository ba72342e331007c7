"""Closed days of a desk, deadline rules per organisation, and reminders sent once each."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from privacydesk.core.vocabulary import Jurisdiction, RequestType


class ClosedDay(models.Model):
    """A day the desk is closed besides weekends, national holidays and the year-end closure."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="closed_days")
    day = models.DateField(_("date"))
    reason_ja = models.CharField(_("reason (Japanese)"), max_length=100, blank=True)
    reason_en = models.CharField(_("reason (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["organization", "day"], name="closed_day_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.day}"


class Unit(models.TextChoices):
    BUSINESS_DAYS = "business_days", _("business days")
    DAYS = "days", _("calendar days")
    MONTHS = "months", _("months")


class DeadlineRule(models.Model):
    """An organisation's own rule, overriding the defaults of the law for a jurisdiction, kind or request type."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="deadline_rules"
    )
    jurisdiction = models.CharField(_("jurisdiction"), max_length=10, choices=Jurisdiction.choices)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    request_type = models.CharField(_("request type"), max_length=30, choices=RequestType.choices, blank=True)
    ack_amount = models.PositiveSmallIntegerField(_("acknowledge within"))
    ack_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.BUSINESS_DAYS)
    response_amount = models.PositiveSmallIntegerField(_("answer within"))
    response_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.BUSINESS_DAYS)
    extension_amount = models.PositiveSmallIntegerField(_("extension"), default=0)
    extension_unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.DAYS)

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.jurisdiction}:{self.kind}:{self.request_type}"


class Reminder(models.Model):
    """One reminder, escalation or digest, written before it is sent: unique, so it is sent once."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Escalation")
        DIGEST = "digest", _("Daily digest")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateTimeField()
    offset = models.SmallIntegerField(default=0)  # business days before the deadline (0: escalation/digest)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "case", "recipient", "deadline", "offset"], name="reminder_once"),
            models.UniqueConstraint(
                fields=["kind", "recipient", "deadline"], condition=models.Q(case__isnull=True), name="digest_once"
            ),
        ]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="reminder_pending")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.case_id}:{self.recipient_id}:{self.offset}"
