"""How long each kind of data is kept, per organisation, and the record of what was destroyed.

An organisation without a rule for a kind of data gets the default of ``DEFAULTS`` (see ``policies.py``).
A destruction record names what went (model, id, reference number, counts) and by which rule — never a
name, an address, an e-mail or a file's contents — and, like the audit log, it can only be added to.
"""

import contextlib
import re
from datetime import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacydesk.cases.models import Kind

from .rules import ALLOWED, AUDIT_MIN_DAYS, CountedFrom, DataKind, RetentionAction, Rule


class RetentionRule(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="retention_rules",
        verbose_name=_("organisation"),
    )
    data_kind = models.CharField(_("kind of data"), max_length=20, choices=DataKind.choices)
    case_kind = models.CharField(
        _("only cases of this kind"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Closed cases only: leave empty for every kind of case."),
    )
    action = models.CharField(_("action"), max_length=20, choices=RetentionAction.choices)
    period_days = models.PositiveIntegerField(_("kept for (days)"))
    counted_from = models.CharField(_("counted from"), max_length=20, choices=CountedFrom.choices)
    note = models.CharField(_("why (policy or law)"), max_length=300, blank=True)

    class Meta:
        ordering = ["organization", "data_kind", "case_kind"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(fields=["organization", "data_kind", "case_kind"], name="retention_rule_unique"),
            models.CheckConstraint(condition=Q(data_kind__in=DataKind.values), name="retention_rule_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.data_kind}:{self.case_kind or '*'}"

    def clean(self) -> None:
        allowed_from, allowed_actions = ALLOWED.get(self.data_kind, (set(), set()))
        errors = {}
        if self.counted_from and self.counted_from not in allowed_from:
            errors["counted_from"] = _("This kind of data cannot be counted from that date.")
        if self.action and self.action not in allowed_actions:
            errors["action"] = _("This kind of data can only be deleted.")
        if self.case_kind and self.data_kind != DataKind.CLOSED_CASES:
            errors["case_kind"] = _("Only rules for closed cases can be limited to one kind of case.")
        if self.data_kind == DataKind.AUDIT_LOG and self.period_days is not None and self.period_days < AUDIT_MIN_DAYS:
            errors["period_days"] = _("The audit log is kept for at least %(days)s days.") % {"days": AUDIT_MIN_DAYS}
        if errors:
            raise ValidationError(errors)


class AppendOnlyError(Exception):
    pass


# What a destruction record counted, in the reader's language.
COUNT_LABELS = {
    "files": pgettext_lazy("destroyed", "Files"),
    "attachments": pgettext_lazy("destroyed", "Documents"),
    "letters": pgettext_lazy("destroyed", "Letters"),
    "letter_files": pgettext_lazy("destroyed", "Letter PDFs"),
    "messages": pgettext_lazy("destroyed", "Messages"),
    "events": pgettext_lazy("destroyed", "Timeline entries"),
    "notifications": pgettext_lazy("destroyed", "Notifications"),
    "entries": pgettext_lazy("destroyed", "Audit log entries"),
    "first_id": pgettext_lazy("destroyed", "First ID"),
    "last_id": pgettext_lazy("destroyed", "Last ID"),
    "oldest": pgettext_lazy("destroyed", "Oldest"),
    "newest": pgettext_lazy("destroyed", "Newest"),
}


# ``Rule.describe``: "closed_cases (inquiry): delete 0 days after closing [rule 2]", "… [default]".
DESCRIBED = re.compile(
    r"(?P<kind>[a-z_]+)(?: \((?P<case_kind>[a-z_]+)\))?: (?P<action>[a-z_]+) (?P<days>\d+) days after "
    r"(?P<origin>[a-z_]+) \[(?:default|rule (?P<rule_id>\d+))\]"
)


class DestructionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Destruction records cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Destruction records cannot be deleted.")


class DestructionRecord(models.Model):
    """One object destroyed or anonymised (or one batch of audit entries), with the rule that did it."""

    at = models.DateTimeField(_("when"), db_index=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    data_kind = models.CharField(_("kind of data"), max_length=20, choices=DataKind.choices)
    action = models.CharField(_("action"), max_length=20, choices=RetentionAction.choices)
    # The rule as it was when it applied: its id (none for a default) and a plain description.
    rule_id = models.IntegerField(null=True, blank=True)
    rule_text = models.CharField(_("rule"), max_length=200)
    cutoff = models.DateTimeField(_("everything before"))
    model = models.CharField(_("what"), max_length=50)
    object_id = models.BigIntegerField(_("id"), null=True, blank=True)
    case_reference = models.CharField(_("reference number"), max_length=20, blank=True, db_index=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    objects = DestructionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")
        indexes = [models.Index(fields=["organization", "at"], name="destruction_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.action} {self.model}:{self.object_id} {self.case_reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Destruction records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Destruction records cannot be deleted.")

    def counts_display(self) -> list[tuple[str, str]]:
        """The counts as (label, value) in the reader's language; the audit batch's times in the local format."""
        rows = []
        for key, value in self.counts.items():
            if key in ("oldest", "newest") and isinstance(value, str):
                with contextlib.suppress(ValueError):  # not a time after all: shown as stored
                    value = formats.date_format(timezone.localtime(datetime.fromisoformat(value)), "DATETIME_FORMAT")
            rows.append((str(COUNT_LABELS.get(key, key)), str(value)))
        return rows

    def rule_display(self) -> str:
        """The rule as recorded (``Rule.describe``, in English), in the reader's language when it can be read
        back; else the recorded text as it is."""
        match = DESCRIBED.fullmatch(self.rule_text)
        if not match:
            return self.rule_text
        try:
            rule = Rule(
                DataKind(match["kind"]),
                RetentionAction(match["action"]),
                int(match["days"]),
                CountedFrom(match["origin"]),
                Kind(match["case_kind"]) if match["case_kind"] else "",
                int(match["rule_id"]) if match["rule_id"] else None,
            )
        except ValueError:
            return self.rule_text
        return rule.summary()

    @property
    def model_label(self) -> str:
        """What was destroyed, in the reader's language ("case", "attachment", …)."""
        try:
            return capfirst(apps.get_model(self.model)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.model
