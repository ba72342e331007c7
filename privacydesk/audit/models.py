"""The append-only audit log: who saw, downloaded or changed what, when and from where.

The application can only add entries: saving an existing entry or deleting one raises, and on
PostgreSQL a trigger refuses UPDATE and DELETE on the table whatever the client.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    VIEW_CASE = "view_case", _("Viewed a case")
    DOWNLOAD = "download", _("Downloaded a document")
    CHANGE = "change", _("Changed a case")
    EXPORT = "export", _("Exported the queue")
    CREATE = "create", _("Entered a case")


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The audit log cannot be deleted.")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_constraint=False,
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    # The desk an entry belongs to (the case's, or the one an action was about): what decides who may read it.
    # No database constraint and nothing done on delete: an entry outlives its case and its organisation.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        related_name="+",
        verbose_name=_("organisation"),
    )
    case_id = models.BigIntegerField(_("case"), null=True, blank=True)
    case_reference = models.CharField(_("reference number"), max_length=20, blank=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["case_id", "at"], name="audit_case_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log cannot be deleted.")
