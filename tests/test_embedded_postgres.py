"""The embedded PostgreSQL (used without DATABASE_URL): shared by processes, stopped by the
last one, and the project's migrations run on it (PostgreSQL 18; CI's server is 15).

The migrations and the demo data run once, in the session fixture `migrated_data_dir`
(tests/conftest.py), checked here; the other tests start their servers on copies of it."""

import subprocess
import sys
import textwrap

import pytest

from core import embedded_db
from tests.helpers import ROOT, copy_data_dir

pytestmark = pytest.mark.heavy

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from core import embedded_db
    server = embedded_db.start(Path(sys.argv[1]), "probe")
    print(server.get_pid(), flush=True)
    sys.stdin.readline()
    """
)


def _join(pgdata, *, hold: bool):
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", HOLDER, str(pgdata)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if not line.strip():
        process.kill()
        raise AssertionError(f"the process did not start the server: {process.stderr.read()}")
    pid = int(line)
    if not hold:
        process.communicate("\n", timeout=60)
    return process, pid


@pytest.fixture
def pgdata(migrated_data_dir, tmp_path):
    """A stopped embedded server's folder of this test's own (a copy of the migrated one)."""
    assert migrated_data_dir.seed_demo is not None, migrated_data_dir.migrate.stderr
    return copy_data_dir(migrated_data_dir.path, tmp_path / "data") / "postgres"


def test_two_processes_share_one_server_and_the_last_one_stops_it(pgdata):
    first, first_pid = _join(pgdata, hold=True)
    second, second_pid = _join(pgdata, hold=False)
    assert first_pid == second_pid
    assert embedded_db.status(pgdata)["running"], "the first process still uses it"

    first.communicate("\n", timeout=60)
    assert not embedded_db.status(pgdata)["running"]


def test_a_killed_process_does_not_keep_the_server_running_forever(pgdata):
    killed, _pid = _join(pgdata, hold=True)
    killed.kill()
    killed.wait()
    survivor, _pid = _join(pgdata, hold=False)
    assert not embedded_db.status(pgdata)["running"]
    assert survivor.returncode == 0


def test_the_projects_migrations_and_demo_data_run_on_the_embedded_server(migrated_data_dir):
    migrate, seeded = migrated_data_dir.migrate, migrated_data_dir.seed_demo
    assert migrate.returncode == 0, migrate.stderr
    assert seeded.returncode == 0, seeded.stderr
    assert "programleder@demo.example" in seeded.stdout
    assert not embedded_db.status(migrated_data_dir.path / "postgres")["running"]
