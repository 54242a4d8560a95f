"""The server behind tests.helpers.PreloadedManage: imports what every start of the project
imports before it reads a setting (none of it reads the project's variables), then, for
each request read from stdin (one JSON line: args, env, stdout and stderr paths, timeout),
forks a child that runs `manage.py *args` with exactly that environment, as a new
`python manage.py …` would, and answers its exit status (the child is killed at the
timeout, as subprocess.run's timeout does)."""

import atexit
import json
import os
import runpy
import signal
import sys
import time
import traceback
from pathlib import Path

import celery  # noqa: F401
import django.contrib.auth.checks  # noqa: F401
import django.core.management  # noqa: F401
import django.db.backends.postgresql.base  # noqa: F401
import django.db.models  # noqa: F401
import django.forms  # noqa: F401
import django.template  # noqa: F401
import django.urls  # noqa: F401
import environ  # noqa: F401
import kombu  # noqa: F401
import openpyxl  # noqa: F401
import psycopg  # noqa: F401
import weasyprint  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
MANAGE = str(ROOT / "manage.py")


def run(request: dict) -> None:
    """In the child: redirect the output, take the environment, run manage.py, exit."""
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        file = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(file, fd)
        os.close(file)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = str(ROOT)  # as for `python manage.py`: the script's folder first
    sys.argv = [MANAGE, *request["args"]]
    status = 0
    try:
        runpy.run_path(MANAGE, run_name="__main__")
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            status = exit.code or 0
        else:
            print(exit.code, file=sys.stderr)
            status = 1
    except BaseException:  # noqa: BLE001 - as the interpreter does: the traceback, status 1
        traceback.print_exc()
        status = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run(request)
        deadline = time.monotonic() + request["timeout"]
        timed_out = False
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                _done, status = os.waitpid(pid, 0)
                timed_out = True
                break
            time.sleep(0.01)
        answer = {"status": os.waitstatus_to_exitcode(status), "timed_out": timed_out}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
