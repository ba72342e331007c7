"""The in-process half of the benchmark, run by bench/run.py as ``python -m bench.inproc <command>``.

It needs Django (settings ``bench.settings``, database from DATABASE_URL), so it runs in a subprocess of its own:
run.py itself never imports Django and can point the same code at several databases.

Commands (each prints one JSON object on its last line of stdout):
  prepare   picks the data the HTTP benchmark needs (organisation id, a case with a 30-event timeline, existing
            reference number / e-mail / phone) and adds the timeline events if missing.
  analyze   for each URL given: runs the page in-process as 'reception' (Django test client, real middleware),
            captures every SQL statement, runs EXPLAIN (ANALYZE, BUFFERS) on the SELECTs, and times N requests
            split into SQL / template rendering / other Python. Optionally a cProfile of one page.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import sys
import time
from contextlib import contextmanager

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.template.backends import django as django_backend  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from privacydesk.accounts.models import User  # noqa: E402
from privacydesk.cases.models import Case, CaseEvent, EventKind  # noqa: E402
from privacydesk.organizations.models import Organization  # noqa: E402

BENCH_NOTE = {"bench": "timeline"}


def emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------------------- prepare
def prepare(args) -> dict:
    user = User.objects.get(username="reception")
    org_ids = list(user.organizations.values_list("pk", flat=True))
    toto = Organization.objects.get(slug="toto-voicenet")
    # The case page: the first realistic sample case of desk A (the request of 山田 太郎, with request types).
    case = (
        Case.objects.filter(organization=toto, kind="request", message__startswith="契約中").order_by("pk").first()
        or Case.objects.filter(organization=toto).order_by("pk").first()
    )
    have = CaseEvent.objects.filter(case=case, kind=EventKind.NOTE, data__bench="timeline").count()
    missing = max(0, args.timeline_events - have)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                kind=EventKind.NOTE,
                actor=user,
                data={**BENCH_NOTE, "body": f"ベンチマーク用のメモ {have + i + 1}: 本人確認書類の到着を待っています。"},
            )
            for i in range(missing)
        ]
    )
    # Search terms that exist, taken from the synthetic cases of reception's desks (deterministic: a fixed pk).
    visible = Case.objects.filter(organization_id__in=org_ids).exclude(phone="").exclude(email="")
    sample = visible.order_by("pk")[visible.count() // 2]
    return {
        "user_id": user.pk,
        "organizations": org_ids,
        "toto_id": toto.pk,
        "timeline_case_id": case.pk,
        "timeline_case_reference": case.reference,
        "timeline_events_total": CaseEvent.objects.filter(case=case).count(),
        "timeline_notes_added": missing,
        "reference": sample.reference,
        "email": sample.email,
        "phone": sample.phone,
        "cases": Case.objects.count(),
        "open_cases": Case.objects.filter(
            status__in=["received", "awaiting_requester", "in_progress", "decided"]
        ).count(),
    }


# --------------------------------------------------------------------------------------------------- analyze
def staff_client() -> Client:
    user = User.objects.get(username="reception")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


class Recorder:
    """Captures SQL (text, params, time) and the time spent rendering templates (outermost render only)."""

    def __init__(self):
        self.queries: list[tuple[str, tuple, float]] = []
        self.sql_seconds = 0.0
        self.sql_in_template = 0.0
        self.template_seconds = 0.0
        self._depth = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql_seconds += spent
            if self._depth:
                self.sql_in_template += spent
            self.queries.append((sql, params, spent))


@contextmanager
def template_timing(recorder_ref: list):
    original = django_backend.Template.render

    def render(self, context=None, request=None):
        rec = recorder_ref[0]
        if rec is None:
            return original(self, context, request)
        outer = rec._depth == 0
        rec._depth += 1
        started = time.perf_counter()
        try:
            return original(self, context, request)
        finally:
            rec._depth -= 1
            if outer:
                rec.template_seconds += time.perf_counter() - started

    django_backend.Template.render = render
    try:
        yield
    finally:
        django_backend.Template.render = original


SCAN_RE = re.compile(
    r"(Parallel )?(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan|Bitmap Index Scan)( Backward)?"
    r" (?:using|on) (\S+)(?: on (\S+))?.*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)"
)
SORT_RE = re.compile(r"(Incremental Sort|Sort)\s+\(cost.*?actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)")
SORT_METHOD_RE = re.compile(r"Sort Method: (.+)")
REMOVED_RE = re.compile(r"Rows Removed by (Filter|Index Recheck): (\d+)")
EXEC_RE = re.compile(r"Execution Time: ([\d.]+) ms")
JIT_RE = re.compile(r"JIT:")


def table_rows() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind IN ('r', 'i')")
        return dict(cursor.fetchall())


BIG_TABLE = 5000  # a sequential scan of a table or index with more rows than this is worth reporting


def summarize_plan(lines: list[str], sizes: dict[str, float]) -> dict:
    nodes, sorts, removed, big_seq = [], [], 0, []
    for line in lines:
        m = SCAN_RE.search(line)
        if m:
            kind = (m.group(1) or "") + m.group(2) + (m.group(3) or "")
            target = m.group(4) + (f" on {m.group(5)}" if m.group(5) else "")
            nodes.append(f"{kind} {target} (rows={m.group(6)}, loops={m.group(7)})")
            table = m.group(5) or m.group(4)
            if "Seq Scan" in kind and sizes.get(table, 0) > BIG_TABLE:
                big_seq.append(f"{table} (~{int(sizes[table]):,} rows)")
        m = SORT_RE.search(line)
        if m:
            sorts.append(f"{m.group(1)} rows={m.group(2)}")
        m = SORT_METHOD_RE.search(line)
        if m and sorts:
            sorts[-1] += f" [{m.group(1).strip()}]"
        m = REMOVED_RE.search(line)
        if m:
            removed += int(m.group(2))
    execution = next((float(m.group(1)) for line in lines if (m := EXEC_RE.search(line))), None)
    return {
        "nodes": nodes,
        "sorts": sorts,
        "rows_removed": removed,
        "execution_ms": execution,
        "jit": any(JIT_RE.search(line) for line in lines),
        "seq_scans": [n for n in nodes if n.startswith(("Seq Scan", "Parallel Seq Scan"))],
        "big_seq_scans": big_seq,
    }


def explain(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cursor.fetchall()]


def inline_sql(sql: str, params) -> str:
    """For reading only: the statement with its parameters quoted in place (psycopg does the quoting)."""
    try:
        with connection.cursor() as cursor:
            return cursor.mogrify(sql, params) if hasattr(cursor, "mogrify") else sql % tuple(params or ())
    except Exception:
        return f"{sql}  -- params: {params!r}"


def analyze(args) -> dict:
    urls = json.loads(args.urls)
    client = staff_client()
    ref = [None]
    out = {}
    plans_md = []
    sizes = table_rows()
    with template_timing(ref):
        for label, url in urls.items():
            for _ in range(3):  # warm up (caches, translations, first-use imports)
                client.get(url)
            # One captured run for the SQL and the plans.
            rec = Recorder()
            ref[0] = rec
            with connection.execute_wrapper(rec):
                response = client.get(url)
            ref[0] = None
            statements = []
            plans_md.append(f"\n### {label}: `{url}` (HTTP {response.status_code}, {len(rec.queries)} queries)\n")
            for i, (sql, params, spent) in enumerate(rec.queries, 1):
                is_select = sql.lstrip().upper().startswith(("SELECT", "WITH"))
                short = re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1… FROM ", sql.strip(), count=1, flags=re.S)
                short = re.sub(
                    r'\(SELECT U0\."id" AS "pk" FROM "organizations_organization" U0 INNER JOIN '
                    r'"accounts_user_organizations" U1 ON \(U0\."id" = U1\."organization_id"\) WHERE U1\."user_id" = %s\)',
                    "(<the user's organisations>)",
                    short,
                )
                short = short.replace('"cases_case".', "").replace('"', "")
                entry = {
                    "n": i,
                    "ms": round(spent * 1000, 2),
                    "sql": short[:300],
                    "from": sorted(set(re.findall(r'FROM "(\w+)"', sql))),
                }
                if is_select:
                    plan = explain(sql, params)
                    entry.update(summarize_plan(plan, sizes))
                    plans_md.append(f"\n#### {label} — query {i} ({spent * 1000:.2f} ms in the request)\n")
                    plans_md.append("```sql\n" + str(inline_sql(sql, params)) + "\n```\n")
                    plans_md.append("```\n" + "\n".join(plan) + "\n```\n")
                else:
                    plans_md.append(f"\n#### {label} — query {i}: not a SELECT ({spent * 1000:.2f} ms)\n")
                    plans_md.append("```sql\n" + sql[:400] + "\n```\n")
                statements.append(entry)
            # Timing split over N in-process requests.
            totals, sqls, templates, others, counts = [], [], [], [], []
            for _ in range(args.n):
                rec = Recorder()
                ref[0] = rec
                started = time.perf_counter()
                with connection.execute_wrapper(rec):
                    client.get(url)
                total = time.perf_counter() - started
                ref[0] = None
                template_only = rec.template_seconds - rec.sql_in_template
                totals.append(total * 1000)
                sqls.append(rec.sql_seconds * 1000)
                templates.append(template_only * 1000)
                others.append((total - rec.sql_seconds - template_only) * 1000)
                counts.append(len(rec.queries))
            out[label] = {
                "url": url,
                "status": response.status_code,
                "queries": statements,
                "inproc_ms": round(statistics.median(totals), 2),
                "sql_ms": round(statistics.median(sqls), 2),
                "template_ms": round(statistics.median(templates), 2),
                "python_ms": round(statistics.median(others), 2),
                "query_counts": sorted(set(counts)),
            }
            if label in args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(20):
                    client.get(url)
                profiler.disable()
                buffer = io.StringIO()
                stats = pstats.Stats(profiler, stream=buffer)
                stats.sort_stats("tottime").print_stats(25)
                buffer.write("\n--- cumulative, project code, templates, forms, crispy, ORM only ---\n")
                stats.sort_stats("cumulative").print_stats(
                    r"privacydesk|template|forms|crispy|db/models|django_otp", 40
                )
                out[label]["profile"] = re.sub(
                    r"/work/main/\.venv/lib/python3\.11/site-packages/", "", buffer.getvalue()
                )
    with open(args.plans_out, "w", encoding="utf-8") as fh:
        fh.write("".join(plans_md))
    return out


# --------------------------------------------------------------------------------------------------- submit
PUBLIC_FORM = "/ja/toto-voicenet/inquiry/"


def submit(args) -> dict:
    """The public submission in-process: form GET, form POST, confirm GET untimed; the final POST (the one that
    creates the case) split into SQL / templates / the broker publish / other Python, and profiled."""
    from privacydesk.cases import notifications

    publish = [0.0]
    original_enqueue = notifications.notification_enqueue

    def timed_enqueue(**kwargs):
        started = time.perf_counter()
        try:
            return original_enqueue(**kwargs)
        finally:
            publish[0] += time.perf_counter() - started

    notifications.notification_enqueue = timed_enqueue
    commit = [0.0]
    original_commit = connection._commit

    def timed_commit(*a, **kw):
        started = time.perf_counter()
        try:
            return original_commit(*a, **kw)
        finally:
            commit[0] += time.perf_counter() - started

    connection._commit = timed_commit
    ref = [None]
    rows = []
    profiler = cProfile.Profile()
    marker = f"bench-inproc-{int(time.time())}"
    with template_timing(ref):
        for i in range(args.warmup + args.n):
            client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
            client.get(PUBLIC_FORM)
            data = {
                "subject": f"{marker}-{i}",
                "message": "ベンチマークの送信です。保有個人データの利用目的を教えてください。",
                "name": "山田 太郎",
                "furigana": "ヤマダ タロウ",
                "email": f"{marker}.{i}@example.com",
                "phone": "",
                "language": "ja",
                "consent": "on",
                "agent_type": "",
                "website": "",
            }
            response = client.post(PUBLIC_FORM, data)
            assert response.status_code == 302, response.status_code
            client.get(PUBLIC_FORM + "confirm/")
            rec = Recorder()
            ref[0] = rec
            publish[0] = 0.0
            commit[0] = 0.0
            measured = i >= args.warmup
            if measured:
                profiler.enable()
            started = time.perf_counter()
            with connection.execute_wrapper(rec):
                response = client.post(PUBLIC_FORM + "confirm/", {"action": "send"})
            total = time.perf_counter() - started
            if measured:
                profiler.disable()
            ref[0] = None
            assert response.status_code == 302 and response["Location"].endswith("/done/"), response.status_code
            if measured:
                template_only = rec.template_seconds - rec.sql_in_template
                rows.append(
                    (
                        total,
                        rec.sql_seconds,
                        template_only,
                        publish[0],
                        len(rec.queries),
                        [q[0][:90] for q in rec.queries],
                        commit[0],
                    )
                )
    notifications.notification_enqueue = original_enqueue
    connection._commit = original_commit
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(20)
    buffer.write("\n--- cumulative, project code, ORM, kombu/celery/redis ---\n")
    stats.sort_stats("cumulative").print_stats(r"privacydesk|db/models|kombu|celery|redis|sessions", 35)
    med = lambda k: round(statistics.median(r[k] for r in rows) * 1000, 2)  # noqa: E731
    return {
        "n": len(rows),
        "total_ms": med(0),
        "sql_ms": med(1),
        "template_ms": med(2),
        "publish_ms": med(3),
        "commit_ms": med(6),
        "python_ms": round(statistics.median((r[0] - r[1] - r[2] - r[3] - r[6]) for r in rows) * 1000, 2),
        "queries": sorted({r[4] for r in rows}),
        "statements": rows[-1][5],
        "profile": re.sub(r"/work/main/\.venv/lib/python3\.11/site-packages/", "", buffer.getvalue()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--timeline-events", type=int, default=30)
    a = sub.add_parser("analyze")
    a.add_argument("--urls", required=True, help="JSON object label -> URL")
    a.add_argument("--n", type=int, default=30)
    a.add_argument("--plans-out", required=True)
    a.add_argument("--profile", nargs="*", default=[])
    b = sub.add_parser("submit")
    b.add_argument("--n", type=int, default=30)
    b.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    emit({"prepare": prepare, "analyze": analyze, "submit": submit}[args.command](args))


if __name__ == "__main__":
    main()
