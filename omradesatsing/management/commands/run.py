"""`manage.py run`: the README's first command.

Migrates, loads the demo data, then starts the development web server and, when a broker
is configured (REDIS_URL), a Celery worker with beat. Ctrl+C (or SIGTERM) stops them all;
the embedded PostgreSQL stops with the last process that uses it.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _signal_groups(processes, signum) -> None:
    """Send `signum` to each process's whole process group."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)


class Command(BaseCommand):
    help = "Migrate, load demo data and start the web server (and a worker if REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not settings.DEBUG:
            raise CommandError("`run` is for development. In production, run gunicorn (README).")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo")
        commands = [[sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", addrport]]
        if settings.REDIS_URL:
            commands.append(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "omradesatsing",
                    "worker",
                    "--beat",
                    "-l",
                    "info",
                ]
            )
        else:
            self.stdout.write("No REDIS_URL: background tasks run in the web process.")
        self.stdout.write(
            self.style.SUCCESS(f"Områdesatsing runs at http://{addrport}/ (Ctrl+C stops it)")
        )

        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        # Started as a background job, this process may have inherited an ignored SIGINT,
        # which its children would inherit too; with a handler here they start with the
        # default, so SIGINT lets them exit cleanly (the dev server's KeyboardInterrupt).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # Each child in its own process group, so that stopping it stops what it started
        # too (runserver's autoreloader runs the server in a second process), and so that a
        # SIGINT ignored by a background shell job does not keep anything running.
        processes = [
            subprocess.Popen(command, process_group=0)  # noqa: S603
            for command in commands
        ]
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            # A second Ctrl+C or SIGTERM must not cut the cleaning up short.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            _signal_groups(processes, signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    _signal_groups([process], signal.SIGKILL)
                    process.wait()
