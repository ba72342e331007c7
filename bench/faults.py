"""Load and faults on the public side: the production shape on private services, while they fail.

    cd /work/main && .venv/bin/python bench/faults.py --submissions 10000 --clients 50 --redis-stop 30

Starts its OWN throwaway PostgreSQL cluster and Redis on free ports in a temporary folder (never the shared ones),
gunicorn (2 sync workers, production settings through ``bench.settings``), two Celery workers and one beat, and a
small SMTP sink that counts the e-mails per recipient. 50 clients then file the submissions as a browser does
(form GET → POST → confirm GET → POST send → done page with the reference number; CSRF cookie and token; a tenth
attach a small PNG or PDF) while the harness stops Redis for a while, SIGKILLs a worker in the middle of sending an
e-mail (and starts a replacement) and restarts PostgreSQL once. Afterwards it waits (bounded) for the outbox to
drain and checks: every reference number a client received is a case with its files (present and decryptable),
one acknowledgement per requester, nothing left unsent or claimed, no 500 page or stack trace, every failed
request answered with the "try again" page. See bench/README.md ("Load and faults"). Exit status 1 on a failure.

Only the standard library plus psycopg, redis and cryptography (all in requirements.txt); Django runs in
subprocesses. Reuses bench/run.py's gunicorn runner and HTTP session.
"""

import argparse
import contextlib
import hashlib
import http.client
import io
import os
import pwd
import queue
import random
import re
import secrets
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import PUBLIC_FORM, PYTHON, RESULTS, VENV_BIN, Gunicorn, Session, csrf_token  # noqa: E402

CONFIRM = PUBLIC_FORM + "confirm/"
DONE = PUBLIC_FORM + "done/"
CLAIM_TIMEOUT_SECONDS = 180  # settings.NOTIFICATION_CLAIM_TIMEOUT_SECONDS (default)
REFERENCE_RE = re.compile(rb'id="reference-number">([^<]+)<')
TRY_AGAIN_MARK = b'data-page="try-again"'
TRACE_RE = re.compile(rb"Traceback \(most recent call last\)|File \"/|OperationalError|InterfaceError")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


# ------------------------------------------------------------------------------------------------ PostgreSQL
class PrivatePostgres:
    """A throwaway cluster in ``folder`` on ``port``. initdb refuses root: then it runs as the ``postgres`` user."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "pgdata"
        self.logfile = folder / "postgresql.log"
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not bindir:
            raise RuntimeError("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin")
        self.bin = bindir[-1].parent
        self.as_user = "postgres" if os.geteuid() == 0 else None

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", self.as_user, "--", *cmd] if self.as_user else cmd

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")

    def init(self) -> None:
        if self.as_user:
            user = pwd.getpwnam(self.as_user)
            os.chmod(self.folder, 0o755)  # noqa: S103 - the postgres user must reach its data folder
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            "-c shared_buffers=64MB -c log_min_messages=warning"
        )
        (self.data / "postgresql.auto.conf").write_text(
            "".join(f"{k} = '{v}'\n" for k, v in re.findall(r"-c (\w+)=(\S+)", options))
            + f"port = {self.port}\nunix_socket_directories = '{self.folder}'\n"
        )
        if self.as_user:
            user = pwd.getpwnam(self.as_user)
            os.chown(self.data / "postgresql.auto.conf", user.pw_uid, user.pw_gid)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "start")

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "60", "-m", "fast", "restart")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "30", "-m", "fast", "stop")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"


# ------------------------------------------------------------------------------------------------ Redis
class PrivateRedis:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        redis_server = shutil.which("redis-server")
        if not redis_server:
            raise RuntimeError("redis-server not found")
        self._log = open(self.folder / "redis.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [redis_server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)],
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        if not wait_until(self.ping, 15):
            raise RuntimeError("private redis-server did not answer")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
            self._log.close()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


# ------------------------------------------------------------------------------------------------ SMTP sink
class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend. A message counts once the sink answered 250 to its DATA.

    ``hold_next()``: the next message is held before that 250 (the sender is "in the middle of sending"), so the
    harness can kill the worker at exactly that moment; a message whose sender died is never counted.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int):
        super().__init__(("127.0.0.1", port), _SmtpHandler)
        self.lock = threading.Lock()
        self.by_recipient: Counter[str] = Counter()
        self.subjects: dict[str, list[str]] = {}
        self.dropped = 0
        self._hold = False
        self.held = threading.Event()
        self.held_peer: tuple[str, int] | None = None
        self.release = threading.Event()

    def hold_next(self) -> None:
        self.release.clear()
        self.held.clear()
        with self.lock:
            self._hold = True

    def take_hold(self) -> bool:
        with self.lock:
            hold, self._hold = self._hold, False
        return hold

    def delivered(self, recipients: list[str], data: bytes) -> None:
        m = re.search(rb"^Subject: (.*)$", data, re.M)
        subject = m.group(1).decode(errors="replace") if m else ""
        with self.lock:
            for rcpt in recipients:
                self.by_recipient[rcpt.lower()] += 1
                self.subjects.setdefault(rcpt.lower(), []).append(subject)

    def total(self) -> int:
        with self.lock:
            return sum(self.by_recipient.values())


class _SmtpHandler(socketserver.StreamRequestHandler):
    timeout = 120

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        server: SmtpSink = self.server
        recipients: list[str] = []
        try:
            self.reply("220 sink ESMTP")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
                if verb == "EHLO":
                    self.wfile.write(b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    self.wfile.flush()
                elif verb == "MAIL":
                    recipients = []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    m = re.search(r"<([^>]*)>", line.decode(errors="replace"))
                    recipients.append(m.group(1) if m else "")
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 go ahead")
                    chunks = []
                    while True:
                        chunk = self.rfile.readline()
                        if not chunk:
                            with server.lock:
                                server.dropped += 1
                            return  # the sender died in the middle of the message: not delivered
                        if chunk in (b".\r\n", b".\n"):
                            break
                        chunks.append(chunk)
                    if server.take_hold():
                        server.held_peer = self.client_address
                        server.held.set()
                        server.release.wait(120)
                        # The harness killed the sender meanwhile: is it still there to read our answer?
                        self.connection.settimeout(0.5)
                        try:
                            if self.connection.recv(1, socket.MSG_PEEK) == b"":
                                with server.lock:
                                    server.dropped += 1
                                return
                        except (TimeoutError, BlockingIOError):
                            pass
                        except OSError:
                            with server.lock:
                                server.dropped += 1
                            return
                        self.connection.settimeout(self.timeout)
                    server.delivered(recipients, b"".join(chunks))
                    self.reply("250 queued")
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                elif verb in ("RSET", "NOOP"):
                    recipients = [] if verb == "RSET" else recipients
                    self.reply("250 OK")
                else:
                    self.reply("502 not implemented")
        except OSError:
            return


def socket_owner(peer_port: int, pids: list[int]) -> int | None:
    """Which of ``pids`` owns the TCP socket whose local port is ``peer_port`` (127.0.0.1)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                parts = line.split()
                if int(parts[1].rsplit(":", 1)[1], 16) == peer_port:
                    inodes.add(parts[9])
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if target.startswith("socket:[") and target[8:-1] in inodes:
                        return pid
    return None


# ------------------------------------------------------------------------------------------------ files sent
def tiny_png(seed: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    width, height = 16, 12
    pixel = bytes([seed % 256, (seed * 7) % 256, (seed * 13) % 256])
    raw = b"".join(b"\x00" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def tiny_pdf(seed: int) -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        + f"% faults harness {seed}\n".encode()
        + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----privacydeskfaults" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content_type, content) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# ------------------------------------------------------------------------------------------------ clients
@dataclass
class Outcome:
    index: int
    email: str
    file_sha256: str | None = None
    reference: str | None = None
    gave_up: str | None = None
    started: bool = False
    requests: int = 0
    try_again: int = 0


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    kinds: Counter = field(default_factory=Counter)  # kind of answer -> count
    try_again_by_step: Counter = field(default_factory=Counter)
    samples: dict = field(default_factory=dict)  # kind -> first example
    done: int = 0

    def record(self, kind: str, step: str, detail: str = "") -> None:
        with self.lock:
            self.kinds[kind] += 1
            if kind == "try_again":
                self.try_again_by_step[step] += 1
            if kind not in ("ok", "try_again") and kind not in self.samples:
                self.samples[kind] = f"{step}: {detail}"[:500]


class Visitor:
    def __init__(self, port: int, stats: Stats, retry_wait: float, max_attempts: int, deadline: float):
        self.port, self.stats = port, stats
        self.retry_wait, self.max_attempts, self.deadline = retry_wait, max_attempts, deadline

    def classify(self, step: str, resp, expect: tuple[int, ...]) -> str:
        body = resp.body
        if TRACE_RE.search(body):
            kind = "stack_trace"
        elif resp.status == 503 and TRY_AGAIN_MARK in body and resp.header("retry-after"):
            # The page in the visitor's language (the form is /ja/): <html lang="ja">.
            kind = "try_again" if b'<html lang="ja">' in body else "try_again_wrong_language"
        elif resp.status in expect:
            kind = "ok"
        elif resp.status >= 500:
            kind = f"http_{resp.status}"
        else:
            kind = f"unexpected_{resp.status}"
        self.stats.record(kind, step, f"HTTP {resp.status} {resp.header('location', '')} {body[:200]!r}")
        return kind

    def attempt(self, outcome: Outcome, step: str, fn, expect: tuple[int, ...]):
        """One step, again after the "try again" page (as a person would: back, wait, send again)."""
        for _ in range(self.max_attempts):
            if time.monotonic() > self.deadline:
                break
            outcome.requests += 1
            try:
                resp = fn()
            except (OSError, http.client.HTTPException) as exc:
                kind = "timeout" if isinstance(exc, TimeoutError) else "connection_error"
                self.stats.record(kind, step, repr(exc))
                time.sleep(self.retry_wait)
                continue
            kind = self.classify(step, resp, expect)
            if kind == "ok":
                return resp
            if kind == "try_again":
                outcome.try_again += 1
                time.sleep(self.retry_wait * (0.5 + random.random()))
                continue
            outcome.gave_up = f"{step}: {kind}"
            return None
        outcome.gave_up = outcome.gave_up or f"{step}: no page after {self.max_attempts} attempts"
        return None

    def run(self, outcome: Outcome, run_id: str, attach: bool) -> None:
        s = Session("127.0.0.1", self.port)
        form = self.attempt(outcome, "form GET", lambda: s.get(PUBLIC_FORM), (200,))
        if not form:
            return
        fields = {
            "csrfmiddlewaretoken": csrf_token(form),
            "subject": f"faults-{run_id}-{outcome.index:05d}",
            "message": "負荷・障害試験の送信です。保有個人データの利用目的を教えてください。",
            "name": "山田 太郎",
            "furigana": "ヤマダ タロウ",
            "email": outcome.email,
            "phone": "",
            "language": "ja",
            "consent": "on",
            "agent_type": "",
            "website": "",
        }
        files = {}
        if attach:
            if outcome.index % 2:
                content, name, ctype = tiny_png(outcome.index), f"scan-{outcome.index}.png", "image/png"
            else:
                content, name, ctype = tiny_pdf(outcome.index), f"letter-{outcome.index}.pdf", "application/pdf"
            files["other_document"] = (name, ctype, content)
            outcome.file_sha256 = hashlib.sha256(content).hexdigest()
        body, ctype = multipart(fields, files)
        posted = self.attempt(outcome, "form POST", lambda: s.request("POST", PUBLIC_FORM, body, ctype), (302,))
        if not posted:
            return
        if not posted.header("location", "").endswith("/confirm/"):
            outcome.gave_up = f"form POST: redirected to {posted.header('location')}"
            self.stats.record("form_refused", "form POST", posted.header("location", ""))
            return
        confirm = self.attempt(outcome, "confirm GET", lambda: s.get(CONFIRM), (200,))
        if not confirm:
            return
        token = csrf_token(confirm)
        sent = self.attempt(
            outcome, "send POST", lambda: s.post(CONFIRM, {"csrfmiddlewaretoken": token, "action": "send"}), (302,)
        )
        if not sent:
            return
        if not sent.header("location", "").endswith("/done/"):
            outcome.gave_up = f"send POST: redirected to {sent.header('location')} (draft lost?)"
            self.stats.record("draft_lost", "send POST", sent.header("location", ""))
            return
        done = self.attempt(outcome, "done GET", lambda: s.get(DONE), (200,))
        if not done:
            return
        m = REFERENCE_RE.search(done.body)
        if not m:
            outcome.gave_up = "done GET: no reference number on the page"
            self.stats.record("no_reference", "done GET", done.body[:200].decode(errors="replace"))
            return
        outcome.reference = m.group(1).decode().strip()


# ------------------------------------------------------------------------------------------------ the run
class Harness:
    def __init__(self, args):
        self.args = args
        self.run_id = time.strftime("%Y%m%d%H%M%S") + secrets.token_hex(2)
        self.tmp = Path(tempfile.mkdtemp(prefix="privacydesk-faults-"))
        self.pg = PrivatePostgres(self.tmp, free_port())
        self.redis = PrivateRedis(self.tmp, free_port())
        self.smtp = SmtpSink(free_port())
        self.media = self.tmp / "private"
        self.media.mkdir()
        self.fernet_key = Fernet.generate_key().decode()
        self.secret_key = secrets.token_urlsafe(64)
        self.port = args.port or free_port()
        self.workers: dict[str, subprocess.Popen] = {}
        self.beat: subprocess.Popen | None = None
        self.gunicorn: Gunicorn | None = None
        self.events: list[tuple[float, str]] = []
        self.started = time.monotonic()
        self.stats = Stats()
        self.faults: dict = {}
        self.failures: list[str] = []

    def event(self, text: str) -> None:
        self.events.append((time.monotonic() - self.started, text))
        log(text)

    # -- processes
    def env(self) -> dict:
        env = dict(os.environ)
        for name in ("CELERY_BROKER_URL", "EMAIL_BACKEND", "TEST_DATABASE_URL", "TEST_REDIS_URL"):
            env.pop(name, None)
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=self.pg.url("privacydesk").replace("postgresql://", "postgres://"),
            REDIS_URL=self.redis.url(0),
            SECRET_KEY=self.secret_key,
            FILE_ENCRYPTION_KEY=self.fernet_key,
            PRIVATE_MEDIA_ROOT=str(self.media),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            CONN_MAX_AGE="60",
            SUBMISSION_RATE_LIMIT_PER_HOUR=str(self.args.rate_limit),
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp.server_address[1]),
            NOTIFICATION_SWEEP_SECONDS=str(self.args.sweep_seconds),
            NOTIFICATION_SWEEP_GRACE_SECONDS=str(self.args.sweep_grace),
            LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
        )
        return env

    def manage(self, *args: str, timeout: float = 1800) -> str:
        proc = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=timeout
        )
        if proc.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return proc.stdout

    def celery(self, *args: str, logname: str) -> subprocess.Popen:
        logfile = open(self.tmp / f"{logname}.log", "ab")  # noqa: SIM115 - the process owns it until it ends
        return subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "privacydesk", *args, "-l", "WARNING"],
            cwd=ROOT, env=self.env(), stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def start_worker(self, name: str) -> None:
        # Solo pool: the worker process is the one that talks SMTP, so the harness can find and kill it.
        self.workers[name] = self.celery(
            "worker", "-P", "solo", "-n", f"{name}@faults", "--without-mingle", "--without-gossip", logname=name
        )

    def setup(self) -> None:
        log(f"temporary folder {self.tmp}")
        self.pg.init()
        self.pg.start()
        with psycopg.connect(self.pg.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE privacydesk")
        self.redis.start()
        threading.Thread(target=self.smtp.serve_forever, daemon=True).start()
        self.event(
            f"private PostgreSQL on {self.pg.port}, Redis on {self.redis.port}, SMTP sink on "
            f"{self.smtp.server_address[1]}"
        )
        self.manage("migrate", "--noinput", "-v0")
        self.manage("seed_demo")
        self.manage("collectstatic", "--noinput", "-v0")
        self.event("migrated, demo desks seeded, static files collected")
        self.gunicorn = Gunicorn(self.env(), self.port, 2, self.tmp / "gunicorn.log")
        self.gunicorn.start()
        self.start_worker("w1")
        self.start_worker("w2")
        self.beat = self.celery("beat", "-s", str(self.tmp / "celerybeat-schedule"), logname="beat")
        self.event(f"gunicorn (2 workers) on 127.0.0.1:{self.port}, 2 Celery workers, 1 beat")

    def teardown(self) -> None:
        if self.gunicorn:
            self.gunicorn.stop()
        for proc in [*self.workers.values(), self.beat]:
            if proc and proc.poll() is None:
                proc.terminate()
        for proc in [*self.workers.values(), self.beat]:
            if proc:
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.redis.stop()
        self.pg.stop()
        self.smtp.shutdown()
        self.smtp.server_close()
        if self.args.keep:
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- faults
    def sql(self, query: str, params=()):
        with psycopg.connect(self.pg.url("privacydesk"), autocommit=True, connect_timeout=5) as conn:
            return conn.execute(query, params).fetchall()

    def fault_redis(self) -> None:
        self.event(f"FAULT: Redis stopped for {self.args.redis_stop} s")
        self.redis.stop()
        time.sleep(self.args.redis_stop)
        self.redis.start()
        self.faults["redis_stop_s"] = self.args.redis_stop
        self.event("Redis back (empty: what was queued there is gone; the outbox sweep re-enqueues it)")

    def fault_worker_kill(self) -> None:
        self.smtp.hold_next()
        if not self.smtp.held.wait(60):
            self.smtp.take_hold()
            self.event("FAULT: worker kill skipped: no e-mail was being sent within 60 s")
            self.faults["worker_kill"] = "skipped"
            return
        live = {name: p for name, p in self.workers.items() if p.poll() is None}
        owner = socket_owner(self.smtp.held_peer[1], [p.pid for p in live.values()])
        name = next((n for n, p in live.items() if p.pid == owner), None)
        if name is None:
            self.smtp.release.set()
            self.event("FAULT: worker kill skipped: the sending process was not one of ours")
            self.faults["worker_kill"] = "skipped"
            return
        claimed = self.sql("SELECT id FROM cases_notification WHERE sent_at IS NULL AND claimed_at IS NOT NULL")
        os.kill(live[name].pid, signal.SIGKILL)
        live[name].wait(timeout=10)
        self.kill_time = time.time()
        self.smtp.release.set()
        self.faults["worker_kill"] = f"{name} (pid {owner}) SIGKILLed in the middle of an SMTP DATA"
        self.faults["claimed_at_kill"] = [row[0] for row in claimed]
        self.event(f"FAULT: worker {name} SIGKILLed while sending; starting a replacement")
        self.start_worker(f"w{len(self.workers) + 1}")

    def fault_postgres(self) -> None:
        self.event("FAULT: PostgreSQL restart (pg_ctl restart -m fast)")
        started = time.monotonic()
        self.pg.restart()
        self.faults["postgres_restart_s"] = round(time.monotonic() - started, 1)
        self.event(f"PostgreSQL back after {self.faults['postgres_restart_s']} s")

    def fault_schedule(self, total: int, stop: threading.Event) -> None:
        plan = []
        if self.args.redis_stop > 0:
            plan.append((self.args.redis_at, self.fault_redis))
        if self.args.kill_worker:
            plan.append((self.args.kill_at, self.fault_worker_kill))
        if self.args.postgres_restart:
            plan.append((self.args.postgres_at, self.fault_postgres))
        t0 = time.monotonic()
        for fraction, action in sorted(plan, key=lambda p: p[0]):
            # At that share of the submissions, or of the time limit when the load is cut short by it.
            while (
                not stop.is_set()
                and self.stats.done < fraction * total
                and time.monotonic() - t0 < fraction * self.args.time_limit
            ):
                time.sleep(0.2)
            if stop.is_set():
                self.faults.setdefault("not_run", []).append(action.__name__)
                continue
            try:
                action()
            except Exception as exc:
                self.failures.append(f"fault {action.__name__} failed: {exc}")
                self.event(f"fault {action.__name__} FAILED: {exc}")

    # -- load
    def load(self) -> list[Outcome]:
        total = self.args.submissions
        outcomes = [Outcome(i, f"faults.{self.run_id}.{i}@example.com") for i in range(total)]
        rng = random.Random(self.run_id)
        attach = set(rng.sample(range(total), max(1, round(total * self.args.upload_share))))
        work: queue.Queue[int] = queue.Queue()
        for i in range(total):
            work.put(i)
        deadline = time.monotonic() + self.args.time_limit
        # A submission under way when the time is up is finished (with its own bound); no new one starts.
        visitor = Visitor(self.port, self.stats, self.args.retry_wait, self.args.max_attempts, deadline + 300)

        def client():
            while time.monotonic() < deadline:
                try:
                    i = work.get_nowait()
                except queue.Empty:
                    return
                outcomes[i].started = True
                try:
                    visitor.run(outcomes[i], self.run_id, i in attach)
                except Exception as exc:  # a bug of the harness or a page it cannot read: counted, not hidden
                    outcomes[i].gave_up = f"client error: {exc!r}"[:300]
                    self.stats.record("client_error", "client", repr(exc))
                with self.stats.lock:
                    self.stats.done += 1

        stop = threading.Event()
        faults = threading.Thread(target=self.fault_schedule, args=(total, stop), daemon=True)
        faults.start()
        threads = [threading.Thread(target=client, daemon=True) for _ in range(self.args.clients)]
        self.event(f"load: {total} submissions from {self.args.clients} clients ({len(attach)} with a file)")
        t0 = time.monotonic()
        for t in threads:
            t.start()
        last = 0.0
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            if time.monotonic() - last > 30:
                last = time.monotonic()
                log(f"  {self.stats.done}/{total} submissions, answers: {dict(self.stats.kinds)}")
        self.load_seconds = time.monotonic() - t0
        faults.join(timeout=self.args.redis_stop + 120)
        stop.set()
        started = [o for o in outcomes if o.started]
        if len(started) < total:
            self.event(f"time limit: {len(started)} of {total} submissions started")
        self.event(f"load finished in {self.load_seconds:.0f} s")
        return started

    # -- afterwards
    def drain(self) -> None:
        """Wait (bounded) until every notification is sent and the sink has stopped counting."""
        deadline = time.monotonic() + self.args.drain_timeout
        expired_claims = False
        while time.monotonic() < deadline:
            pending, _claimed = self.sql(
                "SELECT count(*) FILTER (WHERE sent_at IS NULL), "
                "count(*) FILTER (WHERE sent_at IS NULL AND claimed_at IS NOT NULL) FROM cases_notification"
            )[0]
            if pending == 0:
                break
            dead = getattr(self, "kill_time", None)
            if self.args.expire_dead_claims and dead and not expired_claims and time.time() - dead > 10:
                # The killed worker's claim would be taken over after CLAIM_TIMEOUT (10 min); instead of waiting,
                # move that claim back by CLAIM_TIMEOUT, as if the time had passed. Only claims older than the kill.
                rows = self.sql(
                    "UPDATE cases_notification SET claimed_at = claimed_at - make_interval(secs => %s) "
                    "WHERE sent_at IS NULL AND claimed_at IS NOT NULL AND claimed_at <= to_timestamp(%s) RETURNING id",
                    (CLAIM_TIMEOUT_SECONDS, dead),
                )
                expired_claims = True
                self.faults["dead_claims_expired"] = [r[0] for r in rows]
                self.event(f"dead worker's claims moved back by {CLAIM_TIMEOUT_SECONDS} s: {[r[0] for r in rows]}")
            time.sleep(1)
        # Let late deliveries land (a duplicate would show here).
        before = -1
        while before != self.smtp.total():
            before = self.smtp.total()
            time.sleep(max(3.0, self.args.sweep_seconds + 1))
        self.event(f"outbox drained ({self.smtp.total()} e-mails received by the sink)")

    def verify(self, outcomes: list[Outcome]) -> dict:
        marker = f"faults.{self.run_id}.%"
        cases = self.sql(
            "SELECT c.id, c.reference, c.email, count(a.id) FROM cases_case c "
            "LEFT JOIN cases_attachment a ON a.case_id = c.id WHERE c.email LIKE %s GROUP BY c.id",
            (marker,),
        )
        by_reference = {ref: (cid, email, n) for cid, ref, email, n in cases}
        cases_per_email = Counter(email for _, _, email, _ in cases)
        attachments = {
            cid: (path, sha)
            for cid, path, sha in self.sql(
                "SELECT a.case_id, a.file, a.sha256 FROM cases_attachment a JOIN cases_case c ON c.id = a.case_id "
                "WHERE c.email LIKE %s",
                (marker,),
            )
        }
        fernet = Fernet(self.fernet_key.encode())
        acknowledged = [o for o in outcomes if o.reference]
        missing, wrong_email, file_problems = [], [], []
        for o in acknowledged:
            found = by_reference.get(o.reference)
            if not found:
                missing.append(o.reference)
                continue
            cid, email, n_files = found
            if email != o.email:
                wrong_email.append(o.reference)
            if o.file_sha256:
                if n_files != 1 or cid not in attachments:
                    file_problems.append(f"{o.reference}: {n_files} attachments")
                    continue
                path, sha = attachments[cid]
                try:
                    content = fernet.decrypt((self.media / path).read_bytes())
                except Exception as exc:
                    file_problems.append(f"{o.reference}: {path}: {exc!r}")
                    continue
                if hashlib.sha256(content).hexdigest() != o.file_sha256 or sha != o.file_sha256:
                    file_problems.append(f"{o.reference}: content differs")
            elif n_files:
                file_problems.append(f"{o.reference}: {n_files} unexpected attachments")
        mails = {rcpt: n for rcpt, n in self.smtp.by_recipient.items() if rcpt.startswith(f"faults.{self.run_id}.")}
        stored_emails = set(cases_per_email)
        notif = self.sql(
            "SELECT count(*), count(*) FILTER (WHERE sent_at IS NULL), "
            "count(*) FILTER (WHERE sent_at IS NULL AND claimed_at IS NOT NULL), max(attempts) FROM cases_notification"
        )[0]
        broker = self.broker_state()
        stale = self.sql("SELECT count(*) FROM cases_stagedupload")[0][0]
        kinds = dict(self.stats.kinds)
        r = {
            "sent": len(outcomes),
            "acknowledged": len(acknowledged),
            "gave_up": Counter(o.gave_up.split(":")[0] for o in outcomes if o.gave_up and not o.reference),
            "gave_up_examples": [o.gave_up for o in outcomes if o.gave_up and not o.reference][:5],
            "stored": len(cases),
            "stored_not_acknowledged": len(stored_emails - {o.email for o in acknowledged}),
            "with_file_acknowledged": sum(1 for o in acknowledged if o.file_sha256),
            "files_checked": sum(1 for o in acknowledged if o.file_sha256) - len(file_problems),
            "emails": sum(mails.values()),
            "emails_dropped_mid_send": self.smtp.dropped,
            "duplicate_cases": sum(n - 1 for n in cases_per_email.values() if n > 1),
            "duplicate_emails": sum(n - 1 for n in mails.values() if n > 1),
            "cases_without_email": len(stored_emails - set(mails)),
            "emails_without_case": len(set(mails) - stored_emails),
            "missing_cases": missing[:10],
            "n_missing_cases": len(missing),
            "wrong_email": wrong_email[:10],
            "file_problems": file_problems[:10],
            "n_file_problems": len(file_problems),
            "requests": sum(kinds.values()),
            "answers": kinds,
            "try_again_by_step": dict(self.stats.try_again_by_step),
            "samples": self.stats.samples,
            "notifications": notif[0],
            "notifications_unsent": notif[1],
            "notifications_claimed_unsent": notif[2],
            "max_attempts": notif[3],
            "broker_queue": broker.get("queue"),
            "broker_unacked": broker.get("unacked"),
            "staged_uploads_left": stale,
            "faults": self.faults,
            "load_seconds": round(self.load_seconds, 1),
        }
        f = self.failures
        if missing:
            f.append(f"{len(missing)} reference numbers given to clients are not in the database")
        if wrong_email:
            f.append(f"{len(wrong_email)} reference numbers belong to another requester")
        if file_problems:
            f.append(f"{len(file_problems)} attachments missing or not decryptable: {file_problems[:3]}")
        if r["duplicate_cases"]:
            f.append(f"{r['duplicate_cases']} duplicate cases")
        if r["duplicate_emails"]:
            f.append(f"{r['duplicate_emails']} duplicate acknowledgements")
        if r["cases_without_email"]:
            f.append(f"{r['cases_without_email']} cases never acknowledged by e-mail")
        if r["emails_without_case"]:
            f.append(f"{r['emails_without_case']} e-mails for no stored case")
        if notif[1] or notif[2]:
            f.append(f"notifications left unsent: {notif[1]} (claimed: {notif[2]})")
        if broker.get("queue"):
            f.append(f"{broker['queue']} tasks still waiting in the broker queue")
        bad = {k: v for k, v in kinds.items() if k not in ("ok", "try_again")}
        if bad:
            f.append(f"answers that are neither the page asked for nor the 'try again' page: {bad}")
        if r["gave_up"]:
            f.append(f"{sum(r['gave_up'].values())} submissions never got a reference number: {r['gave_up_examples']}")
        for name in ("redis", "worker", "postgres"):
            if any(name in n for n in self.faults.get("not_run", [])):
                f.append(f"fault {name} did not run (the load ended first)")
        if self.faults.get("worker_kill") == "skipped":
            f.append("the worker kill did not happen during a send")
        r["failures"] = list(f)
        return r

    def broker_state(self) -> dict:
        try:
            import redis

            client = redis.Redis.from_url(self.redis.url(0), socket_timeout=2)
            return {"queue": client.llen("celery"), "unacked": client.hlen("unacked")}
        except Exception as exc:
            return {"error": repr(exc)}


def report(r: dict, args) -> str:
    rows = [
        ("submissions sent", r["sent"]),
        ("acknowledged (reference number on the done page)", r["acknowledged"]),
        ("stored (cases in the database)", r["stored"]),
        ("  of which the client never saw the reference", r["stored_not_acknowledged"]),
        ("attachments checked (present, decrypted, same SHA-256)", f"{r['files_checked']}/{r['with_file_acknowledged']}"),
        ("acknowledgement e-mails received", r["emails"]),
        ("e-mails cut off by the worker kill (not delivered)", r["emails_dropped_mid_send"]),
        ("duplicate cases", r["duplicate_cases"]),
        ("duplicate e-mails", r["duplicate_emails"]),
        ("cases without e-mail / e-mails without case", f"{r['cases_without_email']} / {r['emails_without_case']}"),
        ("reference numbers missing from the database", r["n_missing_cases"]),
        ("notifications unsent / claimed and unsent", f"{r['notifications_unsent']} / {r['notifications_claimed_unsent']}"),
        ("broker queue left / unacked (redelivered after the visibility timeout)",
         f"{r['broker_queue']} / {r['broker_unacked']}"),
        ("HTTP requests", r["requests"]),
        ("load time", f"{r['load_seconds']} s"),
    ]  # fmt: skip
    lines = ["", "| figure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    lines += ["", "| answers by kind | count |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(r["answers"].items())]
    lines += ["", f"'try again' pages by step: {r['try_again_by_step']}", f"faults: {r['faults']}"]
    if r["samples"]:
        lines.append(f"first example of each other answer: {r['samples']}")
    lines.append("")
    lines.append("RESULT: " + ("OK" if not r["failures"] else "FAILED\n  - " + "\n  - ".join(r["failures"])))
    return "\n".join(lines)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--submissions", type=int, default=10000)
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--upload-share", type=float, default=0.1, help="share of submissions with a file")
    p.add_argument("--redis-stop", type=float, default=30, help="seconds Redis is down (0: no Redis stop)")
    p.add_argument("--redis-at", type=float, default=0.2, help="when, as a share of the submissions done")
    p.add_argument("--no-kill-worker", dest="kill_worker", action="store_false")
    p.add_argument("--kill-at", type=float, default=0.45)
    p.add_argument("--no-postgres-restart", dest="postgres_restart", action="store_false")
    p.add_argument("--postgres-at", type=float, default=0.7)
    p.add_argument(
        "--time-limit", type=float, default=3600, help="seconds after which no new submission starts (faults move up)"
    )
    p.add_argument("--retry-wait", type=float, default=1.0, help="seconds a client waits after 'try again'")
    p.add_argument("--max-attempts", type=int, default=120, help="attempts per step before a client gives up")
    p.add_argument("--drain-timeout", type=float, default=900, help="seconds to wait for the outbox to drain")
    p.add_argument("--sweep-seconds", type=float, default=10, help="beat's outbox sweep interval")
    p.add_argument("--sweep-grace", type=int, default=30, help="NOTIFICATION_SWEEP_GRACE_SECONDS")
    p.add_argument(
        "--expire-dead-claims",
        action="store_true",
        help="move the killed worker's claim back by the 10-minute claim timeout instead of waiting for it",
    )
    p.add_argument(
        "--rate-limit",
        type=int,
        default=0,
        help="SUBMISSION_RATE_LIMIT_PER_HOUR (0: off, as all clients share one address; a huge value keeps the "
        "limit's code, and its use of the Redis cache, without limiting anyone)",
    )
    p.add_argument("--port", type=int, default=0, help="gunicorn port (default: a free one)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, data)")
    return p.parse_args(argv)


def run(args) -> dict:
    harness = Harness(args)
    result = None
    try:
        harness.setup()
        outcomes = harness.load()
        harness.drain()
        result = harness.verify(outcomes)
    finally:
        if result is None:
            for name in ("gunicorn.log", "w1.log", "beat.log", "postgresql.log"):
                with contextlib.suppress(OSError):
                    log(f"--- {name}:\n" + (harness.tmp / name).read_text()[-3000:])
        harness.teardown()
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    result = run(args)
    text = report(result, args)
    print(text, flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"faults-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(f"# faults {' '.join(sys.argv[1:])}\n{text}\n")
    log(f"written to {out}")
    return 0 if not result["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
