"""What the benchmark commands share (`benchmark_portfolio`, `benchmark_nabolagspotten`):
a throwaway database, measuring a page with the test client, and the printed table.

A benchmark is not a test: it prints figures for the issue notes. Each page is requested a
few times to warm up, then its query count is taken once and its server time over N
requests (median and 95th percentile). The table ends by saying whether every page made the
same number of queries at every scale: no page's query count may grow with the data.
"""

import math
import os
import signal
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

WARM_UP = 3


@dataclass
class Measurement:
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure(client: Client, url: str, requests: int, headers: dict | None = None) -> Measurement:
    headers = headers or {}
    for _i in range(WARM_UP):
        client.get(url, headers=headers)
    reset_queries()  # a full log (e.g. from generating the data) would hide the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    count = len(queries)  # now: later requests empty the log it reads from
    times = []
    for _i in range(requests):
        start = time.perf_counter()
        client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    return Measurement(
        median_ms=statistics.median(times),
        p95_ms=p95(times),
        queries=count,
        status=response.status_code,
    )


def _stop(signum, frame):
    raise SystemExit(f"Stopped by signal {signum}.")


@contextmanager
def benchmark_environment():
    """The test environment without a query log (as in production), and SIGTERM turned
    into an exit that still drops the throwaway database."""
    try:
        setup_test_environment(debug=False)
        own_environment = True
    except RuntimeError:  # already set up, e.g. when run from a test
        own_environment = False
    previous_handler = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        if own_environment:
            teardown_test_environment()


@contextmanager
def throwaway_database():
    """A fresh, migrated database (`omradesatsing_benchmark_<pid>`) made and dropped with
    Django's test-database machinery, so a developer's own data is never touched."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_name = test_settings.get("NAME")
    test_settings["NAME"] = f"omradesatsing_benchmark_{os.getpid()}"
    old_config = setup_databases(
        verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
    )
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=0)
        test_settings["NAME"] = saved_name


def table(results: dict, scales: list, requests: int, missing: str = "–") -> list[str]:
    """The printed table: `results[scale][label]` is a Measurement, or None for a page that
    could not be measured (shown as `missing`)."""
    labels = list(dict.fromkeys(label for by_page in results.values() for label in by_page))
    header = ["page"]
    for scale in scales:
        header += [f"scale {scale:g} median ms", "p95 ms", "queries"]
    rows = []
    for label in labels:
        row = [label]
        for scale in scales:
            measured = results[scale].get(label)
            if measured is None:
                row += [missing, "–", "–"]
                continue
            status = "" if measured.status == 200 else f" (HTTP {measured.status})"
            row += [
                f"{measured.median_ms:.1f}",
                f"{measured.p95_ms:.1f}",
                f"{measured.queries}{status}",
            ]
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    lines = [f"{requests} timed requests per page after {WARM_UP} warm-up requests"]
    lines += [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [line(row) for row in rows]
    unequal = [
        label
        for label in labels
        if len({results[s][label].queries for s in scales if results[s].get(label)}) > 1
    ]
    if unequal:
        lines.append("Query counts equal at every scale: no (differ: " + ", ".join(unequal) + ")")
    else:
        lines.append("Query counts equal at every scale: yes")
    return lines
