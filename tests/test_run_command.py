"""The README's first command, `manage.py run`, on the embedded PostgreSQL: it migrates,
loads the demo data, serves the site, and one SIGTERM stops every process it started (the
web server's autoreloader child included) and, with them, the embedded server.

It starts from a copy of the session's migrated data folder (`migrated_data_dir` in
tests/conftest.py, where `migrate` and `seed_demo` are checked on a new embedded server), so
its own `migrate` and `seed_demo` find their work done, as on every start after the first."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest

from core import embedded_db
from tests.helpers import PROJECT_VARIABLES, ROOT, copy_data_dir

pytestmark = pytest.mark.heavy


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (a local URL)
        return response.status, response.read().decode()


def _wait_for(url: str, process, seconds: int = 240) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        with contextlib.suppress(OSError):
            status, body = _get(url)
            if status == 200:
                return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {seconds} s")


def _processes_serving(port: int) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if f"127.0.0.1:{port}" in " ".join(process.info["cmdline"] or []):
                found.append(process)
    return found


def test_run_serves_the_demo_and_sigterm_stops_everything(migrated_data_dir, tmp_path):
    assert migrated_data_dir.seed_demo is not None, migrated_data_dir.migrate.stderr
    data_dir = copy_data_dir(migrated_data_dir.path, tmp_path / "data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    env["DATA_DIR"] = str(data_dir)
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "run", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so the test can clean up the whole tree if it fails
    )
    try:
        body = _wait_for(f"http://127.0.0.1:{port}/nabolagspotten/", process)
        assert "Nabolagspotten" in body
        _status, grants = _get(f"http://127.0.0.1:{port}/nabolagspotten/tildelinger/")
        assert "kr" in grants  # the demo's grants are listed

        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        output = process.stdout.read()
        assert f"Log in at http://127.0.0.1:{port}/logg-inn/" in output
        assert _processes_serving(port) == []
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, "the port is still open"
        assert not embedded_db.status(data_dir / "postgres")["running"]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for leftover in _processes_serving(port):
            leftover.kill()
        embedded_db.stop(data_dir / "postgres")


def test_links_in_emails_use_the_address_the_banner_prints(monkeypatch):
    from omradesatsing.management.commands.run import child_environment

    monkeypatch.delenv("SITE_URL", raising=False)
    assert child_environment("http://127.0.0.1:8123")["SITE_URL"] == "http://127.0.0.1:8123"
    monkeypatch.setenv("SITE_URL", "https://omradesatsing.example")
    assert child_environment("http://127.0.0.1:8123")["SITE_URL"] == "https://omradesatsing.example"
