"""Reports: the clerk's themes on complaints, and the monthly summary e-mail sent once per supervisor and month."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTag(models.Model):
    """A theme a clerk gives complaints ("billing", "marketing e-mail"…), per organisation, counted in reports.

    Defined here, not on the case, so that the reports app adds it without touching the cases app.
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("theme"), max_length=50)
    cases = models.ManyToManyField("cases.Case", related_name="report_tags", blank=True, verbose_name=_("cases"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("complaint theme")
        verbose_name_plural = _("complaint themes")
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="case_tag_unique")]

    def __str__(self) -> str:
        return self.name


class MonthlySummary(models.Model):
    """One monthly summary e-mail to one supervisor: unique on (recipient, month), so it is sent once.

    Written by the beat task on the first business day of the month, claimed with a conditional UPDATE
    and marked sent, like the deadline reminders.
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month reported on
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["recipient", "month"], name="monthly_summary_once")]
        indexes = [
            models.Index(
                fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="monthly_summary_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}:{self.month:%Y-%m}"
