"""A real Celery worker (a process of its own) whose first report section takes a minute:
started by tests/reports/test_worker.py, which kills it in the middle of a build."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omradesatsing.settings")

import django  # noqa: E402

django.setup()

from omradesatsing.celery import app  # noqa: E402
from reports import sections  # noqa: E402

first = sections.ANNUAL[0]


def slow(report, snapshot):
    time.sleep(60)
    return first.build(report, snapshot)


sections.ANNUAL[0] = sections.Section(first.key, first.title, slow)

if __name__ == "__main__":
    app.worker_main(["worker", "--pool=solo", "--concurrency=1", "--loglevel=INFO"])
