"""PrivacyDesk benchmark: PostgreSQL, N cases, gunicorn with production settings, a signed-in staff user.

    cd /work/main && .venv/bin/python bench/run.py [--cases 100000] [--requests 200]

See bench/README.md. Writes bench/results/<timestamp>.md (git-ignored) and prints the results table.
Only the standard library plus psycopg and redis (both in requirements.txt); Django runs in subprocesses.
"""

import argparse
import base64
import contextlib
import hashlib
import hmac
import http.client
import json
import math
import os
import re
import secrets
import signal
import statistics
import struct
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
GUNICORN = str(VENV_BIN / "gunicorn")
RESULTS = ROOT / "bench" / "results"

PG = "postgresql://postgres@127.0.0.1:5432/{}"
REDIS_URL = "redis://127.0.0.1:6379/3"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - the published demo secret of reception
STAFF_USER, STAFF_PASSWORD = "reception", "privacydesk-demo"
PUBLIC_FORM = "/ja/toto-voicenet/inquiry/"
OPEN = ("received", "awaiting_requester", "in_progress", "decided")

TARGETS = {  # BENCHMARKS.md
    "queue": {"p50": 30, "p95": 50, "queries": 10},
    "search": {"p50": 40, "p95": 60},
    "case": {"p50": 30, "p95": 50},
    "public_get": {"p50": 25},
    "submit": {"rps": 130},
    "rss_mb": 150,
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------------------------------------ database
def database_ensure(name: str) -> bool:
    with psycopg.connect(PG.format("postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')
        return True


def sql_one(dbname: str, sql: str, params=()):
    with psycopg.connect(PG.format(dbname), autocommit=True) as conn:
        return conn.execute(sql, params).fetchone()


def sql_all(dbname: str, sql: str, params=()):
    with psycopg.connect(PG.format(dbname), autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def vacuum_analyze(dbname: str) -> float:
    started = time.monotonic()
    with psycopg.connect(PG.format(dbname), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.monotonic() - started


def base_env(dbname: str, secret_key: str, fernet_key: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=PG.format(dbname).replace("postgresql://", "postgres://"),
        SECRET_KEY=secret_key,
        FILE_ENCRYPTION_KEY=fernet_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        CONN_MAX_AGE="60",
        REDIS_URL=REDIS_URL,
        SUBMISSION_RATE_LIMIT_PER_HOUR="0",
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    env.pop("CELERY_BROKER_URL", None)
    return env


def manage(env: dict, *args: str, timeout: float = 1800) -> tuple[str, float]:
    started = time.monotonic()
    proc = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    elapsed = time.monotonic() - started
    if proc.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout, elapsed


def inproc(env: dict, *args: str, timeout: float = 1800) -> dict:
    proc = subprocess.run(
        [PYTHON, "-m", "bench.inproc", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode:
        raise RuntimeError(f"bench.inproc {args[0]} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def inproc_safe(ctx: dict, env: dict, *args: str) -> dict | None:
    try:
        return inproc(env, *args)
    except Exception as exc:
        ctx["errors"].append(f"in-process analysis: {exc}"[:5000])
        log(f"in-process analysis FAILED: {str(exc)[:2000]}")
        return None


def database_setup(dbname: str, want: int, env: dict) -> dict:
    """Migrate, seed the demo, top up to ``want`` cases in bulk, VACUUM ANALYZE. Returns timings."""
    info = {"database": dbname, "created": database_ensure(dbname)}
    log(f"{dbname}: migrate")
    _, info["migrate_s"] = manage(env, "migrate", "--noinput", "-v0")
    log(f"{dbname}: seed_demo")
    _, info["seed_demo_s"] = manage(env, "seed_demo")
    have = sql_one(dbname, "SELECT count(*) FROM cases_case")[0]
    info["cases_before"] = have
    if have < want:
        log(f"{dbname}: seed_demo --cases {want - have} (bulk insert)")
        out, elapsed = manage(env, "seed_demo", "--cases", str(want - have))
        info["bulk_added"] = want - have
        info["bulk_wall_s"] = elapsed
        m = re.search(r"Synthetic cases added: (\d+) in ([\d.]+) s", out)
        info["bulk_reported_s"] = float(m.group(2)) if m else None
        log(f"{dbname}: {want - have} cases in {elapsed:.1f} s wall ({info['bulk_reported_s']} s inside the command)")
    info["cases"] = sql_one(dbname, "SELECT count(*) FROM cases_case")[0]
    return info


# ------------------------------------------------------------------------------------------------ TOTP
def totp(secret: str, step: int) -> str:
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def totp_wait_for_fresh_window(dbname: str) -> None:
    """A code is accepted once per 30 s window (django_otp keeps last_t): wait if this window was used."""
    row = sql_one(
        dbname,
        "SELECT d.last_t FROM otp_totp_totpdevice d JOIN accounts_user u ON u.id = d.user_id "
        "WHERE u.username = %s AND d.confirmed ORDER BY d.id LIMIT 1",
        (STAFF_USER,),
    )
    last_t = row[0] if row else -1
    now = time.time()
    if int(now // 30) <= last_t:
        wait = (last_t + 1) * 30 - now + 0.5
        log(f"TOTP window {last_t} already used; waiting {wait:.0f} s for the next one")
        time.sleep(max(0, wait))


# ------------------------------------------------------------------------------------------------ HTTP
class Response:
    __slots__ = ("body", "headers", "ms", "status")

    def __init__(self, status, headers, body, ms):
        self.status, self.headers, self.body, self.ms = status, headers, body, ms

    def header(self, name: str, default=None):
        return self.headers.get(name.lower(), default)


class Session:
    """One browser: a cookie jar over http.client (gunicorn sync workers close each connection)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.lock = threading.Lock()

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
        origin = f"https://{self.host}:{self.port}"
        headers = {
            "Host": f"{self.host}:{self.port}",
            # The production settings trust this header (SECURE_PROXY_SSL_HEADER): the requests count as HTTPS,
            # as behind the reverse proxy, so secure cookies and CSRF's origin check work unchanged.
            "X-Forwarded-Proto": "https",
            "Accept-Language": "ja",
            "User-Agent": "privacydesk-bench",
        }
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = origin
            headers["Referer"] = origin + path
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        ms = (time.perf_counter() - started) * 1000
        hdrs = {k.lower(): v for k, v in resp.getheaders()}
        with self.lock:
            for cookie in resp.msg.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if re.search(r"max-age=0|expires=thu, 01 jan 1970", cookie, re.I):
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
        return Response(resp.status, hdrs, data, ms)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, urlencode(data).encode())

    def post_multipart(self, path: str, data: dict) -> Response:
        boundary = "----privacydeskbench" + uuid.uuid4().hex
        parts = []
        for name, value in data.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")


CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(resp: Response) -> str:
    m = CSRF_RE.search(resp.body)
    if not m:
        raise RuntimeError(f"no CSRF token in the page (HTTP {resp.status})")
    return m.group(1).decode()


def staff_login(session: Session, dbname: str) -> None:
    page = session.get("/ja/staff/login/")
    resp = session.post(
        "/ja/staff/login/",
        {"username": STAFF_USER, "password": STAFF_PASSWORD, "csrfmiddlewaretoken": csrf_token(page), "next": ""},
    )
    if resp.status != 302 or "/login/code/" not in resp.header("location", ""):
        raise RuntimeError(f"password step failed: HTTP {resp.status} {resp.header('location')}")
    code_path = resp.header("location")
    for attempt in range(2):
        totp_wait_for_fresh_window(dbname)
        page = session.get(code_path)
        code = totp(TOTP_SECRET, int(time.time() // 30))
        resp = session.post(code_path, {"token": code, "csrfmiddlewaretoken": csrf_token(page), "next": ""})
        if resp.status == 302:
            check = session.get("/ja/staff/")
            if check.status == 200:
                return
            raise RuntimeError(f"signed in, but /ja/staff/ answered {check.status}")
        log(f"TOTP step refused (attempt {attempt + 1}); retrying in the next window")
        time.sleep(30 - time.time() % 30 + 0.5)
    raise RuntimeError("could not sign in with TOTP")


# ------------------------------------------------------------------------------------------------ CPU accounting
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _busy_jiffies() -> int:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields[:8]) - idle


def _pid_jiffies(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


class CpuMeter:
    """How much of the machine the benchmark's own processes (client, gunicorn, its PostgreSQL backends) used
    during a measurement, and how much everything else did: other work shares the 2 cores."""

    def __init__(self, pids_fn):
        self.pids_fn = pids_fn

    def __enter__(self):
        self.pids = self.pids_fn()
        self.t0, self.busy0 = time.monotonic(), _busy_jiffies()
        self.ours0 = {pid: _pid_jiffies(pid) for pid in self.pids}
        return self

    def __exit__(self, *exc):
        wall = time.monotonic() - self.t0
        busy = _busy_jiffies() - self.busy0
        ours = sum(max(0, _pid_jiffies(pid) - j) for pid, j in self.ours0.items())
        capacity = wall * CLK_TCK * (os.cpu_count() or 1)
        self.ours_pct = 100 * ours / capacity if capacity else 0.0
        self.others_pct = 100 * max(0, busy - ours) / capacity if capacity else 0.0
        return False


def bench_pids(server, dbname: str) -> list[int]:
    """This process, the gunicorn master and workers, and the PostgreSQL backends connected to the database."""
    pids = [os.getpid()]
    if server and server.proc:
        pids += [server.proc.pid, *server.children()]
    with contextlib.suppress(psycopg.Error):
        pids += [r[0] for r in sql_all("postgres", "SELECT pid FROM pg_stat_activity WHERE datname = %s", (dbname,))]
    return pids


def wait_for_quiet(max_load: float, max_wait: float) -> float:
    """Wait (bounded) until the 1-minute load average is below max_load; returns the load reached."""
    deadline = time.monotonic() + max_wait
    load = os.getloadavg()[0]
    while load > max_load and time.monotonic() < deadline:
        log(f"load average {load:.2f} > {max_load}: waiting for other work to settle")
        time.sleep(15)
        load = os.getloadavg()[0]
    return load


# ------------------------------------------------------------------------------------------------ statistics
def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def measure_get(session: Session, path: str, requests: int, concurrency: int, pids_fn, warmup: int = 10) -> dict:
    for _ in range(warmup):
        session.get(path)
    lat, qcount, qms, vms, statuses = [], [], [], [], {}
    load_before = os.getloadavg()[0]
    with CpuMeter(pids_fn) as cpu:
        for _ in range(requests):
            r = session.get(path)
            statuses[r.status] = statuses.get(r.status, 0) + 1
            lat.append(r.ms)
            qcount.append(int(r.header("x-query-count", -1)))
            qms.append(float(r.header("x-query-ms", "nan")))
            vms.append(float(r.header("x-view-ms", "nan")))
    if set(statuses) != {200}:
        raise RuntimeError(f"{path}: unexpected statuses {statuses}")
    with CpuMeter(pids_fn) as cpu_conc:
        conc = run_concurrent(lambda _i: session.get(path), requests, concurrency)
    return {
        "path": path,
        "n": requests,
        "p50": statistics.median(lat),
        "p95": pct(lat, 95),
        "max": max(lat),
        "queries": sorted(set(qcount)),
        "sql_ms_p50": statistics.median(qms),
        "view_ms_p50": statistics.median(vms),
        "rps": conc["rps"],
        "conc_p50": conc["p50"],
        "conc_p95": conc["p95"],
        "conc_errors": conc["errors"],
        "load1": load_before,
        "others_pct": cpu.others_pct,
        "others_conc_pct": cpu_conc.others_pct,
        "ours_conc_pct": cpu_conc.ours_pct,
        "bytes": len(r.body),
    }


def run_concurrent(fn, total: int, concurrency: int) -> dict:
    """``total`` calls of fn(i) over ``concurrency`` threads; fn returns a Response."""
    lock = threading.Lock()
    counter = iter(range(total))
    lat, results, errors = [], [], []

    def worker():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                r = fn(i)
            except Exception as exc:
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                lat.append(r.ms)
                results.append((i, r))
                if r.status >= 400:
                    errors.append(f"HTTP {r.status}")

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "rps": len(lat) / wall if wall else 0,
        "wall_s": wall,
        "p50": statistics.median(lat) if lat else float("nan"),
        "p95": pct(lat, 95) if lat else float("nan"),
        "errors": errors,
        "results": results,
    }


# ------------------------------------------------------------------------------------------------ gunicorn
class Gunicorn:
    def __init__(self, env: dict, port: int, workers: int, logfile: Path):
        self.env, self.port, self.workers, self.logfile = env, port, workers, logfile
        self.proc: subprocess.Popen | None = None
        self.worker_pids: list[int] = []

    def start(self) -> None:
        with socket_probe(self.port) as busy:
            if busy:
                raise RuntimeError(f"port {self.port} is already in use")
        self._log = open(self.logfile, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [GUNICORN, "privacydesk.wsgi", "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}",
             "--chdir", str(ROOT), "--timeout", "60", "--graceful-timeout", "5"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.logfile}")
            try:
                r = Session("127.0.0.1", self.port).get("/healthz")
                if r.status == 200 and len(self.children()) >= self.workers:
                    self.worker_pids = self.children()
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {self.logfile}")

    def children(self) -> list[int]:
        if not self.proc:
            return []
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def rss(self) -> dict[int, dict[str, int]]:
        out = {}
        for pid in self.children():
            fields = {}
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        fields[line.split(":")[0]] = int(line.split()[1])  # kB
            except OSError:
                continue
            out[pid] = fields
        return out

    def stop(self) -> None:
        """SIGTERM to the master; SIGKILL to its process group after 15 s. Never waits longer."""
        if not self.proc or self.proc.poll() is not None:
            return
        pids = [self.proc.pid, *self.children()]
        try:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            log("gunicorn did not stop in 15 s: SIGKILL")
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)
        for pid in pids[1:]:  # workers should be gone with the master; make sure, by their ids
            try:
                os.kill(pid, 0)
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()


class socket_probe:
    def __init__(self, port):
        self.port = port

    def __enter__(self):
        import socket

        s = socket.socket()
        s.settimeout(0.5)
        try:
            return s.connect_ex(("127.0.0.1", self.port)) == 0
        finally:
            s.close()

    def __exit__(self, *exc):
        return False


# ------------------------------------------------------------------------------------------------ scenarios
def staff_urls(prep: dict) -> dict[str, tuple[str, str]]:
    """label -> (kind of target, URL)."""
    org = prep["toto_id"]
    return {
        "queue first page `/ja/staff/`": ("queue", "/ja/staff/"),
        "queue `?status=open`": ("queue", "/ja/staff/?status=open"),
        "queue `?status=all`": ("queue", "/ja/staff/?status=all"),
        "filtered: toto-voicenet + open + due soon": (
            "search", f"/ja/staff/?organization={org}&status=open&due=soon"),
        "search: reference number": ("search", "/ja/staff/?" + urlencode({"q": prep["reference"]})),
        "search: name 山田": ("search", "/ja/staff/?" + urlencode({"q": "山田"})),
        "search: furigana ヤマダ": ("search", "/ja/staff/?" + urlencode({"q": "ヤマダ"})),
        "search: e-mail": ("search", "/ja/staff/?" + urlencode({"q": prep["email"]})),
        "search: phone": ("search", "/ja/staff/?" + urlencode({"q": prep["phone"]})),
        f"case page, {prep['timeline_events_total']}-event timeline": (
            "case", f"/ja/staff/cases/{prep['timeline_case_id']}/"),
    }  # fmt: skip


def submission_benchmark(port: int, requests: int, concurrency: int, run_id: str, pids_fn, warmup: int = 10) -> dict:
    """Each visitor has its own session: form GET, form POST, confirm GET (all sequential, timed), and then the
    final POST (action=send, the one that creates the case): ``warmup`` sequentially, ``requests`` sequentially for
    p50/p95, and ``requests`` with ``concurrency`` clients for the throughput."""
    confirm = PUBLIC_FORM + "confirm/"
    form_get, form_post, confirm_get, ready = [], [], [], []
    total = warmup + 2 * requests
    log(f"submission: preparing {total} visitors (form GET, form POST, confirm GET)")
    prep_cpu = CpuMeter(pids_fn).__enter__()
    for i in range(total):
        s = Session("127.0.0.1", port)
        page = s.get(PUBLIC_FORM)
        if page.status != 200:
            raise RuntimeError(f"form GET: HTTP {page.status}")
        subject = f"bench-{run_id}-{i:05d}"
        resp = s.post_multipart(
            PUBLIC_FORM,
            {
                "csrfmiddlewaretoken": csrf_token(page),
                "subject": subject,
                "message": "ベンチマークの送信です。保有個人データの利用目的を教えてください。",
                "name": "山田 太郎",
                "furigana": "ヤマダ タロウ",
                "email": f"bench.{run_id}.{i}@example.com",
                "phone": "",
                "language": "ja",
                "consent": "on",
                "agent_type": "",
                "website": "",
            },
        )
        if resp.status != 302 or not resp.header("location", "").endswith("/confirm/"):
            raise RuntimeError(f"form POST: HTTP {resp.status} {resp.header('location')}: {resp.body[:2000]!r}")
        conf = s.get(confirm)
        if conf.status != 200:
            raise RuntimeError(f"confirm GET: HTTP {conf.status}")
        if i >= warmup:
            form_get.append(page.ms)
            form_post.append(resp.ms)
            confirm_get.append(conf.ms)
        ready.append((s, csrf_token(conf), subject))
        if i == 0:
            queries_steps = tuple(r.header("x-query-count") for r in (page, resp, conf))

    prep_cpu.__exit__(None, None, None)

    def send(visitor) -> Response:
        s, token, _subject = visitor
        return s.post(confirm, {"csrfmiddlewaretoken": token, "action": "send"})

    outcomes = []  # (subject, Response)
    for visitor in ready[:warmup]:
        outcomes.append((visitor[2], send(visitor)))
    seq = []
    with CpuMeter(pids_fn) as seq_cpu:
        for visitor in ready[warmup : warmup + requests]:
            r = send(visitor)
            outcomes.append((visitor[2], r))
            seq.append(r)
    concurrent_visitors = ready[warmup + requests :]
    log(f"submission: {len(concurrent_visitors)} final POSTs with {concurrency} clients")
    with CpuMeter(pids_fn) as cpu:
        conc = run_concurrent(lambda i: send(concurrent_visitors[i]), len(concurrent_visitors), concurrency)
    for i, r in conc["results"]:
        outcomes.append((concurrent_visitors[i][2], r))
    done = [subj for subj, r in outcomes if r.status == 302 and r.header("location", "").endswith("/done/")]
    failed = [(subj, r.status, r.header("location")) for subj, r in outcomes if subj not in set(done)]
    seq_ms = [r.ms for r in seq]
    return {
        "form_get_p50": statistics.median(form_get),
        "form_get_p95": pct(form_get, 95),
        "form_post_p50": statistics.median(form_post),
        "confirm_get_p50": statistics.median(confirm_get),
        "confirm_get_p95": pct(confirm_get, 95),
        "queries_form_get_post_confirm": queries_steps,
        "send_p50": statistics.median(seq_ms),
        "send_p95": pct(seq_ms, 95),
        "send_queries": sorted({r.header("x-query-count") for r in seq}),
        "send_sql_ms_p50": statistics.median(float(r.header("x-query-ms", "nan")) for r in seq),
        "send_view_ms_p50": statistics.median(float(r.header("x-view-ms", "nan")) for r in seq),
        "rps": conc["rps"],
        "conc_p50": conc["p50"],
        "conc_p95": conc["p95"],
        "conc_wall_s": conc["wall_s"],
        "others_conc_pct": cpu.others_pct,
        "ours_conc_pct": cpu.ours_pct,
        "others_prep_pct": prep_cpu.others_pct,
        "others_seq_pct": seq_cpu.others_pct,
        "conc_errors": conc["errors"][:10],
        "posted": len(outcomes),
        "redirected_to_done": len(done),
        "failed": failed[:10],
        "done_subjects": done,
        "n_concurrent": len(concurrent_visitors),
    }


def submission_check(dbname: str, run_id: str, done_subjects: list[str]) -> dict:
    marker = f"bench-{run_id}-%"
    rows = sql_all(
        dbname,
        "SELECT c.subject, count(n.id), count(n.id) FILTER (WHERE n.sent_at IS NULL) "
        "FROM cases_case c LEFT JOIN cases_notification n ON n.case_id = c.id "
        "WHERE c.subject LIKE %s GROUP BY c.subject",
        (marker,),
    )
    by_subject = {subject: (n, pending) for subject, n, pending in rows}
    missing_case = [s for s in done_subjects if s not in by_subject]
    missing_notification = [s for s in done_subjects if by_subject.get(s, (0, 0))[0] == 0]
    return {
        "cases_created": len(by_subject),
        "notifications": sum(n for n, _ in by_subject.values()),
        "notifications_pending": sum(p for _, p in by_subject.values()),
        "done_without_case": missing_case,
        "done_without_notification": missing_notification,
    }


def redis_queue_length() -> int | None:
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).llen("celery")
    except Exception:
        return None


def redis_queue_clear() -> None:
    """The delivery tasks the submissions enqueued: no worker consumes db 3, so drop them after counting."""
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=2).delete("celery")
    except Exception as exc:
        log(f"could not clear the bench broker queue: {exc}")


# ------------------------------------------------------------------------------------------------ report
def fmt(x, digits=1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:,.{digits}f}"


def verdict(kind: str, row: dict) -> tuple[str, str]:
    t = TARGETS[kind]
    text = f"p50 ≤ {t['p50']}, p95 ≤ {t['p95']}" + (f", ≤ {t['queries']} q" if "queries" in t else "")
    ok = row["p50"] <= t["p50"] and row["p95"] <= t["p95"]
    if "queries" in t:
        ok = ok and max(row["queries"]) <= t["queries"]
    return text, "yes" if ok else "**NO**"


def machine_info() -> dict:
    top = subprocess.run(
        ["ps", "-eo", "pcpu,rss,comm,args", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout.splitlines()[1:8]
    return {
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "top": [line[:140] for line in top],
        "git_head": subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True,
                                   text=True).stdout.strip(),
        "git_dirty": subprocess.run(["git", "status", "--short", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip(),
        "postgres": sql_one("postgres", "SHOW server_version")[0],
        "pg_settings": dict(sql_all("postgres", "SELECT name, setting FROM pg_settings WHERE name IN "
                                    "('shared_buffers','work_mem','jit','random_page_cost','effective_cache_size',"
                                    "'synchronous_commit','max_parallel_workers_per_gather')")),
    }  # fmt: skip


def report(args, ctx: dict) -> str:
    out = []
    w = out.append
    m = ctx["machine"]
    w(f"# PrivacyDesk benchmark — {ctx['started']}\n")
    w(f"Command: `cd /work/main && .venv/bin/python bench/run.py {' '.join(sys.argv[1:])}`  \n")
    w(
        f"Code: `{m['git_head']}`"
        + (f"; uncommitted changes:\n```\n{m['git_dirty']}\n```\n" if m["git_dirty"] else "\n")
    )
    if ctx.get("git_head_end") and ctx["git_head_end"] != m["git_head"]:
        w(f"\n**The code changed during the run**: it ended at `{ctx['git_head_end']}`.\n")
    w(
        f"\nMachine: {m['cpus']} CPUs, load average at start {m['loadavg'][0]:.2f} / {m['loadavg'][1]:.2f} / "
        f"{m['loadavg'][2]:.2f}; PostgreSQL {m['postgres']} ({', '.join(f'{k}={v}' for k, v in m['pg_settings'].items())}); "
        f"gunicorn {args.workers} sync workers, settings `bench.settings` (= prod + X-Query-Count middleware), "
        f"CONN_MAX_AGE=60, Redis {REDIS_URL}.  \n"
    )
    w("Busiest processes at start (other work shares the 2 cores):\n```\n" + "\n".join(m["top"]) + "\n```\n")
    for db in ctx["databases"]:
        bulk = (
            (
                f"bulk insert of {db['bulk_added']:,} cases: **{db['bulk_wall_s']:.1f} s** wall "
                f"({db['bulk_reported_s']} s inside seed_demo)"
            )
            if db.get("bulk_added")
            else "no bulk insert needed"
        )
        w(
            f"\nDatabase `{db['database']}`: {db['cases']:,} cases ({db.get('open_cases', '?'):,} open); migrate "
            f"{db['migrate_s']:.1f} s, seed_demo {db['seed_demo_s']:.1f} s, {bulk}; VACUUM ANALYZE {db['vacuum_s']:.1f} s.\n"
        )
    w(f"\n## Results at {ctx['databases'][0]['cases']:,} cases\n")
    w(
        f"Sequential: {args.requests} requests after 10 warm-up; concurrent: {args.requests} requests over "
        f"{args.concurrency} client threads (shared staff session). Times are client-side (connect → last byte). "
        "SQL ms / view ms are the server's own figures from the X-Query-Ms / X-View-Ms headers (p50).\n\n"
    )
    w(
        "Other CPU % = CPU used by processes other than the benchmark's own (this client, gunicorn, its PostgreSQL "
        "backends) during the sequential / concurrent run, in % of all cores.\n\n"
    )
    w(
        "| request | p50 ms | p95 ms | req/s @8 | p50 / p95 @8 ms | SQL queries | server SQL ms | server view ms "
        "| other CPU % | target | met |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n"
    )
    for label, row in ctx["rows"].items():
        target, ok = verdict(row["kind"], row)
        q = "–".join(
            str(x) for x in (row["queries"] if len(row["queries"]) == 1 else [min(row["queries"]), max(row["queries"])])
        )
        w(
            f"| {label} | {fmt(row['p50'])} | {fmt(row['p95'])} | {fmt(row['rps'])} | {fmt(row['conc_p50'])} / "
            f"{fmt(row['conc_p95'])} | {q} | {fmt(row['sql_ms_p50'])} | {fmt(row['view_ms_p50'])} | "
            f"{row['others_pct']:.0f} / {row['others_conc_pct']:.0f} "
            f"| {target} | {ok} |\n"
        )
    sub = ctx.get("submission")
    if sub:
        chk = ctx["submission_check"]
        lost = len(chk["done_without_case"]) + len(chk["done_without_notification"])
        w(
            f"| public form GET `{PUBLIC_FORM}` | {fmt(sub['form_get_p50'])} | {fmt(sub['form_get_p95'])} | | | "
            f"{sub['queries_form_get_post_confirm'][0]} | | | {sub['others_prep_pct']:.0f} / – | p50 ≤ 25 | {'yes' if sub['form_get_p50'] <= 25 else '**NO**'} |\n"
        )
        w(
            f"| public form POST (→ confirm) | {fmt(sub['form_post_p50'])} | | | | {sub['queries_form_get_post_confirm'][1]} "
            "| | | | — | |\n"
        )
        w(
            f"| public confirm GET | {fmt(sub['confirm_get_p50'])} | {fmt(sub['confirm_get_p95'])} | | | "
            f"{sub['queries_form_get_post_confirm'][2]} | | | {sub['others_prep_pct']:.0f} / – | p50 ≤ 25 | {'yes' if sub['confirm_get_p50'] <= 25 else '**NO**'} |\n"
        )
        w(
            f"| **public submission POST (action=send)** | {fmt(sub['send_p50'])} | {fmt(sub['send_p95'])} | "
            f"**{fmt(sub['rps'])}** | {fmt(sub['conc_p50'])} / {fmt(sub['conc_p95'])} | {','.join(map(str, sub['send_queries']))} "
            f"| {fmt(sub['send_sql_ms_p50'])} | {fmt(sub['send_view_ms_p50'])} | {sub['others_seq_pct']:.0f} / "
            f"{sub['others_conc_pct']:.0f} "
            "| ≥ 130/s, 0 lost | "
            f"{'yes' if sub['rps'] >= 130 and lost == 0 else '**NO**'} |\n"
        )
    rss = ctx.get("rss")
    if rss:
        worst = max(v.get("VmRSS", 0) for v in rss.values()) / 1024
        w(
            "| gunicorn worker RSS after the load | "
            + ", ".join(
                f"pid {pid}: {v.get('VmRSS', 0) / 1024:.0f} MB (peak {v.get('VmHWM', 0) / 1024:.0f})"
                for pid, v in rss.items()
            )
            + f" | | | | | | | | ≤ 150 MB | {'yes' if worst <= 150 else '**NO**'} |\n"
        )
    if sub:
        w(
            f"\nQuiet wait before each server's measurements: load average reached {ctx.get('quiet_load')} "
            f"(threshold {args.max_load}, at most {args.max_wait:.0f} s).\n"
        )
        w(
            f"\nSubmission integrity: {sub['posted']} final POSTs ({sub['n_concurrent']} concurrent), "
            f"{sub['redirected_to_done']} answered 302 → /done/; cases created {chk['cases_created']}, notification rows "
            f"{chk['notifications']} ({chk['notifications_pending']} pending — no Celery worker consumes {REDIS_URL}); "
            f"302 without a case: {len(chk['done_without_case'])}, without a notification: "
            f"{len(chk['done_without_notification'])}; concurrent errors: {sub['conc_errors'] or 'none'}; "
            f"failed: {sub['failed'] or 'none'}. Delivery tasks enqueued in Redis (LLEN celery delta): "
            f"{ctx.get('enqueued')}.\n"
        )
    cpus = os.cpu_count() or 1
    cpu_rows = [(label, row["ours_conc_pct"], row["rps"]) for label, row in ctx["rows"].items()]
    if sub:
        cpu_rows.append(("public submission POST (action=send)", sub["ours_conc_pct"], sub["rps"]))
    if cpu_rows:
        w(
            "\nCPU per request with 8 clients (client + gunicorn + its PostgreSQL backends, all on the same "
            f"{cpus} cores): the req/s ceiling is about {cpus} × 1000 / this figure.\n\n"
            "| request | benchmark CPU % of all cores | CPU ms per request | ceiling req/s |\n|---|--:|--:|--:|\n"
        )
        for label, ours, rps in cpu_rows:
            per = ours / 100 * cpus * 1000 / rps if rps else float("nan")
            w(f"| {label} | {ours:.0f} | {fmt(per)} | {fmt(cpus * 1000 / per if per else float('nan'))} |\n")
    small = ctx.get("small")
    if small:
        w(
            f"\n## Queue at {small['cases']:,} cases vs {ctx['databases'][0]['cases']:,}\n\n"
            "| request | p50 ms @10k | p95 ms @10k | req/s @8 @10k | queries | p50 ms @100k | ratio 100k/10k |\n"
            "|---|--:|--:|--:|--:|--:|--:|\n"
        )
        for label, row in small["rows"].items():
            big = ctx["rows"].get(label)
            ratio = big["p50"] / row["p50"] if big else None
            w(
                f"| {label} | {fmt(row['p50'])} | {fmt(row['p95'])} | {fmt(row['rps'])} | "
                f"{','.join(map(str, row['queries']))} | {fmt(big['p50']) if big else '—'} | "
                f"{fmt(ratio, 2) if ratio else '—'}{' (**> 1.2**)' if ratio and ratio > 1.2 else ''} |\n"
            )
        sa, ba = small.get("analysis") or {}, ctx.get("analysis") or {}
        if sa:
            w(
                "\nIn-process (no HTTP, one process; less sensitive to the other work on the machine), "
                f"median of {args.inproc_n}:\n\n"
                "| request | total ms @10k | SQL ms @10k | total ms @100k | SQL ms @100k | ratio total |\n"
                "|---|--:|--:|--:|--:|--:|\n"
            )
            for label, a in sa.items():
                b = ba.get(label)
                w(
                    f"| {label} | {fmt(a['inproc_ms'])} | {fmt(a['sql_ms'])} | {fmt(b['inproc_ms']) if b else '—'} | "
                    f"{fmt(b['sql_ms']) if b else '—'} | {fmt(b['inproc_ms'] / a['inproc_ms'], 2) if b else '—'} |\n"
                )
    an = ctx.get("analysis")
    if an:
        w(
            "\n## In-process split (Django test client, same settings and database, no HTTP, one process, "
            f"median of {args.inproc_n})\n\n| page | total ms | SQL ms | templates ms (excl. SQL) | other Python ms | queries |\n"
            "|---|--:|--:|--:|--:|--:|\n"
        )
        for label, a in an.items():
            w(
                f"| {label} | {fmt(a['inproc_ms'])} | {fmt(a['sql_ms'])} | {fmt(a['template_ms'])} | {fmt(a['python_ms'])} "
                f"| {','.join(map(str, a['query_counts']))} |\n"
            )
        w("\n## Plans: key lines (EXPLAIN (ANALYZE, BUFFERS) of each SELECT the page ran; full plans below)\n")
        for label, a in an.items():
            w(f"\n**{label}** `{a['url']}`\n")
            for q in a["queries"]:
                if "nodes" not in q:
                    continue
                interesting = (
                    any(t.startswith("cases_") for t in q.get("from", []))
                    or q.get("big_seq_scans")
                    or (q.get("execution_ms") or 0) > 1
                    or q["rows_removed"] > 1000
                )
                if not interesting:
                    continue
                flags = []
                if q.get("big_seq_scans"):
                    flags.append("SEQ SCAN of a big table: " + ", ".join(q["big_seq_scans"]))
                if q["jit"]:
                    flags.append("JIT")
                w(
                    f"- q{q['n']} ({q['ms']} ms in request, EXPLAIN exec {q['execution_ms']} ms"
                    f"{', ' + ', '.join(flags) if flags else ''}): `{q['sql'][:300]}`  \n"
                    f"  scans: {'; '.join(q['nodes']) or '—'}"
                    + (f"  \n  sorts: {'; '.join(q['sorts'])}" if q["sorts"] else "")
                    + (f"  \n  rows removed by filter/recheck: {q['rows_removed']:,}" if q["rows_removed"] else "")
                    + "\n"
                )
    si = ctx.get("submit_inproc")
    if si:
        w(
            f"\n## In-process split of the submission POST (action=send), median of {si['n']}\n\n"
            f"total {si['total_ms']} ms = SQL {si['sql_ms']} ms + templates {si['template_ms']} ms + broker publish "
            f"(`notification_enqueue`, after commit) {si['publish_ms']} ms + COMMIT {si['commit_ms']} ms + other Python "
            f"{si['python_ms']} ms; "
            f"{si['queries']} SQL statements:\n\n```\n" + "\n".join(si["statements"]) + "\n```\n"
        )
    if an:
        profiles = {k: a["profile"] for k, a in an.items() if a.get("profile")}
        for label, text in profiles.items():
            w(f"\n## cProfile of 20 in-process requests: {label}\n```\n{text}\n```\n")
    if si:
        w(f"\n## cProfile of the in-process submission POSTs\n```\n{si['profile']}\n```\n")
    if ctx.get("plans"):
        w("\n## Full plans\n" + ctx["plans"])
    if ctx.get("errors"):
        w("\n## Errors\n```\n" + "\n".join(ctx["errors"]) + "\n```\n")
    return "".join(out)


# ------------------------------------------------------------------------------------------------ main
def submission_and_rss(args, ctx: dict, server, dbname: str, pids_fn) -> None:
    before = redis_queue_length()
    sub = submission_benchmark(args.port, args.requests, args.concurrency, ctx["run_id"], pids_fn)
    after = redis_queue_length()
    ctx["enqueued"] = (after - before) if before is not None and after is not None else None
    ctx["submission"] = sub
    ctx["submission_check"] = submission_check(dbname, ctx["run_id"], sub["done_subjects"])
    log(
        f"  submission: form GET p50 {sub['form_get_p50']:.1f} ms, confirm GET p50 {sub['confirm_get_p50']:.1f} "
        f"ms, send p50 {sub['send_p50']:.1f} ms, {sub['rps']:.1f}/s @{args.concurrency}; "
        f"check {json.dumps({k: (len(v) if isinstance(v, list) else v) for k, v in ctx['submission_check'].items()})}"
    )


SUPERVISOR_USER, SUPERVISOR_TOTP = "supervisor", "ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU"  # the published demo secret


def reports_benchmark(args, ctx: dict, rows: dict, dbname: str, pids_fn) -> None:
    """The supervisors' report over twelve months (a fiscal year's length; the demo's cases span the last
    year), then its XLSX and PDF exports, as the demo supervisor."""
    today = time.strftime("%Y-%m-%d")
    year_ago = time.strftime("%Y-%m-%d", time.localtime(time.time() - 365 * 86400))
    query = urlencode({"period": "range", "first": year_ago, "last": today})
    session = Session("127.0.0.1", args.port)
    try:
        page = session.get("/ja/staff/login/")
        resp = session.post(
            "/ja/staff/login/",
            {
                "username": SUPERVISOR_USER,
                "password": STAFF_PASSWORD,
                "csrfmiddlewaretoken": csrf_token(page),
                "next": "",
            },
        )
        code_path = resp.header("location", "")
        totp_wait_for_fresh_window(dbname)
        page = session.get(code_path)
        session.post(
            code_path,
            {
                "token": totp(SUPERVISOR_TOTP, int(time.time() // 30)),
                "csrfmiddlewaretoken": csrf_token(page),
                "next": "",
            },
        )
        targets = {
            "report page, 12 months": (f"/ja/staff/reports/?{query}", min(args.requests, 60), 10),
            "report XLSX export, 12 months": (f"/ja/staff/reports/workbook/?{query}", 5, 1),
            "report PDF export, 12 months": (f"/ja/staff/reports/review/?{query}", 3, 1),
        }
        for label, (path, n, warmup) in targets.items():
            check = session.get(path)
            if check.status != 200:
                raise RuntimeError(f"{path}: HTTP {check.status}")
            row = measure_get(session, path, n, 1, pids_fn, warmup=warmup)
            row["kind"] = "report"
            rows[label] = row
            log(f"  {label}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, {row['queries']} queries")
    except Exception as exc:  # the other measurements stand without this one
        ctx["errors"].append(f"{dbname} reports: {type(exc).__name__}: {exc}")
        log(f"  reports: FAILED {exc}")


def bench_database(args, dbname: str, want: int, secret_key: str, fernet: str, ctx: dict, full: bool) -> dict:
    env = base_env(dbname, secret_key, fernet)
    info = database_setup(dbname, want, env)
    ctx["databases"].append(info)
    prep = inproc(env, "prepare", "--timeline-events", "30")
    info["open_cases"] = prep["open_cases"]
    log(f"{dbname}: prepared {json.dumps({k: v for k, v in prep.items() if k != 'organizations'}, ensure_ascii=False)}")
    info["vacuum_s"] = vacuum_analyze(dbname)
    urls = staff_urls(prep)
    if not full:
        urls = {k: v for k, v in urls.items() if v[0] == "queue"}
    if args.only:
        wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
        urls = {k: v for k, v in urls.items() if any(w in k.lower() for w in wanted)}
    server = Gunicorn(env, args.port, args.workers, RESULTS / f"{ctx['stamp']}-gunicorn-{dbname}.log")
    ctx["servers"].append(server)
    rows = ctx["rows"] if full else {}
    try:
        log(f"{dbname}: starting gunicorn on 127.0.0.1:{args.port}")
        server.start()
        staff = Session("127.0.0.1", args.port)
        staff_login(staff, dbname)
        pids_fn = lambda: bench_pids(server, dbname)  # noqa: E731
        log(f"{dbname}: signed in as {STAFF_USER}")
        # Prime every page at once: Python is imported when the workers boot, templates on first render, so a
        # change of the working tree during a long run could otherwise mix two versions of the code.
        for _label, (_kind, path) in urls.items():
            for _ in range(6):
                r = staff.get(path)
                if r.status != 200:
                    log(f"  priming {path}: HTTP {r.status}")
        for _ in range(4):
            Session("127.0.0.1", args.port).get(PUBLIC_FORM)
        ctx.setdefault("quiet_load", []).append(wait_for_quiet(args.max_load, args.max_wait))
        for label, (kind, path) in urls.items():
            try:
                row = measure_get(staff, path, args.requests, args.concurrency, pids_fn)
            except Exception as exc:  # one broken page must not lose the other measurements
                ctx["errors"].append(f"{dbname} {label} `{path}`: {type(exc).__name__}: {exc}")
                log(f"  {label}: FAILED {exc}")
                continue
            row["kind"] = kind
            rows[label] = row
            log(
                f"  {label}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, {row['rps']:.1f} req/s @"
                f"{args.concurrency}, {row['queries']} queries, server SQL {row['sql_ms_p50']:.1f} ms / view "
                f"{row['view_ms_p50']:.1f} ms"
            )
        if full and (not args.only or "report" in args.only):
            reports_benchmark(args, ctx, rows, dbname, pids_fn)
        if full and (not args.only or "submission" in args.only):
            try:
                submission_and_rss(args, ctx, server, dbname, pids_fn)
            except Exception as exc:
                ctx["errors"].append(f"{dbname} submission: {type(exc).__name__}: {exc}")
                log(f"  submission: FAILED {exc}")
            ctx["rss"] = server.rss()
            log(f"  worker RSS: {ctx['rss']}")
    finally:
        server.stop()
        log(f"{dbname}: gunicorn stopped")
    labels = {k: v[1] for k, v in urls.items()}
    profile = []
    if full:
        labels["public form GET"] = PUBLIC_FORM
        profile = [k for k in labels if k.startswith(("queue first page", "case page", "public form GET"))]
    log(f"{dbname}: in-process analysis (plans, SQL/template/Python split)")
    plans_file = RESULTS / f"{ctx['stamp']}-plans-{dbname}.tmp"
    analysis = inproc_safe(
        ctx, env, "analyze", "--urls", json.dumps(labels), "--n", str(args.inproc_n),
        "--plans-out", str(plans_file), "--profile", *profile,
    )  # fmt: skip
    plans = ""
    if plans_file.exists():
        plans = plans_file.read_text(encoding="utf-8")
        plans_file.unlink()
    if full:
        ctx["analysis"], ctx["plans"] = analysis, plans
        if not args.only or "submission" in args.only:
            log(f"{dbname}: in-process submission split")
            ctx["submit_inproc"] = inproc_safe(ctx, env, "submit", "--n", str(args.inproc_n))
        redis_queue_clear()
    return {"cases": info["cases"], "rows": rows, "analysis": None if full else analysis}


def run_lock(max_wait: float):
    """One benchmark at a time: two runs would share the port and the 2 cores and spoil each other's figures."""
    import fcntl

    handle = open(RESULTS / ".run.lock", "a+")  # noqa: SIM115 - held until the process exits
    deadline = time.monotonic() + max_wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            return handle
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise SystemExit("another bench/run.py holds bench/results/.run.lock; giving up") from None
            handle.seek(0)
            log(f"another bench/run.py is running (pid {handle.read().strip() or '?'}); waiting for it")
            time.sleep(20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="cases in privacydesk_bench (default 100000)")
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement (default 200)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--small-cases", type=int, default=10_000, help="cases of the comparison database")
    parser.add_argument("--skip-small", action="store_true", help="skip the queue at --small-cases")
    parser.add_argument("--inproc-n", type=int, default=30, help="in-process requests per page for the split")
    parser.add_argument("--database", default="privacydesk_bench")
    parser.add_argument("--lock-wait", type=float, default=1800, help="wait this long for another run to finish")
    parser.add_argument(
        "--only", default="", help="comma-separated parts of measurement labels (e.g. 'case page,submission')"
    )
    parser.add_argument("--max-load", type=float, default=1.5, help="wait for the 1-min load average to drop below")
    parser.add_argument("--max-wait", type=float, default=180, help="...but not longer than this many seconds")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    _lock = run_lock(args.lock_wait)  # held (the open file) until main() returns
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    ctx = {"stamp": stamp, "started": datetime.now().isoformat(timespec="seconds"), "run_id": stamp.replace("-", ""),
           "databases": [], "servers": [], "rows": {}, "errors": []}  # fmt: skip
    ctx["machine"] = machine_info()
    secret_key = secrets.token_urlsafe(64)
    fernet = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()

    def on_term(signum, frame):
        raise SystemExit(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    status = 0
    try:
        log("collectstatic")
        manage(base_env(args.database, secret_key, fernet), "collectstatic", "--noinput", "-v0")
        bench_database(args, args.database, args.cases, secret_key, fernet, ctx, full=True)
        if not args.skip_small:
            ctx["small"] = bench_database(
                args, f"{args.database}_{args.small_cases // 1000}k", args.small_cases, secret_key, fernet, ctx, False
            )
    except BaseException as exc:
        ctx["errors"].append(f"{type(exc).__name__}: {exc}")
        log(f"ERROR: {type(exc).__name__}: {exc}")
        status = 1
    finally:
        for server in ctx["servers"]:
            server.stop()
        redis_queue_clear()  # also what seed_demo enqueued (letters, acknowledgements) on the bench's Redis db
    ctx["git_head_end"] = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    text = report(args, ctx)
    path = RESULTS / f"{stamp}.md"
    path.write_text(text, encoding="utf-8")
    sections = text.split("\n## ")
    shown = [sections[0]] + [x for x in sections[1:] if not x.startswith(("cProfile", "Full plans"))]
    print("\n" + "\n## ".join(shown))
    log(f"written {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
