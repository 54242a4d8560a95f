"""The server's settings and the load test: gunicorn.conf.py loads and every name in it is
a gunicorn setting with a valid value; `manage.py loadtest` works end to end on a tiny run
(a handful of rows, two users coming in over 1 s and measured for 4 s), on DATABASE_URL's
server or the embedded one. Not a timing assertion: the load test's figures come from
running the command (docs/performance.md)."""

import io
import os
import runpy

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from gunicorn.config import Config

from tests.helpers import ROOT


def _gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    loaded = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {k: v for k, v in loaded.items() if not k.startswith("_") and k.islower()}


def test_gunicorn_conf_loads_and_holds_only_valid_settings(monkeypatch):
    settings = _gunicorn_settings(monkeypatch)
    config = Config()
    for name, value in settings.items():
        if name in ("logging", "os"):  # the modules it imports
            continue
        assert name in config.settings, f"{name} is not a gunicorn setting"
        config.set(name, value)  # gunicorn's own validation
    assert config.worker_class_str == "gthread"
    assert config.workers == 3 and config.threads == 4
    assert config.timeout == 30 and config.graceful_timeout == 30
    assert config.bind == ["0.0.0.0:8000"]
    assert config.max_requests == 2000


def test_gunicorn_workers_and_threads_come_from_the_environment(monkeypatch):
    settings = _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="5", GUNICORN_THREADS="2")
    assert settings["workers"] == 5 and settings["threads"] == 2


def test_the_dockerfile_and_compose_start_gunicorn_with_the_file():
    assert '"--config", "gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "gunicorn --config gunicorn.conf.py" in compose
    # the background builds yield the CPU to the pages
    assert "command: nice -n 10 celery -A omradesatsing worker" in compose


def test_the_loadtest_refuses_unbounded_runs():
    with pytest.raises(CommandError):
        call_command("loadtest", "--users", "500", "--seconds", "5")
    with pytest.raises(CommandError):
        call_command("loadtest", "--users", "2", "--seconds", "3600")


@pytest.mark.heavy
def test_a_tiny_load_test_runs_and_prints_its_table(
    benchmark_databases_copied_from_the_test_database, django_db_blocker
):
    out, err = io.StringIO(), io.StringIO()
    name_before = connection.settings_dict["NAME"]
    database = f"omradesatsing_loadtest_test_{os.getpid()}"
    # A copy of this worker's migrated test database, when no one is connected to it.
    template = connection.settings_dict["TEST"].get("TEMPLATE")
    with django_db_blocker.unblock():
        call_command(
            "loadtest",
            "--users",
            "2",
            "--seconds",
            "4",
            "--ramp",
            "1",  # the users come in and log in, then the figures start
            "--scale",
            "0.01",
            "--applications",
            "20",
            "--database",
            database,
            *(["--copy-of", template] if template else []),
            stdout=out,
            stderr=err,
        )
        assert connection.settings_dict["NAME"] == name_before
        with connection.cursor() as cursor:  # dropped afterwards (no --keep-data)
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            assert cursor.fetchone() is None
    report = out.getvalue()
    assert report.startswith("Load test: gunicorn (gunicorn.conf.py), production settings")
    lines = report.splitlines()
    assert "2 users" in lines
    header = next(line for line in lines if line.startswith("| page"))
    assert [c.strip() for c in header.strip("|").split("|")] == [
        "page",
        "requests/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "errors",
    ]
    total = next(line for line in lines if line.startswith("| all pages"))
    cells = [c.strip() for c in total.strip("|").split("|")]
    assert float(cells[1]) > 0  # it did send requests
    assert cells[5] == "0"  # and none failed
    # The staff users logged in: the plan PDF (only for a logged-in programme leader, a
    # redirect to the login page would be an error) was downloaded.
    pdf = next(line for line in lines if line.startswith("| plan PDF download"))
    pdf_cells = [c.strip() for c in pdf.strip("|").split("|")]
    assert float(pdf_cells[1]) > 0 and pdf_cells[5] == "0"
    assert lines[-1].startswith("p95 ")
