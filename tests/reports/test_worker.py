"""The report task on a real Celery worker and the broker (Redis in CI, at REDIS_URL): one
builds the report; another is killed in the middle of a build, and the report ends
marked failed with the reason (not «bygges» forever), and «Prøv igjen» then builds it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from core.database_url import database_url
from omradesatsing.celery import app
from reports import services
from reports.models import Report
from tests.reports.world import world

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]


def _wait_for(report, statuses, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.5)
    return report


@pytest.fixture
def real_broker():
    if os.environ.get("REDIS_URL"):
        assert app.conf.broker_url.startswith("redis://")
    app.conf.task_always_eager = False
    app.control.purge()
    yield
    app.conf.task_always_eager = True


def test_a_real_worker_builds_the_annual_report(people, real_broker):
    world(people, 1)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        with transaction.atomic():
            report = services.report_order(
                kind="arsrapport", year=2027, by=people["programme_leader"]
            )
        report = _wait_for(report, {Report.Status.DONE, Report.Status.FAILED}, 240)
    assert report.status == Report.Status.DONE, report.failure_reason
    assert report.pdf and report.xlsx
    assert not report.public_pdf  # made when it is published
    assert report.attempts == 1


def test_a_worker_killed_in_the_middle_leaves_the_report_failed_and_it_can_be_retried(
    people, real_broker, settings
):
    if not os.environ.get("REDIS_URL"):  # never in CI, which sets it (and fails on a skip)
        pytest.skip("The worker runs in a process of its own: it needs REDIS_URL's broker.")
    world(people, 1)
    env = {**os.environ, "DATABASE_URL": database_url()}
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "tests" / "reports" / "slow_worker.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with transaction.atomic():
            report = services.report_order(
                kind="arsrapport", year=2027, by=people["programme_leader"]
            )
        report = _wait_for(report, {Report.Status.BUILDING}, 120)
        assert report.status == Report.Status.BUILDING
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    report.refresh_from_db()
    assert report.status == Report.Status.BUILDING  # the worker died without a word

    # After REPORTS_STALE_SECONDS (the time limit and a minute; a second here) the check
    # that the report pages and beat run marks it failed, with the reason.
    settings.REPORTS_STALE_SECONDS = 1
    time.sleep(1.5)
    assert services.reports_fail_stale() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "stoppet" in report.failure_reason

    # «Prøv igjen» on a worker that is alive builds it.
    settings.REPORTS_STALE_SECONDS = 3600
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        with transaction.atomic():
            services.report_retry(report=report, by=people["programme_leader"])
        report = _wait_for(report, {Report.Status.DONE}, 240)
    assert report.status == Report.Status.DONE
    assert report.attempts == 2
