"""`manage.py loadtest`: many users at once against gunicorn with production settings.

    manage.py loadtest [--users 8 16 32 50] [--seconds 60] [--ramp 10] [--scale 10]
                       [--applications 20000] [--keep-data] [--database NAME]
                       [--copy-of NAME] [--downloads-without-pause]
                       [--gunicorn-args "..."]

It needs a PostgreSQL server on this machine (DATABASE_URL's or, without it, the embedded
one, which gunicorn and the worker then reach through its Unix socket) and Redis
(REDIS_URL, or redis://127.0.0.1:6379/14): production settings require both. Everything
else is made here and removed afterwards:

1. a database of its own (`omradesatsing_loadtest`, or `--database`), migrated (or copied
   with `--copy-of` from a migrated database no one is connected to) and filled
   with the portfolio benchmark's data at `--scale` (10: 1,500 projects) and Nabolagspotten's at
   `--applications` (20,000), with the approved plan's PDF made and `ANALYZE` run; with
   `--keep-data` it is kept and reused by the next run (generating scale 10 takes minutes);
2. the static files collected, as the image does at build time;
3. gunicorn started as the Dockerfile runs it (`omradesatsing.wsgi`, `gunicorn.conf.py`),
   `DEBUG=false`, on a free loopback port, and a Celery worker beside it, as compose runs
   one (at nice 10; the payments export of 20,000 rows is built by a task);
4. for each number of users, Locust (headless, `omradesatsing/loadtest/locustfile.py`): the
   users come in over `--ramp` seconds (each staff user logs in once, as a person does at
   the start of the day), then the figures are reset and `--seconds` of the full number of
   users are measured: the users' mix plus two people downloading the plan PDF (1–2 s
   after each download, or with `--downloads-without-pause` as fast as the server answers)
   and one the payments export again and again (the exporter asks, polls the waiting page
   and downloads the stored file, as a browser does); then a table per page of requests
   per second, p50, p95, p99 and errors, and the number of users at which a page's p95
   first passes 500 ms.

Loopback only, bounded in users and time. A benchmark for the issue notes, not a test.
"""

import csv
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings

from core.database_url import database_url, server

DATABASE = "omradesatsing_loadtest"
TARGET_MS = 500
# Pages outside the users' mix: the totals, logging in, and the downloads going on beside it.
NOT_THE_MIX = {
    "Aggregated",
    "log in",
    "login page",
    "plan PDF download",
    "payments export",
    "payments export, waiting page",
    "payments export, download",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Django's PostgreSQL backend, and ours for the embedded server (core/pgembedded).
POSTGRESQL = {"django.db.backends.postgresql", "core.pgembedded"}


class Command(BaseCommand):
    help = "Load-test gunicorn with production settings and scale-10 data (Locust, loopback)."

    def add_arguments(self, parser):
        parser.add_argument("--users", nargs="+", type=int, default=[8, 16, 32, 50])
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument(
            "--ramp",
            type=int,
            default=10,
            help="Seconds over which the users come in and log in, before measuring.",
        )
        parser.add_argument(
            "--downloads-without-pause",
            action="store_true",
            help="The two PDF readers download again at once instead of after 1–2 s.",
        )
        parser.add_argument("--scale", type=float, default=10)
        parser.add_argument("--applications", type=int, default=20_000)
        parser.add_argument("--keep-data", action="store_true")
        parser.add_argument(
            "--database", default=DATABASE, help=f"The database to fill (default: {DATABASE})."
        )
        parser.add_argument(
            "--copy-of",
            default="",
            help="Make the database as a copy of this migrated one (CREATE DATABASE … "
            "TEMPLATE) instead of migrating it from nothing.",
        )
        parser.add_argument(
            "--gunicorn-args", default="", help="Extra gunicorn options, e.g. '--threads 4'."
        )

    def handle(self, *args, users, seconds, ramp, scale, applications, keep_data, **options):
        database, gunicorn_args = options["database"], options["gunicorn_args"]
        if settings.DATABASES["default"]["ENGINE"] not in POSTGRESQL:
            raise CommandError("Set DATABASE_URL to a PostgreSQL server on this machine.")
        if any(n < 1 or n > 200 for n in users) or not 1 <= seconds <= 600:
            raise CommandError("Between 1 and 200 users, and 1 to 600 seconds.")
        if not 1 <= ramp <= 120:
            raise CommandError("A ramp of 1 to 120 seconds.")
        self.ramp = ramp
        self.without_pause = options["downloads_without_pause"]
        copy_of = options["copy_of"]
        if not all(name.replace("_", "").isalnum() for name in (database, copy_of or "x")):
            raise CommandError("A database name of letters, digits and _.")
        self.database, self.copy_of = database, copy_of
        self.work = Path(tempfile.mkdtemp(prefix="loadtest-"))
        # The server's files (the stored plan PDF, the exports) live beside the database
        # and are kept with it (--keep-data), so a kept database's PDF is still there.
        self.data_dir = Path(tempfile.gettempdir()) / f"{database}-data"
        original = connection.settings_dict["NAME"]
        self._make_database()
        try:
            ids = self._fill(scale, applications)
            env = self._production_environment(ids)
            if self.without_pause:
                env["LOADTEST_DOWNLOADS_WITHOUT_PAUSE"] = "1"
            self._collect_static(env)
            port = _free_port()
            worker = self._start_worker(env)
            try:
                server = self._start_gunicorn(env, port, gunicorn_args)
                try:
                    results = {n: self._run_locust(env, port, n, seconds) for n in users}
                finally:
                    self._stop(server)
            finally:
                self._stop(worker)
            self._report(results, users, seconds, gunicorn_args)
        finally:
            connection.close()
            connection.settings_dict["NAME"] = original
            shutil.rmtree(self.work, ignore_errors=True)  # the static files, the logs
            if not keep_data:
                self._drop_database()
                shutil.rmtree(self.data_dir, ignore_errors=True)

    # --- The data ---------------------------------------------------------------------

    def _admin_connection(self):
        import psycopg

        return psycopg.connect(**server(), dbname="postgres", autocommit=True)

    def _make_database(self) -> None:
        with self._admin_connection() as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.database])
            if not exists.fetchone():
                template = f' TEMPLATE "{self.copy_of}"' if self.copy_of else ""
                conn.execute(f'CREATE DATABASE "{self.database}"{template}')
        connection.close()
        connection.settings_dict["NAME"] = self.database

    def _drop_database(self) -> None:
        with self._admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def _fill(self, scale: float, applications: int) -> dict:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import Argon2PasswordHasher

        from accounts.roles import Role
        from core.benchmarking import analyze
        from nabolagspotten.demo import generate_applications
        from nabolagspotten.models import Application
        from portfolio.generate import generate_portfolio
        from portfolio.models import PlanSubmission, Project
        from portfolio.services import plans

        call_command("migrate", interactive=False, verbosity=0)
        User = get_user_model()
        if not Project.objects.exists():
            started = time.perf_counter()
            made = generate_portfolio(scale=scale, seed=1)
            self.stderr.write(
                f"Portfolio: {made.projects} projects ({time.perf_counter() - started:.0f} s)"
            )
        leader = (
            User.objects.filter(groups__name=Role.PROGRAMME_LEADER.value).order_by("pk").first()
        )
        handler = User.objects.filter(groups__name=Role.CASE_HANDLER.value).order_by("pk").first()
        if handler is None:
            from django.contrib.auth.models import Group

            handler = User.objects.create_user(
                email="saksbehandler@loadtest.example", full_name="Sara Last", unit=leader.unit
            )
            handler.groups.set([Group.objects.get(name=Role.CASE_HANDLER.value)])
        if not Application.objects.exists():
            started = time.perf_counter()
            made = generate_applications(applications=applications, handler=handler, leader=leader)
            took = time.perf_counter() - started
            self.stderr.write(f"Nabolagspotten: {applications} applications ({took:.0f} s)")
        password = secrets.token_urlsafe(16)
        # Hashed as the server checks it (its first hasher), whatever this process's
        # settings say: the tests' fast hasher is one the server does not know.
        hasher = Argon2PasswordHasher()
        for person in (leader, handler):
            person.password = hasher.encode(password, hasher.salt())
            person.save()
        submission = (
            PlanSubmission.objects.filter(decision__startswith="godkjent").order_by("pk").first()
        )
        # Stored where gunicorn looks (its DATA_DIR), not in this process's MEDIA_ROOT.
        with override_settings(MEDIA_ROOT=self.data_dir / "media"):
            if submission.pdf and not submission.pdf.storage.exists(submission.pdf.name):
                submission.pdf = None  # made by a run whose files are gone
                submission.save(update_fields=["pdf"])
            plans.plan_pdf_render(submission_id=submission.pk)
        analyze()
        projects = Project.objects.filter(status=Project.Status.IN_PORTFOLIO).order_by("pk")
        # The case pages of paid cases (the longest ledgers); a tiny run may have none, and
        # takes any submitted case then.
        cases = Application.objects.filter(status=Application.Status.PAID).order_by("pk")
        if not cases.exists():
            cases = Application.objects.exclude(status=Application.Status.DRAFT).order_by("pk")
        return {
            "LOADTEST_PASSWORD": password,
            "LOADTEST_LEADER": leader.email,
            "LOADTEST_HANDLER": handler.email,
            "LOADTEST_PROJECTS": ",".join(
                str(pk) for pk in projects.values_list("pk", flat=True)[:100]
            ),
            "LOADTEST_CASES": ",".join(cases.values_list("reference", flat=True)[:100]),
            "LOADTEST_PLAN_PDF": submission.get_absolute_url() + "pdf/",
        }

    # --- The server ---------------------------------------------------------------------

    def _production_environment(self, ids: dict) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LOADTEST_")}
        env.update(ids)
        env.update(
            {
                "DEBUG": "false",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": database_url(self.database),
                "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14",
                "EMAIL_URL": "smtp+tls://loadtest@127.0.0.1:587",
                "DEFAULT_FROM_EMAIL": "Områdesatsing <ikke-svar@loadtest.example>",
                "SITE_URL": "https://omradesatsing.loadtest.example",
                "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
                "STATIC_ROOT": str(self.work / "static"),
                "DATA_DIR": str(self.data_dir),
                "LOG_LEVEL": "WARNING",
            }
        )
        return env

    def _collect_static(self, env: dict) -> None:
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "collectstatic",
                "--noinput",
                "-v0",
            ],
            env=env,
            check=True,
        )

    def _start_gunicorn(self, env: dict, port: int, extra: str) -> subprocess.Popen:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "omradesatsing.wsgi:application",
            "--config",
            str(settings.BASE_DIR / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            *extra.split(),
        ]
        log = (self.work / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/helse/", timeout=2) as r:  # noqa: S310
                    if r.status == 200:
                        return server
            except OSError:
                time.sleep(0.5)
            if server.poll() is not None:
                break
        self._stop(server)
        raise CommandError(f"gunicorn did not start: {(self.work / 'gunicorn.log').read_text()}")

    def _start_worker(self, env: dict) -> subprocess.Popen:
        """One Celery worker (two processes), as compose runs one beside the web server: at
        a lower CPU priority (nice 10), so the background builds take what the pages leave.
        It empties the queue first: the broker (REDIS_URL) must be the load test's own."""
        log = (self.work / "celery.log").open("w")
        return subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "omradesatsing",
                "worker",
                "--concurrency",
                "2",
                "--purge",  # what an earlier run left in the queue
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=lambda: os.nice(10),  # as compose's `nice -n 10 celery …`
        )

    def _stop(self, server: subprocess.Popen) -> None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)

    # --- The load -----------------------------------------------------------------------

    def _run_locust(self, env: dict, port: int, users: int, seconds: int) -> dict:
        prefix = self.work / f"u{users}"
        total = users + 3  # the mix, plus the two PDF readers and the exporter
        self.stderr.write(f"{users} users (+3 downloading): {self.ramp} s coming in, {seconds} s …")
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(Path(__file__).resolve().parents[2] / "loadtest" / "locustfile.py"),
                "--headless",
                "--users",
                str(total),
                "--spawn-rate",
                f"{total / self.ramp:.3f}",
                "--run-time",
                f"{self.ramp + seconds}s",
                "--reset-stats",  # the figures are of the full number of users only
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # An exception in a user's own code (a task with nothing to ask for) is no failed
        # request, and its page would be missing from the figures unseen.
        with open(f"{prefix}_exceptions.csv", newline="") as handle:
            failed = [f"{row['Count']} × {row['Message']}" for row in csv.DictReader(handle)]
        if failed:
            raise CommandError(
                "The load test's users failed in their own code: " + "; ".join(failed)
            )
        with open(f"{prefix}_stats.csv", newline="") as handle:
            return {row["Name"]: row for row in csv.DictReader(handle)}

    def _report(self, results: dict, users: list[int], seconds: int, gunicorn_args: str) -> None:
        options = f", {gunicorn_args}" if gunicorn_args else ""
        self.stdout.write(
            f"Load test: gunicorn (gunicorn.conf.py{options}), production settings; per level "
            f"the users come in and log in over {self.ramp} s, then {seconds} s are measured; "
            "users wait 1–2 s between pages; +3 users: two downloading the plan PDF "
            + ("without pause" if self.without_pause else "again 1–2 s after each download")
            + ", one asking for the payments export again and again."
        )
        crossed = None
        for n in users:
            rows = results[n]
            self.stdout.write("")
            self.stdout.write(f"{n} users")
            header = ["page", "requests/s", "p50 ms", "p95 ms", "p99 ms", "errors"]
            lines = [header]
            for name, row in sorted(rows.items(), key=lambda item: item[0] == "Aggregated"):
                lines.append(
                    [
                        "all pages" if name == "Aggregated" else name,
                        f"{float(row['Requests/s']):.1f}",
                        row["50%"],
                        row["95%"],
                        row["99%"],
                        row["Failure Count"],
                    ]
                )
                in_the_mix = name not in NOT_THE_MIX
                if in_the_mix and crossed is None and float(row["95%"]) > TARGET_MS:
                    crossed = (n, name, row["95%"])
            widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
            for number, line in enumerate(lines):
                self.stdout.write(
                    "| "
                    + " | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
                    + " |"
                )
                if number == 0:
                    self.stdout.write("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        self.stdout.write("")
        if crossed:
            users_at, page, p95_ms = crossed
            self.stdout.write(
                f"p95 first passes {TARGET_MS} ms at {users_at} users ({page}: {p95_ms} ms)."
            )
        else:
            self.stdout.write(
                f"p95 stays at or under {TARGET_MS} ms for every page up to {max(users)} users."
            )
