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
from django.db import connection

from core import embedded_db


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def _signal_groups(processes, signum) -> None:
    """Send `signum` to each process's whole process group."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)


# Apps whose migrations no longer exist: a database that has them applied was made before
# the user model moved to `accounts` (issue 8) and cannot be migrated forward.
RETIRED_MIGRATION_APPS = ["omradesatsing"]


def _has_retired_migrations() -> bool:
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return False
        cursor.execute(
            "SELECT 1 FROM django_migrations WHERE app = ANY(%s) LIMIT 1",
            [RETIRED_MIGRATION_APPS],
        )
        return cursor.fetchone() is not None


def child_environment(address: str) -> dict:
    """The environment of the web server and the worker: links in e-mails (sent by tasks,
    outside a request) use the address the banner prints, unless SITE_URL says otherwise."""
    env = {**os.environ}
    env.setdefault("SITE_URL", address)
    return env


class Command(BaseCommand):
    help = "Migrate, load demo data and start the web server (and a worker if REDIS_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def _replace_a_database_from_before_the_floors(self) -> None:
        """A developer's database from before the migration history was rewritten: the
        embedded one holds only demo data and is made again; another server's is left
        alone, with what to do."""
        if not _has_retired_migrations():
            return
        name = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql" and settings.DATABASES["default"]["ENGINE"] == (
            "core.pgembedded"
        ):
            self.stdout.write(
                self.style.WARNING(
                    f"The embedded database «{name}» in {settings.EMBEDDED_POSTGRES_DIR} was "
                    "made by an older version whose migrations were rewritten. It held demo "
                    "data only and is made again now."
                )
            )
            connection.close()
            embedded_db.recreate_database(name)
            return
        raise CommandError(
            f"The database «{name}» was made by an older version of Områdesatsing whose "
            "migrations were rewritten (the user model moved to the accounts app). Drop it "
            "and create it empty (e.g. dropdb and createdb), then run this command again."
        )

    def handle(self, *args, addrport, **options):
        if not settings.DEBUG:
            raise CommandError("`run` is for development. In production, run gunicorn (README).")
        self._replace_a_database_from_before_the_floors()
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
        address = f"http://{addrport}"
        self.stdout.write(self.style.SUCCESS(f"Områdesatsing runs at {address}/ (Ctrl+C stops it)"))
        self.stdout.write(f"Log in at {address}/logg-inn/ with one of the demo logins above.")
        self.stdout.write(f"Residents start at {address}/nabolagspotten/ (no login).")
        child_env = child_environment(address)

        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        # Started as a background job, this process may have inherited an ignored SIGINT,
        # which its children would inherit too; with a handler here they start with the
        # default, so SIGINT lets them exit cleanly (the dev server's KeyboardInterrupt).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # Each child in its own process group, so that stopping it stops what it started
        # too (runserver's autoreloader runs the server in a second process), and so that a
        # SIGINT ignored by a background shell job does not keep anything running.
        processes = [
            subprocess.Popen(command, process_group=0, env=child_env)  # noqa: S603
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
