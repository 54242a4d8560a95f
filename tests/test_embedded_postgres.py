"""The embedded PostgreSQL (used without DATABASE_URL): shared by processes, stopped by the
last one, and the project's migrations run on it (PostgreSQL 18; CI's server is 15)."""

import subprocess
import sys
import textwrap

from core import embedded_db
from tests.helpers import ROOT, run_manage

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
        text=True,
    )
    pid = int(process.stdout.readline())
    if not hold:
        process.communicate("\n", timeout=60)
    return process, pid


def test_two_processes_share_one_server_and_the_last_one_stops_it(tmp_path):
    pgdata = tmp_path / "postgres"
    first, first_pid = _join(pgdata, hold=True)
    second, second_pid = _join(pgdata, hold=False)
    assert first_pid == second_pid
    assert embedded_db.status(pgdata)["running"], "the first process still uses it"

    first.communicate("\n", timeout=60)
    assert not embedded_db.status(pgdata)["running"]


def test_a_killed_process_does_not_keep_the_server_running_forever(tmp_path):
    pgdata = tmp_path / "postgres"
    killed, _pid = _join(pgdata, hold=True)
    killed.kill()
    killed.wait()
    survivor, _pid = _join(pgdata, hold=False)
    assert not embedded_db.status(pgdata)["running"]
    assert survivor.returncode == 0


def test_the_projects_migrations_and_demo_data_run_on_the_embedded_server(tmp_path):
    env = {"DATA_DIR": str(tmp_path)}
    migrate = run_manage("migrate", "--noinput", env=env, timeout=300)
    assert migrate.returncode == 0, migrate.stderr
    seeded = run_manage("seed_demo", env=env)
    assert seeded.returncode == 0, seeded.stderr
    assert "programleder@demo.example" in seeded.stdout
    assert not embedded_db.status(tmp_path / "postgres")["running"]
