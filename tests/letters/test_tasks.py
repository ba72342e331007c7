"""Failures end: a letter or print file that keeps failing is retried, then FAILED, and the sweeps leave it alone.

The tasks run in this process (``apply``, Celery's own eager mode: its retries run at once, one after the other).
Rendering fails for real: the letters are in a language that has no letter templates.
"""

import pytest

from privacydesk.letters.models import Letter, LetterBatch, LetterStatus
from privacydesk.letters.selectors import batches_stalled_ids, letters_pending_ids
from privacydesk.letters.services import (
    ProductionFailed,
    letter_draft,
    letter_generate,
    letter_retry,
    letter_submit,
)
from privacydesk.letters.tasks import build_batch, generate_letter, produce_pending_letters, resume_stalled_batches
from tests.letters.helpers import decided_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def approved(organization, reception, supervisor):
    """An approved acknowledgement that nobody produced yet."""
    case = decided_request(organization, reception, supervisor)
    letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
    return letter_submit(letter_id=letter.pk, actor=reception)


def unrenderable(letter: Letter) -> Letter:
    Letter.objects.filter(pk=letter.pk).update(language="de")  # no letters/pdf/*.de.html
    return letter


def test_a_letter_whose_rendering_keeps_failing_ends_failed_and_the_sweep_no_longer_picks_it(
    approved, settings, caplog
):
    settings.LETTER_MAX_ATTEMPTS = 3
    unrenderable(approved)
    assert letters_pending_ids() == [approved.pk]
    generate_letter.apply(args=[approved.pk])
    approved.refresh_from_db()
    assert approved.status == LetterStatus.FAILED and approved.attempts == 3
    assert "TemplateDoesNotExist" in approved.last_error and "acknowledgement.de.html" in approved.last_error
    assert approved.case.events.filter(kind="letter", data__what="failed", data__attempts=3).exists()
    assert letters_pending_ids() == [] and produce_pending_letters() == 0
    assert not approved.pdf
    # Each failure was logged with the case reference and the letter.
    failures = [r for r in caplog.records if r.levelname == "ERROR" and getattr(r, "letter", None) == approved.pk]
    assert len(failures) == 3 and {r.case for r in failures} == {approved.case.reference} and failures[0].exc_info


def test_a_letter_that_fails_once_is_produced_on_the_next_attempt(approved, settings):
    settings.LETTER_MAX_ATTEMPTS = 3
    unrenderable(approved)
    with pytest.raises(ProductionFailed) as failed:
        letter_generate(letter_id=approved.pk)
    assert (failed.value.attempts, failed.value.final) == (1, False)
    Letter.objects.filter(pk=approved.pk).update(language="ja")  # the cause is fixed before the next attempt
    assert letter_generate(letter_id=approved.pk) is True
    approved.refresh_from_db()
    assert approved.status == LetterStatus.APPROVED and approved.pdf
    assert (approved.attempts, approved.last_error) == (0, "")


def test_a_supervisor_tries_a_failed_letter_again_from_zero(approved, settings, supervisor):
    settings.LETTER_MAX_ATTEMPTS = 2
    unrenderable(approved)
    generate_letter.apply(args=[approved.pk])
    Letter.objects.filter(pk=approved.pk).update(language="ja")
    letter_retry(letter_id=approved.pk, actor=supervisor)
    approved.refresh_from_db()
    assert (approved.status, approved.attempts, approved.last_error) == (LetterStatus.APPROVED, 0, "")
    assert letters_pending_ids() == [approved.pk]  # the sweep is its backstop again
    assert letter_generate(letter_id=approved.pk) is True


def test_a_print_file_that_keeps_failing_ends_failed_and_the_stall_sweep_no_longer_picks_it(
    approved, reception, settings, caplog
):
    settings.LETTER_MAX_ATTEMPTS = 3
    settings.LETTER_BATCH_STALL_SECONDS = 0
    unrenderable(approved)
    batch = LetterBatch.objects.create(created_by=reception, total=1)
    batch.letters.set([approved])
    assert batches_stalled_ids(older_than_seconds=0) == [batch.pk]  # a pending print file is picked up…
    build_batch.apply(args=[batch.pk])
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.FAILED and batch.attempts == 3
    assert batch.last_error.startswith(f"{approved.case.reference}: TemplateDoesNotExist")
    assert batches_stalled_ids(older_than_seconds=0) == [] and resume_stalled_batches() == 0  # …a failed one not
    failures = [r for r in caplog.records if r.levelname == "ERROR" and getattr(r, "batch", None) == batch.pk]
    assert len(failures) == 3 and failures[0].case == approved.case.reference and failures[0].letter == approved.pk
