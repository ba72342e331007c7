"""Letter rendering benchmark: our pipeline against bare WeasyPrint on the same HTML, and a flat batch.

    .venv/bin/python bench/letters.py [--batch 500]

Uses a throw-away SQLite database under /tmp (the rendering does not depend on the database engine).
Reports: one letter (our letter_generate path vs bare WeasyPrint on the identical HTML), a batch of N letters
(our chunked batch_build vs bare WeasyPrint on the same chunks), and the peak RSS of batches of 100 and N
letters, each in its own process, to show that memory stays flat as the batch grows.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path("/tmp/privacydesk-letters-bench.sqlite3")


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    # Production settings (DEBUG off: templates are parsed once and cached, as in a real worker).
    os.environ["DJANGO_SETTINGS_MODULE"] = "privacydesk.settings.prod"
    os.environ.setdefault("SECRET_KEY", "letters-benchmark-" + "x" * 50)
    os.environ.setdefault("FILE_ENCRYPTION_KEY", "letters-benchmark-key")
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["PRIVATE_MEDIA_ROOT"] = "/tmp/privacydesk-letters-bench-media"
    import django

    django.setup()


def prepare(count: int) -> list[int]:
    """Approved acknowledgement letters for ``count`` requests (created once, reused by later runs)."""
    from django.core.management import call_command

    from privacydesk.accounts.models import User
    from privacydesk.cases.services import Requester, Submission, case_submit
    from privacydesk.letters.models import Letter, LetterStatus
    from privacydesk.letters.services import letter_draft
    from privacydesk.organizations.models import Organization

    call_command("migrate", verbosity=0)
    if not Organization.objects.exists():
        call_command("seed_demo", verbosity=0)
    have = list(
        Letter.objects.filter(status=LetterStatus.APPROVED, kind="acknowledgement").values_list("pk", flat=True)
    )
    org = Organization.objects.get(slug="toto-voicenet")
    staff = User.objects.get(username="reception")
    for i in range(len(have), count):
        language = "ja" if i % 2 == 0 else "en"
        case = case_submit(
            organization=org,
            submission=Submission(
                kind="request",
                language=language,
                request_types=["disclosure"],
                reply_method="post",
                requester=Requester(
                    name="山田 太郎" if language == "ja" else "Emma Schmidt",
                    postal_code="135-0016",
                    address="東京都江東区東陽一丁目1番1号",
                    email=f"bench{i}@example.com",
                ),
            ),
        )
        letter = letter_draft(case=case, kind="acknowledgement", actor=staff)
        Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.APPROVED)
        have.append(letter.pk)
    return have[:count]


def bare_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    from privacydesk.letters.rendering import LETTER_CSS, PDF_VARIANT

    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(filename=LETTER_CSS)], pdf_variant=PDF_VARIANT)


def one_letter(letter_id: int, rounds: int) -> dict:
    from privacydesk.letters.models import Letter
    from privacydesk.letters.rendering import document_html, html_to_pdf, letter_section

    ours, bare = [], []
    for _ in range(rounds):
        letter = Letter.objects.select_related("case__organization").get(pk=letter_id)
        started = time.perf_counter()
        html = document_html([letter_section(letter)])
        html_to_pdf(html)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        bare_pdf(html)
        bare.append(time.perf_counter() - started)
    return {"ours_s": statistics.median(ours), "bare_s": statistics.median(bare)}


def batch(letter_ids: list[int]) -> dict:
    """Our batch_build (chunks + join) against bare WeasyPrint on the same chunked HTML."""
    from django.conf import settings

    from privacydesk.accounts.models import User
    from privacydesk.letters.models import Letter, LetterBatch
    from privacydesk.letters.rendering import document_html, letter_section
    from privacydesk.letters.services import batch_build

    letters = list(
        Letter.objects.filter(pk__in=letter_ids)
        .select_related("case__organization")
        .order_by("case__organization_id", "number")
    )
    record = LetterBatch.objects.create(created_by=User.objects.get(username="reception"), total=len(letters))
    record.letters.set(letters)
    started = time.perf_counter()
    done = batch_build(batch_id=record.pk)
    ours = time.perf_counter() - started
    size = settings.LETTER_BATCH_CHUNK
    htmls = [document_html([letter_section(x) for x in letters[i : i + size]]) for i in range(0, len(letters), size)]
    started = time.perf_counter()
    for html in htmls:
        bare_pdf(html)
    bare = time.perf_counter() - started
    return {"letters": done.total, "ours_s": ours, "bare_s": bare, "chunk": size}


def child(mode: str, count: int) -> None:
    setup_django()
    ids = prepare(count)
    result = batch(ids) if mode == "batch" else one_letter(ids[0], 5)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_child(mode: str, count: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--batch", str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batch)
        return
    started = time.time()
    single = run_child("single", args.batch)
    small = run_child("batch", 100)
    large = run_child("batch", args.batch)
    lines = [
        f"# Letters benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores)",
        "",
        "| measure | ours | bare WeasyPrint | overhead |",
        "|---|--:|--:|--:|",
        f"| one letter (median of 5) | {single['ours_s'] * 1000:.0f} ms | {single['bare_s'] * 1000:.0f} ms | {100 * (single['ours_s'] / single['bare_s'] - 1):+.1f}% |",
        f"| batch of 100 (chunks of {small['chunk']}) | {small['ours_s']:.1f} s | {small['bare_s']:.1f} s | {100 * (small['ours_s'] / small['bare_s'] - 1):+.1f}% |",
        f"| batch of {large['letters']} (chunks of {large['chunk']}) | {large['ours_s']:.1f} s | {large['bare_s']:.1f} s | {100 * (large['ours_s'] / large['bare_s'] - 1):+.1f}% |",
        "",
        f"Peak RSS of the process: batch of 100 = {small['peak_rss_mb']:.0f} MB, batch of {large['letters']} = {large['peak_rss_mb']:.0f} MB "
        f"(one letter only: {single['peak_rss_mb']:.0f} MB).",
        f"Per page in a batch: {large['ours_s'] / large['letters'] * 1000:.0f} ms. Total run: {time.time() - started:.0f} s.",
    ]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"letters-{time.strftime('%Y%m%d-%H%M%S')}.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
