"""Today's mail through a real worker process: killed halfway through the print file, resumed, no duplicate."""

import io
import signal
import time

import pytest
from pypdf import PdfReader

from privacydesk.letters.models import Letter, LetterBatch
from privacydesk.letters.services import batch_create, letter_draft
from privacydesk.letters.tasks import resume_stalled_batches
from tests.integration.test_reminder_workers import start_worker, stop, wait_for
from tests.letters.helpers import decided_request

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_print_file_survives_a_worker_killed_halfway(organization, reception, supervisor, tmp_path):
    from privacydesk.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    letters = []
    for _ in range(30):
        case = decided_request(organization, reception, supervisor)
        letter = letter_draft(case=case, kind="acknowledgement", actor=reception)
        letters.append(letter)
    Letter.objects.filter(pk__in=[x.pk for x in letters]).update(status="approved")  # approved earlier
    worker = start_worker(tmp_path, "printer")
    try:
        batch = batch_create(actor=reception, letters=letters)
        wait_for(lambda: len(LetterBatch.objects.get(pk=batch.pk).chunks) >= 1, timeout=90)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    stopped = LetterBatch.objects.get(pk=batch.pk)
    assert stopped.status == "running" and 1 <= len(stopped.chunks) < 3
    first_chunk = stopped.chunks[0]
    time.sleep(3.5)  # no progress for longer than the stall limit (3 s in this test's workers)
    worker = start_worker(tmp_path, "printer2")
    try:
        from django.test import override_settings

        with override_settings(LETTER_BATCH_STALL_SECONDS=3):
            assert resume_stalled_batches() == 1  # what beat does every two minutes
        wait_for(lambda: LetterBatch.objects.get(pk=batch.pk).status == "done", timeout=120)
    finally:
        stop(worker)
    done = LetterBatch.objects.get(pk=batch.pk)
    assert done.chunks[0] == first_chunk  # the finished chunk was kept, not rendered again
    reader = PdfReader(io.BytesIO(done.pdf.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 30
    assert all(text.count(letter.case.reference) == 1 for letter in letters)
