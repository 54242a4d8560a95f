"""`manage.py run`: the README's first command.

Migrates, loads the demo data, then starts the development web server and, when a broker
is configured (REDIS_URL), a Celery worker with beat. Ctrl+C (or SIGTERM) stops them all;
the embedded PostgreSQL stops with the last process that uses it.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


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
        processes = [subprocess.Popen(command) for command in commands]  # noqa: S603
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGINT)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
