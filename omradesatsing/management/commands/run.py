"""`manage.py run`: the README's first command.

Migrates, loads the demo data, then starts the development web server and, when a broker
is configured (REDIS_URL), a Celery worker with beat. Ctrl+C stops them all; the embedded
PostgreSQL stops with the last process that uses it.
"""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Migrate, load demo data and start the web server (and a worker if REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if not settings.DEBUG:
            raise CommandError("`run` is for development. In production, run gunicorn (README).")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo")
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        processes = [subprocess.Popen([*manage, "runserver", addrport])]  # noqa: S603
        if settings.REDIS_URL:
            processes.append(
                subprocess.Popen(  # noqa: S603
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
            )
        else:
            self.stdout.write("No REDIS_URL: background tasks run in the web process.")
        self.stdout.write(
            self.style.SUCCESS(f"Områdesatsing runs at http://{addrport}/ (Ctrl+C stops it)")
        )
        try:
            for process in processes:
                process.wait()
        except KeyboardInterrupt:
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
