"""Letters: draft, approve, produce (by a worker), regenerate, post. Each step is on the case timeline."""

import hashlib
import io
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacydesk.core.errors import ActionRefused
from privacydesk.organizations.models import Organization

from .models import Letter, LetterBatch, LetterKind, LetterStatus
from .rendering import document_html, html_to_pdf, letter_section, source_checksum


def _event(case, actor, **data) -> None:
    from privacydesk.cases.models import CaseEvent, EventKind

    CaseEvent.objects.create(case=case, kind=EventKind.LETTER, actor=actor, data=data)


def _next_number(organization_id: int) -> int:
    Organization.objects.select_for_update().filter(pk=organization_id).first()  # serialises numbering per desk
    last = Letter.objects.filter(case__organization_id=organization_id).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def letter_draft(*, case, kind: str, actor, body: str = "") -> Letter:
    """A new letter; decision letters wait for the supervisor, others are approved at once."""
    from privacydesk.cases.models import Kind

    if kind in (LetterKind.DISCLOSURE, LetterKind.REFUSAL, LetterKind.COMPLETION) and case.kind != Kind.REQUEST:
        raise ActionRefused(_("This kind of letter answers a request."))
    if kind in (LetterKind.DISCLOSURE, LetterKind.REFUSAL, LetterKind.COMPLETION) and not all(
        r.decision for r in case.requests.all()
    ):
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
    Letter.objects.filter(case=case, kind=kind).exclude(pk=letter.pk).exclude(
        status__in=[LetterStatus.POSTED, LetterStatus.DELIVERED]
    ).update(status=LetterStatus.SUPERSEDED)
    _event(case, actor, what="drafted", kind=kind, version=version, letter=letter.pk)
    return letter


@transaction.atomic
def letter_submit(*, letter_id: int, actor) -> Letter:
    """After the preview: decision letters go to the supervisor; the others are produced at once."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter_id)
    if letter.status != LetterStatus.DRAFT:
        raise ActionRefused(_("This letter has already been submitted."))
    if letter.needs_approval:
        letter.status = LetterStatus.AWAITING_APPROVAL
        letter.save(update_fields=["status", "updated_at"])
        _event(letter.case, actor, what="submitted", kind=letter.kind, version=letter.version, letter=letter.pk)
    else:
        _approve(letter, actor)
    return letter


def _approve(letter: Letter, actor) -> None:
    letter.status = LetterStatus.APPROVED
    letter.approved_by, letter.approved_at = actor, timezone.now()
    letter.letter_date = timezone.localdate()  # the letter is dated the day it is approved for sending
    letter.save(update_fields=["status", "approved_by", "approved_at", "letter_date", "updated_at"])
    _event(letter.case, actor, what="approved", kind=letter.kind, version=letter.version, letter=letter.pk)
    transaction.on_commit(lambda: letter_enqueue(letter_id=letter.pk))


@transaction.atomic
def letter_approve(*, letter_id: int, actor) -> Letter:
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter_id)
    if not actor.is_supervisor:
        raise ActionRefused(
            _("Letters about a decision need the approval of the person responsible for personal information.")
        )
    if letter.created_by_id == actor.pk:
        raise ActionRefused(_("Someone other than the author must approve the letter."))
    if letter.status != LetterStatus.AWAITING_APPROVAL:
        raise ActionRefused(_("This letter is not waiting for approval."))
    _approve(letter, actor)
    return letter


def letter_enqueue(*, letter_id: int) -> None:
    from .tasks import generate_letter

    try:
        generate_letter.delay(letter_id)
    except Exception:  # broker down: the beat sweep produces it later
        return


def letter_generate(*, letter_id: int) -> bool:
    """Render and store the PDF/A; returns at once when the stored PDF already matches its source."""
    letter = Letter.objects.select_related("case__organization").get(pk=letter_id)
    if letter.status not in (LetterStatus.APPROVED, LetterStatus.POSTED, LetterStatus.DELIVERED):
        return False
    html = document_html([letter_section(letter)])
    checksum = source_checksum(html)
    if letter.pdf and letter.source_sha256 == checksum:
        return False
    pdf = html_to_pdf(html)
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter_id)
        if locked.pdf and locked.source_sha256 == checksum:
            return False  # another worker finished first
        locked.pdf.save(f"{letter.case.reference}-{letter.kind}-v{letter.version}.pdf", ContentFile(pdf), save=False)
        locked.sha256 = hashlib.sha256(pdf).hexdigest()
        locked.source_sha256, locked.generated_at = checksum, timezone.now()
        if not letter.by_post and locked.status == LetterStatus.APPROVED:
            locked.status = LetterStatus.DELIVERED  # electronic delivery: downloadable from the tracking page
        locked.save(update_fields=["pdf", "sha256", "source_sha256", "generated_at", "status", "updated_at"])
        _event(
            letter.case,
            None,
            what="generated",
            kind=letter.kind,
            version=letter.version,
            sha256=locked.sha256,
            letter=letter.pk,
        )
    return True


@transaction.atomic
def letter_regenerate(*, letter_id: int, actor) -> Letter:
    """Explicit regeneration: a new version with the same text; the old one and its PDF are kept."""
    old = Letter.objects.select_related("case").get(pk=letter_id)
    if old.status in (LetterStatus.POSTED, LetterStatus.DELIVERED):
        raise ActionRefused(_("A letter that has been sent is kept as sent; write a new one instead."))
    return letter_draft(case=old.case, kind=old.kind, actor=actor, body=old.body)


@transaction.atomic
def letters_mark_posted(
    *, letter_ids: list[int], actor, posted_on: date, service: str, tracking_numbers: dict | None = None
) -> int:
    """Only letters that were printed (their own PDF or a finished print file) can have been posted."""
    tracking_numbers = tracking_numbers or {}
    printed = Letter.objects.filter(Q(generated_at__isnull=False) | Q(batches__status=LetterBatch.Status.DONE))
    letters = list(
        Letter.objects.select_for_update()
        .select_related("case")
        .filter(pk__in=letter_ids, status=LetterStatus.APPROVED)
        .filter(pk__in=printed.values("pk"))
    )
    for letter in letters:
        letter.status, letter.posted_on, letter.postal_service = LetterStatus.POSTED, posted_on, service
        letter.tracking_number = tracking_numbers.get(letter.pk, "")
        letter.save(update_fields=["status", "posted_on", "postal_service", "tracking_number", "updated_at"])
        _event(
            letter.case,
            actor,
            what="posted",
            kind=letter.kind,
            service=service,
            posted_on=posted_on.isoformat(),
            tracking=letter.tracking_number,
        )
    return len(letters)


def todays_mail():
    """Approved letters to be sent by post and not posted yet."""
    return (
        Letter.objects.filter(status=LetterStatus.APPROVED, case__reply_method="post")
        .select_related("case__organization")
        .order_by("case__organization_id", "number")
    )


@transaction.atomic
def batch_create(*, actor, letters: list[Letter]) -> LetterBatch:
    batch = LetterBatch.objects.create(created_by=actor, total=len(letters))
    batch.letters.set(letters)
    transaction.on_commit(lambda: batch_enqueue(batch_id=batch.pk))
    return batch


def batch_enqueue(*, batch_id: int) -> None:
    from .tasks import build_batch

    try:
        build_batch.delay(batch_id)
    except Exception:
        return


CHUNK = 50  # letters per WeasyPrint document: big enough to spread the fixed cost, small enough for flat memory


def _chunk_size() -> int:
    from django.conf import settings

    return getattr(settings, "LETTER_BATCH_CHUNK", CHUNK)


def batch_build(*, batch_id: int) -> LetterBatch:
    """Render the batch in chunks of letters (one WeasyPrint document each), then join them.

    Each finished chunk is stored before the next starts; after a worker restart the task resumes at
    the first unfinished chunk, so nothing is rendered twice and no letter appears twice.
    """
    from pypdf import PdfWriter

    batch = LetterBatch.objects.get(pk=batch_id)
    if batch.status == LetterBatch.Status.DONE:
        return batch
    LetterBatch.objects.filter(pk=batch_id).update(status=LetterBatch.Status.RUNNING)
    letters = list(
        batch.letters.select_related("case__organization")
        .prefetch_related("case__requests")
        .order_by("case__organization_id", "number")
    )
    texts_cache: dict = {}  # one wording lookup per desk, kind and language, not per letter
    chunks, size = list(batch.chunks), _chunk_size()
    for start in range(len(chunks) * size, len(letters), size):
        part = letters[start : start + size]
        pdf = html_to_pdf(document_html([letter_section(letter, texts_cache) for letter in part]))
        name = batch.pdf.storage.save(f"batches/{batch.pk}-{start // size:04d}.pdf", ContentFile(pdf))
        chunks.append(name)
        LetterBatch.objects.filter(pk=batch_id).update(
            chunks=chunks, done=min(start + size, len(letters)), updated_at=timezone.now()
        )
    writer = PdfWriter()
    for name in chunks:
        with batch.pdf.storage.open(name) as handle:
            writer.append(handle)
    buffer = io.BytesIO()
    writer.write(buffer)
    out = ContentFile(buffer.getvalue())
    batch.refresh_from_db()
    batch.pdf.save(f"today-{batch.pk}.pdf", out, save=False)
    batch.status, batch.done = LetterBatch.Status.DONE, len(letters)
    batch.save(update_fields=["pdf", "status", "done", "updated_at"])
    for name in chunks:
        batch.pdf.storage.delete(name)
    return batch


def batches_stalled_ids(*, older_than_seconds: int) -> list[int]:
    """Batches a worker started (or never got) and left: no progress for a while."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        LetterBatch.objects.filter(
            status__in=[LetterBatch.Status.PENDING, LetterBatch.Status.RUNNING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)
    )


def letter_text_save(*, organization, kind: str, language: str, actor, opening: str, closing: str) -> None:
    """The supervisor's wording (plain text only: it is escaped when the letter is rendered)."""
    from .models import LetterText

    LetterText.objects.update_or_create(
        organization=organization,
        kind=kind,
        language=language,
        defaults={"opening": opening.replace("\r\n", "\n").strip(), "closing": closing.replace("\r\n", "\n").strip()},
    )
