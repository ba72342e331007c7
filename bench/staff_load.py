"""Issue #8, the staff side under load: staff working the queue while reminders and a print batch run.

    .venv/bin/python bench/staff_load.py                      # 20 staff, 60 actions each, a 500-letter batch
    .venv/bin/python bench/staff_load.py --staff 8 --actions 30 --letters 50

A real gunicorn (``bench.run.Gunicorn``, ``bench.settings`` = the production settings) on PostgreSQL and Redis,
and a real Celery worker. Each simulated member of staff is a thread with its own session, signed in with
password and TOTP; it opens the queue, opens a case, and changes its status, assignee or outcome or adds a
note — most often on the same few "hot" cases, to force conflicts — sending the case version its page showed.
Meanwhile ``scan_reminders`` is queued every few seconds and a print batch of today's mail is built.

Afterwards (``verify``): no 500, no deadlock (PostgreSQL's counter and the logs), every accepted change is on
its case's timeline exactly once and nothing else from the load is, every refused change got the 409 conflict
page, the batch holds each letter once, every reminder was sent once.

``prepare``, ``run`` and ``verify`` are also used by tests/integration/test_staff_load.py (CI size, test settings).
"""

import argparse
import base64
import io
import os
import random
import re
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import PG, PYTHON, RESULTS, ROOT, Gunicorn, Session, base_env, csrf_token, database_ensure, log, manage
from bench.run import pct as percentile
from bench.run import totp as totp_code

CONFLICT_TEXTS = (
    b"Someone else changed this case while you were working on it",
    "この案件を変更しました".encode(),  # the Japanese message, whatever the order of who, when and what
)
VERSION_RE = re.compile(rb'name="version" value="(\d+)"')
ACTION_RE = re.compile(rb'name="status-action" value="(\w+)"')
CHANGES = ("status", "assign", "outcome", "note")
PATHS = {"status": "status/", "assign": "assign/", "outcome": "outcome/", "note": "note/"}
EVENT_KIND = {"status": "status_changed", "assign": "assigned", "outcome": "outcome", "note": "note"}


@dataclass
class Plan:
    """What ``prepare`` made: the staff (username, TOTP secret, id), the cases they work on, the letters."""

    password: str
    staff: list[tuple[str, str, int]]
    printer: tuple[str, str, int]
    hot: list[int]
    pool: list[int]
    letters: list[int]
    organization: int


@dataclass
class Result:
    requests: Counter = field(default_factory=Counter)  # by kind: queue, case, status, assign, outcome, note
    statuses: Counter = field(default_factory=Counter)  # (kind, HTTP status)
    accepted: list[tuple[int, str, str, str]] = field(default_factory=list)  # (case, username, change, key)
    conflicts: list[tuple[int, str, str]] = field(default_factory=list)  # (case, username, change)
    errors: list[str] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    batch_id: int | None = None
    batch_seconds: float | None = None
    scans: int = 0
    wall_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


# ------------------------------------------------------------------------------------------------ data
def prepare(*, organization, staff: int, hot: int, pool: int, letters: int) -> Plan:
    """Staff with fresh TOTP devices, open inquiries to work on, ``letters`` approved letters by post.

    Runs with Django set up on the database the server uses.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from privacydesk.accounts.models import Role, User
    from privacydesk.cases.services import Requester, Submission, case_submit
    from privacydesk.letters.models import Letter, LetterStatus
    from privacydesk.letters.services import letter_draft

    password = secrets.token_urlsafe(16)

    def member(username: str, role: str = Role.RECEPTION) -> tuple[str, str, int]:
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role, user.email, user.language, user.is_active = role, f"{username}@desk.example", "ja", True
        user.set_password(password)
        user.save()
        user.organizations.set([organization])
        key = secrets.token_bytes(20)
        TOTPDevice.objects.filter(user=user).delete()  # a fresh device: no TOTP window used by an earlier run
        TOTPDevice.objects.create(user=user, name="load", key=key.hex(), confirmed=True)
        return username, base64.b32encode(key).decode(), user.pk

    members = [member(f"load{i:02d}") for i in range(staff)]
    printer = member("load-printer")

    def inquiry(i: int, **extra) -> int:
        requester = Requester(name="負荷 太郎", email=f"load{i}@example.com", postal_code="135-0016",
                              address="東京都江東区東陽一丁目1番1号")  # fmt: skip
        values = {"kind": "inquiry", "language": "ja", "requester": requester, "subject": "負荷試験", "message": "確認"}
        return case_submit(organization=organization, submission=Submission(**{**values, **extra})).pk

    hot_ids = [inquiry(i) for i in range(hot)]
    pool_ids = [inquiry(1000 + i) for i in range(pool)]
    # Reminders: a few of the pool's cases are due tomorrow and assigned, so every scan has work to do.
    from datetime import timedelta

    from django.utils import timezone

    from privacydesk.cases.models import Case

    for n, case_id in enumerate(pool_ids[: max(1, pool // 2)]):
        Case.objects.filter(pk=case_id).update(
            assignee_id=members[n % len(members)][2], due_at=timezone.now() + timedelta(hours=20)
        )
    # Today's mail: only this run's letters (earlier runs' unposted letters of the desk are marked posted).
    Letter.objects.filter(
        case__organization=organization, status=LetterStatus.APPROVED, case__reply_method="post"
    ).update(status=LetterStatus.POSTED, posted_on=timezone.localdate())
    staff_user = User.objects.get(pk=printer[2])
    letter_ids = []
    for i in range(letters):
        language = "ja" if i % 2 == 0 else "en"
        case = case_submit(
            organization=organization,
            submission=Submission(
                kind="request", language=language, request_types=["disclosure"], reply_method="post",
                requester=Requester(
                    name="山田 太郎" if language == "ja" else "Emma Schmidt", postal_code="135-0016",
                    address="東京都江東区東陽一丁目1番1号", email=f"print{i}@example.com",
                ),
            ),
        )  # fmt: skip
        letter = letter_draft(case=case, kind="acknowledgement", actor=staff_user)
        letter_ids.append(letter.pk)
    Letter.objects.filter(pk__in=letter_ids).update(status=LetterStatus.APPROVED)
    return Plan(password, members, printer, hot_ids, pool_ids, letter_ids, organization.pk)


# ------------------------------------------------------------------------------------------------ HTTP
def sign_in(session: Session, username: str, password: str, secret: str) -> None:
    page = session.get("/ja/staff/login/")
    resp = session.post(
        "/ja/staff/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(page), "next": ""},
    )
    if resp.status != 302:
        raise RuntimeError(f"{username}: password step answered {resp.status}")
    code_path = resp.header("location")
    page = session.get(code_path)
    code = totp_code(secret, int(time.time() // 30))
    resp = session.post(code_path, {"token": code, "csrfmiddlewaretoken": csrf_token(page), "next": ""})
    if resp.status != 302:
        raise RuntimeError(f"{username}: TOTP step answered {resp.status}")


def _record(result: Result, kind: str, resp, extra: str = "") -> None:
    with result.lock:
        result.requests[kind] += 1
        result.statuses[(kind, resp.status)] += 1
        result.ms.append(resp.ms)
        if resp.status >= 500:
            result.errors.append(f"{kind}: HTTP {resp.status} {extra}")


def _change(rng: random.Random, page: bytes, plan: Plan, me: str, n: int) -> tuple[str, dict, str]:
    """A change a person would make on this page: (change, form data, key that its timeline event holds)."""
    change = rng.choices(CHANGES, weights=(3, 3, 2, 2))[0]
    if change == "status":
        offered = {m.decode() for m in ACTION_RE.findall(page)}
        action = "start" if "start" in offered else "ask_requester" if "ask_requester" in offered else None
        action = action or "requester_replied"  # waiting for the requester: they answered (no button for it)
        return change, {"status-action": action, "status-note": ""}, action
    if change == "assign":
        username, _, pk = rng.choice(plan.staff)
        return change, {"assign-assignee": str(pk)}, username
    text = f"{me}-{n}-{change}-{rng.randrange(10**6)}"
    if change == "outcome":
        return change, {"outcome-outcome": text}, text
    return change, {"note-text": text}, text


def staff_member(port: int, plan: Plan, who: tuple[str, str, int], actions: int, result: Result, seed: int,
                 hot_share: float, barrier: threading.Barrier) -> None:  # fmt: skip
    username, secret, _ = who
    rng = random.Random(seed)
    session = Session("127.0.0.1", port)
    try:
        sign_in(session, username, plan.password, secret)
    except Exception as error:
        with result.lock:
            result.errors.append(f"sign-in {username}: {error}")
        barrier.abort()
        return
    barrier.wait()
    try:
        _work(session, rng, plan, username, actions, result, hot_share)
    except Exception as error:  # the server went away (or the run's time was up): reported, never silent
        with result.lock:
            result.errors.append(f"{username}: {type(error).__name__}: {error}")


def _work(session, rng, plan: Plan, username: str, actions: int, result: Result, hot_share: float) -> None:
    for n in range(actions):
        resp = session.get("/ja/staff/")
        _record(result, "queue", resp)
        case_id = rng.choice(plan.hot) if rng.random() < hot_share else rng.choice(plan.pool)
        page = session.get(f"/ja/staff/cases/{case_id}/")
        _record(result, "case", page, str(case_id))
        found = VERSION_RE.search(page.body)
        if page.status != 200 or not found:
            with result.lock:
                result.errors.append(
                    f"case page {case_id}: HTTP {page.status}, version {'found' if found else 'missing'}"
                )
            continue
        change, data, key = _change(rng, page.body, plan, username, n)
        time.sleep(rng.uniform(0, 0.15))  # a person reads and types: the window in which a colleague may change it
        data |= {"version": found.group(1).decode(), "csrfmiddlewaretoken": csrf_token(page)}
        resp = session.post(f"/ja/staff/cases/{case_id}/{PATHS[change]}", data)
        _record(result, change, resp, str(case_id))
        with result.lock:
            if resp.status == 302:
                result.accepted.append((case_id, username, change, key))
            elif resp.status == 409 and any(t in resp.body for t in CONFLICT_TEXTS):
                result.conflicts.append((case_id, username, change))
            elif resp.status < 500:
                result.errors.append(
                    f"{change} on {case_id} by {username}: HTTP {resp.status} without the conflict page"
                )


def run(*, port: int, plan: Plan, actions: int, hot_share: float = 0.7, scan_every: float = 2.0,
        timeout: float = 900) -> Result:  # fmt: skip
    """The load: the print batch is asked for, then all staff work while reminders are scanned."""
    from privacydesk.deadlines.tasks import scan_reminders
    from privacydesk.letters.models import LetterBatch

    result = Result()
    barrier = threading.Barrier(len(plan.staff) + 1, timeout=300)
    threads = [
        threading.Thread(
            target=staff_member, args=(port, plan, who, actions, result, 1000 + i, hot_share, barrier), daemon=True
        )
        for i, who in enumerate(plan.staff)
    ]
    for thread in threads:
        thread.start()
    printer = Session("127.0.0.1", port)
    sign_in(printer, plan.printer[0], plan.password, plan.printer[1])
    barrier.wait()  # everybody signed in: the load starts now
    started = time.monotonic()
    page = printer.get("/ja/staff/mail/")
    resp = printer.post("/ja/staff/mail/print/", {"csrfmiddlewaretoken": csrf_token(page)})
    batch_started = time.monotonic()
    match = re.search(r"/mail/print/(\d+)/", resp.header("location", ""))
    if resp.status != 302 or not match:
        result.errors.append(f"print batch: HTTP {resp.status} {resp.header('location')}")
    else:
        result.batch_id = int(match.group(1))
    stop = threading.Event()

    def scanner() -> None:
        while not stop.is_set():
            scan_reminders.delay()
            result.scans += 1
            stop.wait(scan_every)

    scanning = threading.Thread(target=scanner, daemon=True)
    scanning.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (
        any(t.is_alive() for t in threads) or (result.batch_id and result.batch_seconds is None)
    ):
        done = LetterBatch.objects.filter(pk=result.batch_id or 0, status=LetterBatch.Status.DONE).exists()
        if result.batch_seconds is None and done:
            result.batch_seconds = time.monotonic() - batch_started
        time.sleep(0.5)
    result.wall_seconds = time.monotonic() - started
    if any(t.is_alive() for t in threads):
        result.errors.append(f"the staff had not finished after {timeout:.0f} s")
    stop.set()
    scanning.join(10)
    for thread in threads:
        thread.join(5)
    return result


# ------------------------------------------------------------------------------------------------ checks
def deadlocks(dbname: str) -> int:
    import psycopg

    with psycopg.connect(PG.format(dbname), autocommit=True) as conn:
        return conn.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (dbname,)).fetchone()[0]


def wait_reminders_sent(timeout: float = 120) -> None:
    from privacydesk.deadlines.models import Reminder

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Reminder.objects.filter(sent_at__isnull=True).exists():
        time.sleep(0.5)


def verify(plan: Plan, result: Result, *, logs: list[Path], mail_dir: Path | None = None) -> dict:
    """What must hold after the load; ``problems`` is empty when it all does."""
    from pypdf import PdfReader

    from privacydesk.cases.models import CaseEvent
    from privacydesk.deadlines.models import Reminder
    from privacydesk.letters.models import Letter, LetterBatch

    problems = list(result.errors)
    if any(status >= 500 for (_, status) in result.statuses):
        problems.append("a request answered 5xx")
    for path in logs:
        text = path.read_text(errors="replace") if path.exists() else ""
        if "deadlock detected" in text:
            problems.append(f"'deadlock detected' in {path.name}")
        if "Traceback" in text:
            problems.append(f"a traceback in {path.name}")
    # Every accepted change is on its case's timeline once, and nothing else the load did is.
    usernames = [s[0] for s in plan.staff]
    events = CaseEvent.objects.filter(
        case_id__in=plan.hot + plan.pool, actor__username__in=usernames, kind__in=EVENT_KIND.values()
    ).values_list("case_id", "actor__username", "kind", "data")
    keys = {"status_changed": "action", "assigned": "assignee", "outcome": "outcome", "note": "text"}
    back = {v: k for k, v in EVENT_KIND.items()}
    on_timeline = Counter((case, who, back[kind], data.get(keys[kind])) for case, who, kind, data in events)
    accepted = Counter(result.accepted)
    if on_timeline != accepted:
        missing, extra = accepted - on_timeline, on_timeline - accepted
        problems.append(
            f"timeline differs: {sum(missing.values())} accepted changes missing, {sum(extra.values())} extra"
        )
    # The print batch: done, each letter once.
    batch_info = {}
    if result.batch_id:
        batch = LetterBatch.objects.get(pk=result.batch_id)
        batch_info = {"status": batch.status, "total": batch.total, "done": batch.done}
        if batch.status != LetterBatch.Status.DONE or batch.total != len(plan.letters) or batch.done != batch.total:
            problems.append(f"print batch not complete: {batch_info}")
        else:
            reader = PdfReader(io.BytesIO(batch.pdf.read()))
            text = "".join(page.extract_text() for page in reader.pages)
            references = Letter.objects.filter(pk__in=plan.letters).values_list("case__reference", flat=True)
            twice = [r for r in references if text.count(r) != 1]
            batch_info["pages"] = len(reader.pages)
            if len(reader.pages) != len(plan.letters) or twice:
                problems.append(f"print file: {len(reader.pages)} pages, {len(twice)} letters not exactly once")
    # Reminders: every row sent, once (rows are unique; e-mails counted where the worker writes them to files).
    reminders = Reminder.objects.count()
    unsent = Reminder.objects.filter(sent_at__isnull=True).count()
    if reminders == 0:
        problems.append("no reminder was written")
    if unsent:
        problems.append(f"{unsent} reminders not sent")
    mails = None
    if mail_dir is not None:  # the reminders go to staff (@desk.example), the acknowledgements to requesters
        mails = sum(
            1
            for f in mail_dir.glob("*.log")
            for line in f.read_text().splitlines()
            if line.startswith("To: ") and line.endswith("@desk.example")
        )
        if mails != reminders:
            problems.append(f"{mails} reminder e-mails for {reminders} reminders")
    return {"problems": problems, "batch": batch_info, "reminders": reminders, "reminder_mails": mails}


def summary(plan: Plan, result: Result, checked: dict, deadlock_delta: int | None) -> str:
    staff_ms = sorted(result.ms)
    lines = [
        f"staff: {len(plan.staff)}, hot cases: {len(plan.hot)}, other cases: {len(plan.pool)}, "
        f"letters: {len(plan.letters)}, wall {result.wall_seconds:.1f} s",
        "requests by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(result.requests.items())),
        "HTTP statuses: " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(result.statuses.items())),
        f"changes accepted: {len(result.accepted)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(a[2] for a in result.accepted).items()))})",
        f"conflicts (409, told): {len(result.conflicts)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(Counter(c[2] for c in result.conflicts).items()))})",
        f"errors: {len(result.errors)}",
        f"staff requests: p50 {percentile(staff_ms, 50):.0f} ms, p95 {percentile(staff_ms, 95):.0f} ms, "
        f"{len(staff_ms) / result.wall_seconds:.1f} req/s"
        if staff_ms and result.wall_seconds
        else "no requests",
        f"print batch: {checked['batch']} in "
        + (f"{result.batch_seconds:.1f} s" if result.batch_seconds is not None else "(not finished)"),
        f"reminder scans queued: {result.scans}, reminders: {checked['reminders']} (all sent once)"
        + (f", e-mails {checked['reminder_mails']}" if checked.get("reminder_mails") is not None else ""),
        f"PostgreSQL deadlocks during the run: {deadlock_delta}",
        "problems: " + ("none" if not checked["problems"] else "; ".join(checked["problems"][:20])),
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ the bench
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--actions", type=int, default=60, help="changes per member of staff")
    parser.add_argument("--hot", type=int, default=4, help="the few cases everybody works on")
    parser.add_argument("--pool", type=int, default=40, help="other open cases")
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--database", default="privacydesk_staffload")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    env = base_env(args.database, secrets.token_urlsafe(64), base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
    env.update(
        REDIS_URL=args.redis,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PRIVATE_MEDIA_ROOT=str(RESULTS / "_staffload_media"),
    )
    database_ensure(args.database)
    log(f"{args.database}: migrate, seed_demo")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from privacydesk.celery import app
    from privacydesk.organizations.models import Organization

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    log(f"prepare: {args.staff} staff, {args.hot} hot cases, {args.pool} others, {args.letters} letters")
    plan = prepare(
        organization=Organization.objects.get(slug="toto-voicenet"),
        staff=args.staff, hot=args.hot, pool=args.pool, letters=args.letters,
    )  # fmt: skip
    gunicorn_log = RESULTS / f"{stamp}-staffload-gunicorn.log"
    worker_log = RESULTS / f"{stamp}-staffload-worker.log"
    server = Gunicorn(env, args.port, args.workers, gunicorn_log)
    with open(worker_log, "ab") as out:
        worker = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "privacydesk", "worker", "-c", "2", "-n", f"staffload-{stamp}@%h",
             "--without-mingle", "--without-gossip", "-l", "WARNING"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    before = deadlocks(args.database)
    try:
        server.start()
        log(f"load: {args.staff} staff x {args.actions} changes, print batch of {args.letters}")
        result = run(port=args.port, plan=plan, actions=args.actions)
        wait_reminders_sent()
    finally:
        server.stop()
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
    delta = deadlocks(args.database) - before
    checked = verify(plan, result, logs=[gunicorn_log, worker_log])
    if delta:
        checked["problems"].append(f"PostgreSQL counted {delta} deadlocks")
    text = summary(plan, result, checked, delta)
    (RESULTS / f"{stamp}-staffload.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if checked["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
