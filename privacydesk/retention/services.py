"""Carry out the retention rules: destroy or anonymise what is due, record each destruction.

Each object is handled in its own transaction, claimed with ``select_for_update(skip_locked=True)`` and checked
again under the lock, so two workers never process the same object, a crash leaves every object either
untouched or done, and a second run finds nothing left. Encrypted files are deleted from storage inside the
object's transaction: if the transaction then fails, the row is still due and the next run finishes it.
"""

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from privacydesk.audit.models import AuditEntry
from privacydesk.audit.services import audit_entries_purge
from privacydesk.cases.models import Attachment, AttachmentKind, Case, IdentityVerification
from privacydesk.cases.services.anonymise import case_anonymise
from privacydesk.cases.workflow import OPEN_STATUSES
from privacydesk.letters.models import Letter
from privacydesk.organizations.models import Organization

from .models import DestructionRecord, RetentionRule
from .policies import Rule, audit_log_rule, rules_in_force
from .rules import DataKind, RetentionAction

SHOWN_REFERENCES = 20
logger = logging.getLogger(__name__)
AUDIT_BATCH = 5000


@dataclass
class RuleReport:
    organization: Organization | None
    rule: Rule
    cutoff: datetime
    count: int = 0
    failed: int = 0
    references: list[str] = field(default_factory=list)  # reference numbers (or id ranges for the audit log)

    def add(self, reference: str, count: int = 1) -> None:
        self.count += count
        if reference and len(self.references) < SHOWN_REFERENCES and reference not in self.references:
            self.references.append(reference)


@dataclass
class PurgeReport:
    now: datetime
    dry_run: bool
    rules: list[RuleReport] = field(default_factory=list)
    complete: bool = True  # False: the time budget ran out; the next run goes on

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rules)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.rules)


# --- What is due (selectors) -------------------------------------------------------------------------------


def _closed(cases: QuerySet) -> QuerySet:
    return cases.exclude(status__in=OPEN_STATUSES).filter(closed_at__isnull=False)


def due_id_documents(organization_id: int, cutoff: datetime) -> QuerySet[Attachment]:
    """ID copies of cases whose identity was verified before the cutoff (and uploaded before it too)."""
    verified = IdentityVerification.objects.filter(
        case=OuterRef("case"), result=IdentityVerification.Result.VERIFIED, verified_at__lte=cutoff
    )
    return Attachment.objects.filter(
        case__organization_id=organization_id,
        case__identity_verified=True,
        kind=AttachmentKind.ID_DOCUMENT,
        created_at__lte=cutoff,
    ).filter(Exists(verified))


def due_cases(organization_id: int, rule: Rule, cutoff: datetime, other_kinds_than: Iterable[str] = ()) -> QuerySet:
    cases = _closed(Case.objects.filter(organization_id=organization_id, closed_at__lte=cutoff))
    if rule.case_kind:
        cases = cases.filter(kind=rule.case_kind)
    elif other_kinds_than:
        cases = cases.exclude(kind__in=list(other_kinds_than))
    if rule.action == RetentionAction.ANONYMISE:
        cases = cases.filter(anonymised_at__isnull=True)
    return cases


def due_letters(organization_id: int, rule: Rule, cutoff: datetime) -> QuerySet[Letter]:
    letters = Letter.objects.filter(case__organization_id=organization_id).exclude(case__status__in=OPEN_STATUSES)
    if rule.counted_from == "closing":
        letters = letters.filter(case__closed_at__lte=cutoff)
    else:
        letters = letters.filter(created_at__lte=cutoff)
    return letters.filter(~Q(pdf="") | ~Q(body=""))


# --- Destroying one object ---------------------------------------------------------------------------------


def _record(*, now, organization_id, rule: Rule, cutoff, model: str, object_id, reference: str, counts: dict):
    DestructionRecord.objects.create(
        at=now,
        organization_id=organization_id,
        data_kind=rule.data_kind,
        action=rule.action,
        rule_id=rule.rule_id,
        rule_text=rule.describe(),
        cutoff=cutoff,
        model=model,
        object_id=object_id,
        case_reference=reference,
        counts=counts,
    )


def _claim(queryset: QuerySet, pk: int):
    """The object, locked, if it is still due and no other worker holds it."""
    return queryset.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk).first()


def _files(*field_files) -> list[tuple]:
    """(storage, name) of each stored file, deleted by ``_process`` once the database work has succeeded."""
    return [(f.storage, f.name) for f in field_files if f]


def _destroy_id_document(attachment: Attachment, **record) -> list[tuple]:
    reference = attachment.case.reference
    files = _files(attachment.file)
    pk = attachment.pk
    attachment.delete()
    _record(model="cases.Attachment", object_id=pk, reference=reference, counts={"files": len(files)}, **record)
    return files


def _destroy_case(case: Case, **record) -> list[tuple]:
    documents = _files(*(a.file for a in case.attachments.all()))
    letters = list(case.letters.all())
    letter_files = _files(*(letter.pdf for letter in letters))
    counts = {
        "attachments": len(documents),
        "letters": len(letters),
        "letter_files": len(letter_files),
        "messages": case.messages.count(),
        "events": case.events.count(),
    }
    pk, reference = case.pk, case.reference
    case.delete()
    _record(model="cases.Case", object_id=pk, reference=reference, counts=counts, **record)
    return documents + letter_files


def _anonymise_case(case: Case, **record) -> list[tuple]:
    counts, files = case_anonymise(case=case, now=record["now"])
    _record(model="cases.Case", object_id=case.pk, reference=case.reference, counts=counts, **record)
    return files


def _destroy_letter(letter: Letter, **record) -> list[tuple]:
    files = _files(letter.pdf)
    letter.pdf = ""
    letter.body = ""
    letter.save(update_fields=["pdf", "body", "updated_at"])
    counts = {"files": len(files)}
    _record(model="letters.Letter", object_id=letter.pk, reference=letter.case.reference, counts=counts, **record)
    return files


# --- The run -----------------------------------------------------------------------------------------------


def _process(queryset: QuerySet, report: RuleReport, destroy, dry_run: bool, reference_of, budget, **record) -> None:
    if dry_run:
        report.count = queryset.count()
        if report.count:
            field = "reference" if queryset.model is Case else "case__reference"
            report.references = list(queryset.order_by("pk").values_list(field, flat=True)[:SHOWN_REFERENCES])
        return
    last = 0
    while True:
        ids = list(queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:200])
        if not ids:
            return
        for pk in ids:
            if budget.spent():
                return
            try:
                with transaction.atomic():
                    obj = _claim(queryset, pk)
                    if obj is None:  # no longer due, or another worker has it
                        continue
                    reference = reference_of(obj)
                    # The files go last: if the database refuses anything, the object is left whole for the
                    # next run. A file already gone is no error (storage.delete ignores it).
                    for storage, name in destroy(obj, **record):
                        storage.delete(name)
            except SoftTimeLimitExceeded:
                raise
            except Exception:  # one object that fails must not stop the others; it stays due
                logger.exception("Retention: %s %s could not be processed", queryset.model._meta.label, pk)
                report.failed += 1
                continue
            report.add(reference)
        last = ids[-1]


def _organization_run(organization: Organization, *, now, dry_run: bool, rows, budget) -> list[RuleReport]:
    reports = []
    rules = rules_in_force(organization.pk, rows)
    own_case_kinds = [r.case_kind for r in rules if r.data_kind == DataKind.CLOSED_CASES and r.case_kind]
    for rule in rules:
        cutoff = now - timedelta(days=rule.period_days)
        report = RuleReport(organization, rule, cutoff)
        record = {"now": now, "organization_id": organization.pk, "rule": rule, "cutoff": cutoff}
        if rule.data_kind == DataKind.ID_DOCUMENTS:
            queryset = due_id_documents(organization.pk, cutoff).select_related("case")
            _process(queryset, report, _destroy_id_document, dry_run, lambda a: a.case.reference, budget, **record)
        elif rule.data_kind == DataKind.CLOSED_CASES:
            queryset = due_cases(organization.pk, rule, cutoff, own_case_kinds)
            destroy = _destroy_case if rule.action == RetentionAction.DELETE else _anonymise_case
            _process(queryset, report, destroy, dry_run, lambda c: c.reference, budget, **record)
        elif rule.data_kind == DataKind.LETTERS:
            queryset = due_letters(organization.pk, rule, cutoff).select_related("case")
            _process(queryset, report, _destroy_letter, dry_run, lambda letter: letter.case.reference, budget, **record)
        reports.append(report)
    return reports


def _audit_run(*, now, dry_run: bool, budget) -> RuleReport:
    rule = audit_log_rule()
    cutoff = now - timedelta(days=rule.period_days)
    report = RuleReport(None, rule, cutoff)
    if dry_run:
        report.count = AuditEntry.objects.filter(at__lt=cutoff).count()
        return report
    while not budget.spent():
        with transaction.atomic():
            deleted = audit_entries_purge(before=cutoff, limit=AUDIT_BATCH)
            if not deleted:
                return report
            first, last = deleted[0], deleted[-1]
            _record(
                now=now,
                organization_id=None,
                rule=rule,
                cutoff=cutoff,
                model="audit.AuditEntry",
                object_id=None,
                reference="",
                counts={
                    "entries": len(deleted),
                    "first_id": first[0],
                    "last_id": last[0],
                    "oldest": min(at for _, at in deleted).isoformat(),
                    "newest": max(at for _, at in deleted).isoformat(),
                },
            )
        report.add(f"#{first[0]}–#{last[0]}", count=len(deleted))
    return report


class Budget:
    """Time the run may take: past it, no new object is started (what is left is done by the next run)."""

    def __init__(self, seconds: float | None):
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.ran_out = False

    def spent(self) -> bool:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.ran_out = True
        return self.ran_out


def purge_expired_data(
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    organization_ids: Iterable[int] | None = None,
    time_budget_seconds: float | None = None,
) -> PurgeReport:
    """Apply every organisation's rules (and the audit log's) as of ``now``; with ``dry_run``, only count.

    ``organization_ids`` limits the run to some organisations (the audit log is then left alone): the staff
    page shows a supervisor what the next run would do for their desks.
    """
    now = now or timezone.now()
    budget = Budget(time_budget_seconds)
    report = PurgeReport(now=now, dry_run=dry_run)
    organizations = Organization.objects.order_by("slug")
    if organization_ids is not None:
        organizations = organizations.filter(pk__in=list(organization_ids))
    rows: dict[int, list[RetentionRule]] = {}
    for row in RetentionRule.objects.filter(organization__in=organizations):
        rows.setdefault(row.organization_id, []).append(row)
    for organization in organizations:
        report.rules += _organization_run(
            organization, now=now, dry_run=dry_run, rows=rows.get(organization.pk, []), budget=budget
        )
    if organization_ids is None:
        report.rules.append(_audit_run(now=now, dry_run=dry_run, budget=budget))
    report.complete = not budget.ran_out
    return report


def retention_preview(*, organization_ids: Iterable[int], now: datetime | None = None) -> PurgeReport:
    """What the next run would do for these organisations, and for the audit log (one log for every desk,
    so its row counts every desk's entries; it is listed because its rule applies to these desks too)."""
    now = now or timezone.now()
    report = purge_expired_data(now=now, dry_run=True, organization_ids=organization_ids)
    report.rules.append(_audit_run(now=now, dry_run=True, budget=Budget(None)))
    return report
