"""Reminders to staff, sent once each."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
