"""Measure the risk registers' pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_risk [--scales 1 10] [--requests 30] [--seed 12]

For each scale it creates a throwaway database (core.benchmarking), generates registers with
`risk.benchmark_data.generate_risk_registers(scale=...)` (scale 1: about 600 risks, 2,000
actions, 6,000 reviews), runs `ANALYZE`, logs in a programme leader and measures: the
programme's rolled-up heat map, the register list, a risk page, the snapshot diff, the XLSX
export of the roll-up, and `risk_report(since, until)` (called directly). Median and 95th
percentile server time over the requests after a warm-up, and the number of queries; the
table says whether the query counts were equal at every scale.
"""

import datetime
import statistics
import time
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.benchmarking import (
    WARM_UP,
    Measurement,
    add_benchmark_arguments,
    analyze,
    benchmark_environment,
    check_benchmark_arguments,
    measure,
    p95,
    table,
    throwaway_database,
)
from core.middleware import IdleTimeoutMiddleware
from risk.benchmark_data import generate_risk_registers
from risk.models import Register, Risk, Snapshot
from risk.report import risk_report


def _pages() -> list[tuple[str, str]]:
    programme = Register.objects.get(level=Register.Level.PROGRAMME)
    area = Register.objects.filter(level=Register.Level.AREA).order_by("pk").first()
    risk = Risk.objects.filter(status=Risk.Status.OPEN).order_by("pk").first()
    snapshot = Snapshot.objects.order_by("-number").first()
    return [
        ("programme roll-up heat map", f"{programme.get_absolute_url()}?samlet=1"),
        ("register list", reverse("risk:registers")),
        ("area register", area.get_absolute_url()),
        ("risk page", risk.get_absolute_url()),
        ("snapshot diff", snapshot.get_absolute_url()),
        (
            "XLSX export, roll-up",
            reverse("risk:register_export", args=[programme.pk, "xlsx"]) + "?samlet=1",
        ),
    ]


def _measure_report(requests: int) -> Measurement:
    until = timezone.localdate()
    since = until - datetime.timedelta(days=365)
    for _i in range(WARM_UP):
        risk_report(since, until)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        risk_report(since, until)
    count = len(queries)
    times = []
    for _i in range(requests):
        start = time.perf_counter()
        risk_report(since, until)
        times.append((time.perf_counter() - start) * 1000)
    return Measurement(statistics.median(times), p95(times), count, 200)


class Command(BaseCommand):
    help = "Measure the risk registers' pages (time and queries) at several sizes."

    def add_arguments(self, parser):
        add_benchmark_arguments(
            parser, scales=[1, 10], scale_help="Register sizes; 1 is about 600 risks", seed=12
        )

    def handle(self, *args, scales, requests, seed, **options):
        check_benchmark_arguments(scales, requests)
        results: dict[float, dict[str, Measurement]] = {}
        # The idle-timeout middleware writes the session once a minute: at scale 10 the
        # warm-up of a slow page takes longer than that, and the one request whose queries
        # are counted would carry that write (3 queries) when a faster page's does not.
        # Counted without it, so the counts compare like with like.
        with (
            benchmark_environment(),
            mock.patch.object(IdleTimeoutMiddleware, "WRITE_EVERY", 10**9),
        ):
            for scale in scales:
                results[scale] = self._run_scale(scale, requests, seed)
        for line in table(results, scales, requests):
            self.stdout.write(line)

    def _run_scale(self, scale: float, requests: int, seed: int) -> dict[str, Measurement]:
        with throwaway_database():
            started = time.perf_counter()
            made = generate_risk_registers(scale=scale, seed=seed)
            self.stderr.write(
                f"scale {scale:g}: {made.registers} registers, {made.risks} risks, "
                f"{made.actions} actions, {made.reviews} reviews "
                f"({time.perf_counter() - started:.0f} s)"
            )
            analyze()
            leader = (
                get_user_model()
                .objects.filter(groups__name=Role.PROGRAMME_LEADER.value)
                .order_by("pk")
                .first()
            )
            client = Client()
            client.force_login(leader)
            pages = {label: measure(client, url, requests) for label, url in _pages()}
            pages["risk_report(since, until)"] = _measure_report(requests)
            return pages
