"""`manage.py rundesk`: `make run` — choose the broker, migrate, load the demo data, then run the web server, a
Celery worker and Celery beat together.

The broker is chosen first, once: REDIS_URL when given, else Redis on 127.0.0.1:6379 when it answers, else kombu's
filesystem:// transport (a real worker, no server). Every process started here gets it — migrate and seed_demo too,
so the demo's acknowledgements and letters are published where the worker reads them, not lost before it starts.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacydesk.accounts.demo import ACCOUNTS, DEMO_PASSWORD


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def choose_broker(environ: Mapping[str, str], *, redis: tuple[str, int] = ("127.0.0.1", 6379)) -> tuple[dict, str]:
    """The environment every process of `make run` gets (CELERY_BROKER_URL set), and why that broker."""
    env = dict(environ)
    if env.get("RUN_BROKER") == "filesystem":
        broker, why = "filesystem://", "RUN_BROKER=filesystem: kombu's filesystem transport under var/broker"
        env.pop("REDIS_URL", None)
    elif env.get("CELERY_BROKER_URL"):
        broker, why = env["CELERY_BROKER_URL"], "CELERY_BROKER_URL"
    elif env.get("REDIS_URL"):
        broker, why = env["REDIS_URL"], "REDIS_URL"
    elif redis_reachable(*redis):
        broker, why = f"redis://{redis[0]}:{redis[1]}/0", f"Redis answered on {redis[0]}:{redis[1]}"
        env["REDIS_URL"] = broker
    else:
        broker, why = "filesystem://", "no Redis reachable: kombu's filesystem transport under var/broker"
    env["CELERY_BROKER_URL"] = broker
    return env, f"{broker} ({why})"


class Command(BaseCommand):
    help = "Choose the broker, migrate, load the demo data, then run the web server, a Celery worker and beat."
    requires_system_checks = []  # the broker is chosen here; every process started with it runs the checks

    def add_arguments(self, parser):
        parser.add_argument("--addr", default=os.environ.get("RUN_ADDR", "127.0.0.1:8000"))
        parser.add_argument(
            "--prepare-only", action="store_true", help="Choose the broker, migrate and load the demo data; then stop."
        )

    def handle(self, *args, addr: str, prepare_only: bool, **options):
        env, broker = choose_broker(os.environ)
        (settings.BASE_DIR / "var").mkdir(exist_ok=True)
        python = sys.executable
        self.stdout.write(self.style.SUCCESS(f"Broker: {broker}"))
        self.stdout.flush()  # before the output of the commands below
        for step in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
            done = subprocess.run([python, "manage.py", *step], env=env, cwd=settings.BASE_DIR, check=False)  # noqa: S603
            if done.returncode:
                raise CommandError(f"manage.py {step[0]} failed (exit {done.returncode}).")
        if prepare_only:
            return
        commands = {
            "web": [python, "manage.py", "runserver", addr],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "privacydesk",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "privacydesk",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(settings.BASE_DIR / "var" / "celerybeat-schedule"),
            ],
        }
        self.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        self.stdout.write(f"E-mails are written to {settings.BASE_DIR / 'var' / 'mail'}")
        self.stdout.write(f"Staff desk: http://{addr}/ja/staff/ — demo accounts, password “{DEMO_PASSWORD}”:")
        for username, role, _lang, slugs, secret in ACCOUNTS:
            desks = ", ".join(slugs) if slugs else "all desks"
            self.stdout.write(f"  {username:<13} {role:<11} {desks:<30} TOTP: oathtool --totp -b {secret}")
        processes = {
            name: subprocess.Popen(cmd, env=env, cwd=settings.BASE_DIR)  # noqa: S603 - our own fixed commands
            for name, cmd in commands.items()
        }
        time.sleep(2)
        self.stdout.write(
            self.style.SUCCESS(f"PrivacyDesk is running: http://{addr}/ja/  (English: http://{addr}/en/)")
        )
        self.stdout.write("Press Ctrl+C to stop.")

        def stop(*_args):
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    self.stderr.write(f"{name} stopped (exit {process.returncode}); stopping the others.")
                    stop()
            time.sleep(1)
