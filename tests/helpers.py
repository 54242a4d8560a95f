import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k3v9-QpL2x_7ZrT0mWb8Yc4Hn6Js1Dg5Fa2Ue9Io3Kx7Vt0Ls4Pq8Rw1Ez6Ny5Mb2",
    "ALLOWED_HOSTS": "omradesatsing.trondheim.kommune.no",
    "DATABASE_URL": "postgres://omradesatsing@db.example:5432/omradesatsing",
    "REDIS_URL": "redis://redis.example:6379/0",
    "EMAIL_URL": "smtp+tls://mailer@smtp.example:587",
    "DEFAULT_FROM_EMAIL": "Områdesatsing <ikke-svar@trondheim.kommune.no>",
    "SITE_URL": "https://omradesatsing.trondheim.kommune.no",
}
PROJECT_VARIABLES = [
    *PRODUCTION_ENV,
    "DATA_DIR",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def run_manage(
    *args: str, env: dict | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with exactly the project variables given."""
    clean = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    clean.update(env or {})
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_data_dir(source: Path, target: Path) -> Path:
    """Copy a DATA_DIR (its embedded PostgreSQL stopped) with owners and modes kept: run as
    root, the wheel runs PostgreSQL as its own user, which must own the copied files too.
    The server's Unix socket and its lock file are not copied: they belong to a server."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(".s.PGSQL.*"))
    for copied in [target, *target.rglob("*")]:
        original = (source / copied.relative_to(target)).lstat()
        os.lchown(copied, original.st_uid, original.st_gid)
    return target


class PreloadedManage:
    """`run_manage` without the second a new interpreter spends importing Django and the
    libraries: tests/preloaded_manage.py imports them once (not the settings, not the
    project), then forks a child per command. The child takes exactly the variables
    `run_manage` would give, runs manage.py as `python manage.py …` does, and exits with
    its status, its output captured; so what it proves is what a new process proves."""

    def __init__(self):
        self.server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.preloaded_manage"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(
        self, *args: str, env: dict | None = None, timeout: int = 120
    ) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
        clean.update(env or {})
        with tempfile.TemporaryDirectory() as folder:
            out, err = Path(folder) / "stdout", Path(folder) / "stderr"
            request = {
                "args": list(args),
                "env": clean,
                "stdout": str(out),
                "stderr": str(err),
                "timeout": timeout,
            }
            self.server.stdin.write(json.dumps(request) + "\n")
            self.server.stdin.flush()
            line = self.server.stdout.readline()
            if not line:
                raise RuntimeError(f"tests/preloaded_manage.py stopped ({self.server.wait()})")
            answer = json.loads(line)
            if answer["timed_out"]:
                raise subprocess.TimeoutExpired(["manage.py", *args], timeout)
            return subprocess.CompletedProcess(
                ["manage.py", *args], answer["status"], out.read_text(), err.read_text()
            )

    def close(self):
        self.server.stdin.close()
        self.server.wait(timeout=60)
