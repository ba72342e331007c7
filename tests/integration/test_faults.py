"""The load-and-fault harness (bench/faults.py) at CI size, with the same assertions as the full run.

It starts its own PostgreSQL cluster and Redis on free ports (never the shared services), gunicorn with the
production settings, two Celery workers and a beat; 300 submissions from 20 clients while Redis stops for 5 s,
a worker is SIGKILLed in the middle of an SMTP conversation and PostgreSQL restarts once.
The full size (10,000 submissions, 50 clients, Redis down 30 s) runs from bench/: see bench/README.md.
"""

import shutil
from pathlib import Path

from bench import faults
from tests.conftest import require


def binaries_present() -> bool:
    return bool(shutil.which("redis-server") and list(Path("/usr/lib/postgresql").glob("*/bin/initdb")))


def test_submissions_survive_redis_stop_worker_kill_and_postgres_restart():
    require(binaries_present(), "needs redis-server and the PostgreSQL server binaries (initdb, pg_ctl)")
    args = faults.parse_args(
        [
            "--submissions", "300",
            "--clients", "20",
            "--redis-stop", "5",
            "--sweep-seconds", "3",
            "--sweep-grace", "3",
            "--expire-dead-claims",  # the killed worker's claim: as if its 10-minute timeout had passed
            "--rate-limit", "1000000",  # the submission limit's code runs (on the Redis cache), limiting no one
            "--time-limit", "240",
            "--drain-timeout", "120",
        ]
    )  # fmt: skip
    result = faults.run(args)
    print(faults.report(result, args))
    assert result["failures"] == []
    # The faults happened, and the customers saw them only as the "try again" page.
    assert result["faults"]["worker_kill"].endswith("in the middle of an SMTP DATA")
    assert result["faults"]["redis_stop_s"] == 5
    assert "postgres_restart_s" in result["faults"]
    assert set(result["answers"]) <= {"ok", "try_again"}
    # Nothing lost, nothing twice.
    assert result["acknowledged"] == result["sent"] == result["stored"] == 300
    assert result["emails"] == 300 and result["duplicate_emails"] == 0 and result["duplicate_cases"] == 0
    assert result["files_checked"] == result["with_file_acknowledged"] == 30
    assert result["notifications_unsent"] == 0 and result["notifications_claimed_unsent"] == 0
