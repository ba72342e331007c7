"""Letters: draft, approve, produce (by a worker), regenerate, post. Each step is on the case timeline.

A letter's status changes only in ``letter_transition``, by the table in ``workflow``. Producing a letter or a
print file that keeps failing ends: after ``LETTER_MAX_ATTEMPTS`` failed attempts it is FAILED, the beat sweeps
leave it alone, and a supervisor tries again from today's mail.

Work for the worker is handed over by task name once the transaction commits: services never import ``tasks``
(``tasks`` imports services), so the two modules form no circle.
"""

import hashlib
import logging
from datetime import date

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacydesk.cases.choices import EventKind, Kind
from privacydesk.cases.services.versions import case_bump, case_lock
from privacydesk.cases.timeline import event_record
from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.models import Organization

from .models import DECISION_KINDS, Letter, LetterBatch, LetterStatus, LetterText
from .rendering import document_html, html_to_pdf, letter_section, pdfs_join, source_checksum
from .workflow import Action, next_status, statuses_allowing

logger = logging.getLogger(__name__)

GENERATE_LETTER_TASK = "privacydesk.letters.tasks.generate_letter"
BUILD_BATCH_TASK = "privacydesk.letters.tasks.build_batch"

# A lost database is not the letter's fault: the task retries it without counting an attempt.
DATABASE_GONE = (OperationalError, InterfaceError)

# The timeline's word for each status change (``timeline.describe_letter_event`` reads it).
EVENTS = {
    Action.SUBMIT: "submitted",
    Action.APPROVE: "approved",
    Action.DELIVER: "delivered",
    Action.POST: "posted",
    Action.SUPERSEDE: "superseded",
    Action.FAIL: "failed",
    Action.RETRY: "retried",
}


class ProductionFailed(Exception):
    """Producing a letter or a print file failed; ``final`` once it has failed ``LETTER_MAX_ATTEMPTS`` times."""

    def __init__(self, *, attempts: int, final: bool) -> None:
        super().__init__(attempts, final)
        self.attempts, self.final = attempts, final


def retry_delay(attempts: int) -> int:
    """Seconds to wait before the next attempt: doubling from ``LETTER_RETRY_BACKOFF_SECONDS``, at most an hour."""
    return min(settings.LETTER_RETRY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), 3600)


def _error_text(exc: BaseException, where: str = "") -> str:
    return f"{where}{type(exc).__name__}: {exc}"[:300]


@transaction.atomic
def letter_transition(
    *, letter_id: int, action: Action, actor=None, changes: dict | None = None, event: dict | None = None
) -> Letter:
    """The one way a letter's status changes: lock the letter, check the table, save the new status (with the
    other fields in ``changes``) and write the timeline event (with ``event`` added to its data)."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("case__organization").get(pk=letter_id)
    letter.status = next_status(letter, action)
    changes = changes or {}
    for field, value in changes.items():
        setattr(letter, field, value)
    letter.save(update_fields=["status", *changes, "updated_at"])
    event_record(
        case=letter.case,
        kind=EventKind.LETTER,
        actor=actor,
        data={
            "what": EVENTS[action],
            "kind": letter.kind,
            "version": letter.version,
            "letter": letter.pk,
            **(event or {}),
        },
    )
    return letter


def _next_number(organization_id: int) -> int:
    Organization.objects.select_for_update().filter(pk=organization_id).first()  # serialises numbering per desk
    last = Letter.objects.filter(case__organization_id=organization_id).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def letter_draft(*, case, kind: str, actor, body: str = "") -> Letter:
    """A new letter; it replaces the unsent letters of its kind. Decision letters need every decision."""
    if kind in DECISION_KINDS and case.kind != Kind.REQUEST:
        raise ActionRefused(_("This kind of letter answers a request."))
    if kind in DECISION_KINDS and not all(r.decision for r in case.requests.all()):
        raise ActionRefused(_("Record the decision on every request type before writing this letter."))
    version = (Letter.objects.filter(case=case, kind=kind).aggregate(v=Max("version"))["v"] or 0) + 1
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        language=case.language,
        version=version,
        number=_next_number(case.organization_id),
        body=body.replace("\r\n", "\n").strip(),
        created_by=actor,
        status=LetterStatus.DRAFT,
        letter_date=timezone.localdate(),
    )
    event_record(
        case=case,
        kind=EventKind.LETTER,
        actor=actor,
        data={"what": "drafted", "kind": kind, "version": version, "letter": letter.pk},
    )
    replaced = (
        Letter.objects.filter(case=case, kind=kind, status__in=statuses_allowing(Action.SUPERSEDE))
        .exclude(pk=letter.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for letter_id in replaced:
        letter_transition(letter_id=letter_id, action=Action.SUPERSEDE, actor=actor, event={"by_version": version})
    return letter


@transaction.atomic
def letter_write(*, case_id: int, actor, kind: str, body: str = "", version: int | None = None) -> Letter:
    """A letter written on the case page: it replaces the unsent letter of its kind, so the case version the
    member of staff saw is checked (``StaleCase`` when it moved) and bumped.

    The case is locked first, then the desk's letter numbering (the order every path takes)."""
    case = case_lock(case_id, version=version)
    letter = letter_draft(case=case, kind=kind, actor=actor, body=body)
    case_bump(case)
    return letter


@transaction.atomic
def letter_submit(*, letter_id: int, actor) -> Letter:
    """After the preview: decision letters go to the supervisor; the others are produced at once."""
    letter = Letter.objects.select_for_update().get(pk=letter_id)
    if letter.status != LetterStatus.DRAFT:
        raise ActionRefused(_("This letter has already been submitted."))
    if letter.needs_approval:
        return letter_transition(letter_id=letter.pk, action=Action.SUBMIT, actor=actor)
    return _approve(letter, actor)


def _approve(letter: Letter, actor) -> Letter:
    approved = letter_transition(
        letter_id=letter.pk,
        action=Action.APPROVE,
        actor=actor,
        # The letter is dated the day it is approved for sending.
        changes={"approved_by": actor, "approved_at": timezone.now(), "letter_date": timezone.localdate()},
    )
    transaction.on_commit(lambda: letter_enqueue(letter_id=approved.pk))
    return approved


@transaction.atomic
def letter_approve(*, letter_id: int, actor) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter_id)
    if not actor.is_supervisor:
        raise ActionRefused(
            _("Letters about a decision need the approval of the person responsible for personal information.")
        )
    if letter.created_by_id == actor.pk:
        raise ActionRefused(_("Someone other than the author must approve the letter."))
    if letter.status != LetterStatus.AWAITING_APPROVAL:
        raise ActionRefused(_("This letter is not waiting for approval."))
    return _approve(letter, actor)


def letter_enqueue(*, letter_id: int) -> bool:
    """Hand the production to the broker; when it is unreachable the beat sweep produces the letter later."""
    try:
        current_app.send_task(GENERATE_LETTER_TASK, args=[letter_id])
    except Exception:  # broker down or unreachable: kombu raises several kinds
        logger.warning("Broker unreachable; letter %s waits for the sweep", letter_id, extra={"letter": letter_id})
        return False
    return True


PRODUCIBLE = (LetterStatus.APPROVED, LetterStatus.POSTED, LetterStatus.DELIVERED)


def letter_generate(*, letter_id: int) -> bool:
    """Render and store the PDF/A; returns at once when the stored PDF already matches its source.

    Rendering and storing happen outside the lock; the letter is checked again under it before anything is
    written. A failure counts an attempt and raises ``ProductionFailed`` (the task tries again later, unless
    that was the last attempt).
    """
    letter = Letter.objects.select_related("case__organization").get(pk=letter_id)
    if letter.status not in PRODUCIBLE:
        return False
    try:
        html = document_html([letter_section(letter)])
        checksum = source_checksum(html)
        if letter.pdf and letter.source_sha256 == checksum:
            return False
        return _letter_store(letter, html_to_pdf(html), checksum)
    except DATABASE_GONE:
        raise
    except Exception as exc:
        raise _letter_failed(letter, exc) from exc


@transaction.atomic
def _letter_store(letter: Letter, pdf: bytes, checksum: str) -> bool:
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.pdf and locked.source_sha256 == checksum:
        return False  # another worker finished first
    locked.pdf.save(f"{letter.case.reference}-{letter.kind}-v{letter.version}.pdf", ContentFile(pdf), save=False)
    locked.sha256 = hashlib.sha256(pdf).hexdigest()
    locked.source_sha256, locked.generated_at = checksum, timezone.now()
    locked.attempts, locked.last_error = 0, ""
    locked.save(
        update_fields=["pdf", "sha256", "source_sha256", "generated_at", "attempts", "last_error", "updated_at"]
    )
    event_record(
        case=letter.case,
        kind=EventKind.LETTER,
        data={
            "what": "generated",
            "kind": letter.kind,
            "version": letter.version,
            "sha256": locked.sha256,
            "letter": letter.pk,
        },
    )
    if not letter.by_post and locked.status == LetterStatus.APPROVED:
        letter_transition(letter_id=letter.pk, action=Action.DELIVER)  # electronic: on the tracking page
    return True


def _letter_failed(letter: Letter, exc: Exception) -> ProductionFailed:
    """Count a failed attempt (called while handling ``exc``); the last one makes the letter FAILED."""
    reference = letter.case.reference
    logger.exception(
        "Letter %s of case %s could not be produced",
        letter.pk,
        reference,
        extra={"case": reference, "letter": letter.pk},
    )
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        locked.attempts += 1
        locked.last_error = _error_text(exc)
        locked.save(update_fields=["attempts", "last_error", "updated_at"])
        final = locked.attempts >= settings.LETTER_MAX_ATTEMPTS
        if final and locked.status == LetterStatus.APPROVED:
            letter_transition(letter_id=letter.pk, action=Action.FAIL, event={"attempts": locked.attempts})
    return ProductionFailed(attempts=locked.attempts, final=final)


@transaction.atomic
def letter_retry(*, letter_id: int, actor) -> Letter:
    """A supervisor's "try again" on a letter that could not be produced: the attempts start from zero."""
    letter = letter_transition(
        letter_id=letter_id, action=Action.RETRY, actor=actor, changes={"attempts": 0, "last_error": ""}
    )
    transaction.on_commit(lambda: letter_enqueue(letter_id=letter.pk))
    return letter


@transaction.atomic
def letter_regenerate(*, letter_id: int, actor) -> Letter:
    """Explicit regeneration: a new version with the same text; the old one and its PDF are kept."""
    old = Letter.objects.select_related("case").get(pk=letter_id)
    if old.status in (LetterStatus.POSTED, LetterStatus.DELIVERED):
        raise ActionRefused(_("A letter that has been sent is kept as sent; write a new one instead."))
    case = case_lock(old.case_id, version=None)  # the case first, then the numbering, as on every path
    return letter_draft(case=case, kind=old.kind, actor=actor, body=old.body)


@transaction.atomic
def letters_mark_posted(
    *, letter_ids: list[int], actor, posted_on: date, service: str, tracking_numbers: dict | None = None
) -> int:
    """Only letters that were printed (their own PDF or a finished print file) can have been posted."""
    tracking_numbers = tracking_numbers or {}
    printed = Letter.objects.filter(Q(generated_at__isnull=False) | Q(batches__status=LetterBatch.Status.DONE))
    letters = list(
        Letter.objects.select_for_update()
        .filter(pk__in=letter_ids, status=LetterStatus.APPROVED)
        .filter(pk__in=printed.values("pk"))
        .order_by("pk")
    )
    for letter in letters:
        tracking = tracking_numbers.get(letter.pk, "")
        letter_transition(
            letter_id=letter.pk,
            action=Action.POST,
            actor=actor,
            changes={"posted_on": posted_on, "postal_service": service, "tracking_number": tracking},
            event={"service": service, "posted_on": posted_on.isoformat(), "tracking": tracking},
        )
    return len(letters)


@transaction.atomic
def batch_create(*, actor, letters: list[Letter]) -> LetterBatch:
    batch = LetterBatch.objects.create(created_by=actor, total=len(letters))
    batch.letters.set(letters)
    transaction.on_commit(lambda: batch_enqueue(batch_id=batch.pk))
    return batch


def batch_enqueue(*, batch_id: int) -> bool:
    """Hand the print file to the broker; when it is unreachable the stall sweep starts it later."""
    try:
        current_app.send_task(BUILD_BATCH_TASK, args=[batch_id])
    except Exception:  # broker down or unreachable
        logger.warning("Broker unreachable; print file %s waits for the sweep", batch_id, extra={"batch": batch_id})
        return False
    return True


def _chunk_files(storage, names: list[str]):
    for name in names:
        with storage.open(name) as handle:
            yield handle


def batch_build(*, batch_id: int) -> LetterBatch:
    """Render the batch in chunks of letters (one WeasyPrint document each), then join them.

    Each finished chunk is stored before the next starts; after a worker restart the task resumes at
    the first unfinished chunk, so nothing is rendered twice and no letter appears twice. A failure counts an
    attempt and raises ``ProductionFailed``; the last one makes the print file FAILED.
    """
    batch = LetterBatch.objects.get(pk=batch_id)
    if batch.status in (LetterBatch.Status.DONE, LetterBatch.Status.FAILED):
        return batch
    LetterBatch.objects.filter(pk=batch_id).update(status=LetterBatch.Status.RUNNING)
    letters = list(
        batch.letters.select_related("case__organization")
        .prefetch_related("case__requests")
        .order_by("case__organization_id", "number")
    )
    texts_cache: dict = {}  # one wording lookup per desk, kind and language, not per letter
    chunks, size = list(batch.chunks), settings.LETTER_BATCH_CHUNK
    current = None  # the letter being rendered, named in the log when its template fails
    try:
        for start in range(len(chunks) * size, len(letters), size):
            sections = []
            for current in letters[start : start + size]:
                sections.append(letter_section(current, texts_cache))
            current = None
            pdf = html_to_pdf(document_html(sections))
            name = batch.pdf.storage.save(f"batches/{batch.pk}-{start // size:04d}.pdf", ContentFile(pdf))
            chunks.append(name)
            LetterBatch.objects.filter(pk=batch_id).update(
                chunks=chunks, done=min(start + size, len(letters)), updated_at=timezone.now()
            )
        joined = pdfs_join(_chunk_files(batch.pdf.storage, chunks))
    except DATABASE_GONE:
        raise
    except Exception as exc:
        raise _batch_failed(batch_id, exc, letter=current) from exc
    batch.refresh_from_db()
    batch.pdf.save(f"today-{batch.pk}.pdf", ContentFile(joined), save=False)
    batch.status, batch.done = LetterBatch.Status.DONE, len(letters)
    batch.attempts, batch.last_error = 0, ""
    batch.save(update_fields=["pdf", "status", "done", "attempts", "last_error", "updated_at"])
    for name in chunks:
        batch.pdf.storage.delete(name)
    return batch


def _batch_failed(batch_id: int, exc: Exception, *, letter: Letter | None) -> ProductionFailed:
    """Count a failed attempt (called while handling ``exc``); the last one makes the print file FAILED.
    It waits as PENDING for the next attempt in between."""
    extra: dict[str, object] = {"batch": batch_id}
    if letter is not None:
        extra.update(case=letter.case.reference, letter=letter.pk)
        logger.exception(
            "Print file %s could not be built: letter %s of case %s",
            batch_id,
            letter.pk,
            letter.case.reference,
            extra=extra,
        )
    else:
        logger.exception("Print file %s could not be built", batch_id, extra=extra)
    with transaction.atomic():
        batch = LetterBatch.objects.select_for_update().get(pk=batch_id)
        batch.attempts += 1
        batch.last_error = _error_text(exc, f"{letter.case.reference}: " if letter is not None else "")
        final = batch.attempts >= settings.LETTER_MAX_ATTEMPTS
        batch.status = LetterBatch.Status.FAILED if final else LetterBatch.Status.PENDING
        batch.save(update_fields=["attempts", "last_error", "status", "updated_at"])
    return ProductionFailed(attempts=batch.attempts, final=final)


@transaction.atomic
def batch_retry(*, batch_id: int, actor) -> LetterBatch:
    """A supervisor's "try again" on a print file that could not be built: it resumes at its first unfinished
    chunk, the attempts starting from zero."""
    batch = LetterBatch.objects.select_for_update().get(pk=batch_id)
    if batch.status != LetterBatch.Status.FAILED:
        raise ActionRefused(_("This print file has not failed."))
    batch.status, batch.attempts, batch.last_error = LetterBatch.Status.PENDING, 0, ""
    batch.save(update_fields=["status", "attempts", "last_error", "updated_at"])
    transaction.on_commit(lambda: batch_enqueue(batch_id=batch.pk))
    return batch


def letter_text_save(*, organization, kind: str, language: str, actor, opening: str, closing: str) -> None:
    """The supervisor's wording (plain text only: it is escaped when the letter is rendered)."""
    LetterText.objects.update_or_create(
        organization=organization,
        kind=kind,
        language=language,
        defaults={"opening": opening.replace("\r\n", "\n").strip(), "closing": closing.replace("\r\n", "\n").strip()},
    )
