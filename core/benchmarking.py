"""What the benchmark commands share (`benchmark_portfolio`, `benchmark_nabolagspotten`):
a throwaway database, measuring a page with the test client, comparing a list page with a
Django admin changelist of the same rows, and the printed tables.

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
import types
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, reset_queries
from django.template import Template
from django.template.base import PartialTemplate
from django.test import Client, override_settings
from django.test.utils import (
    CaptureQueriesContext,
    _TestState,
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


def add_benchmark_arguments(
    parser, *, scales: list[float], scale_help: str, requests: int | None = 30, seed: int = 1
) -> None:
    """The options every benchmark command takes: `--scales` (also `--scale`), `--requests`
    (timed requests per page; None for a command that times no pages) and `--seed`."""
    parser.add_argument(
        "--scales",
        "--scale",
        nargs="+",
        type=float,
        default=scales,
        help=f"{scale_help} (default: {' '.join(f'{scale:g}' for scale in scales)}).",
    )
    if requests is not None:
        parser.add_argument(
            "--requests",
            type=int,
            default=requests,
            help=f"Timed requests per page (default: {requests}).",
        )
    parser.add_argument("--seed", type=int, default=seed, help="The generator's seed.")


def check_benchmark_arguments(scales: list[float], *counts: int) -> None:
    """Positive scales, and at least one of each count (requests, sizes)."""
    if any(scale <= 0 for scale in scales) or any(count < 1 for count in counts):
        raise CommandError("Give positive scales and sizes and at least one request.")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _fresh_activity(client: Client) -> None:
    """Mark the client's session as active now, so the counted request does not also write
    the session: `core.middleware.IdleTimeoutMiddleware` writes the time of the last request
    at most once a minute (BEGIN, UPDATE django_session, COMMIT), and after slow warm-up
    requests (a big export at a large scale) the counted one could be the one that crossed
    the minute, which made its count 3 higher at one scale only. Anonymous clients keep no
    session."""
    from core.middleware import IdleTimeoutMiddleware

    if settings.SESSION_COOKIE_NAME not in client.cookies:
        return
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time())
    session.save()


def measure(client: Client, url: str, requests: int, headers: dict | None = None) -> Measurement:
    headers = headers or {}
    for _i in range(WARM_UP):
        client.get(url, headers=headers)
    _fresh_activity(client)
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


def measure_call(function, runs: int) -> Measurement:
    """A piece of work outside a request (e.g. a background task's build), timed like a
    page: one warm-up call, the query count of one call, then `runs` timed calls."""
    function()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        function()
    count = len(queries)
    times = []
    for _i in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return Measurement(
        median_ms=statistics.median(times), p95_ms=p95(times), queries=count, status=200
    )


def _count_queries(client: Client, url: str, headers: dict) -> tuple[int, int]:
    _fresh_activity(client)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return len(queries), response.status_code


def _timed(client: Client, url: str, headers: dict) -> float:
    start = time.perf_counter()
    client.get(url, headers=headers)
    return (time.perf_counter() - start) * 1000


@dataclass
class Comparison:
    """Our page against the Django admin's changelist of the same rows."""

    ours: Measurement
    admin: Measurement

    @property
    def ratio(self) -> float:
        return self.ours.median_ms / self.admin.median_ms


def compare(
    client: Client, ours: str, admin: str, requests: int, headers: dict | None = None
) -> Comparison:
    """Warm both pages up, count their queries, then time them interleaved (A, B, A, B …)
    so that whatever else the machine does weighs on both alike."""
    headers = headers or {}
    for _i in range(WARM_UP):
        client.get(ours, headers=headers)
        client.get(admin)
    ours_queries, ours_status = _count_queries(client, ours, headers)
    admin_queries, admin_status = _count_queries(client, admin, {})
    ours_times, admin_times = [], []
    for _i in range(requests):
        ours_times.append(_timed(client, ours, headers))
        admin_times.append(_timed(client, admin, {}))
    return Comparison(
        ours=Measurement(statistics.median(ours_times), p95(ours_times), ours_queries, ours_status),
        admin=Measurement(
            statistics.median(admin_times), p95(admin_times), admin_queries, admin_status
        ),
    )


def analyze() -> None:
    """Statistics for the planner, as a production database has them (autovacuum would
    have run): without them the plans for freshly generated tables are not production's."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


ADMIN_PREFIX = "benchmark-admin/"


@contextmanager
def with_admin_site(site):
    """The project's URLs plus `site` (a throwaway AdminSite of the benchmark) under
    /benchmark-admin/, for as long as the benchmark runs. The real URLs never mount it."""
    from django.urls import include, path

    urls = types.ModuleType("benchmark_urls")
    urls.urlpatterns = [path(ADMIN_PREFIX, site.urls), path("", include(settings.ROOT_URLCONF))]
    with override_settings(ROOT_URLCONF=urls):
        yield f"/{ADMIN_PREFIX}"


def comparison_table(results: dict, scales: list, requests: int) -> list[str]:
    """`results[scale][label]` is a Comparison; one row per list page, for each scale our
    median and p95, the admin's, the ratio of the medians, and both query counts."""
    labels = list(dict.fromkeys(label for by_page in results.values() for label in by_page))
    header = ["list page"]
    for scale in scales:
        header += [
            f"scale {scale:g} ours median ms",
            "admin median ms",
            "ours / admin",
            "ours p95",
            "admin p95",
            "queries ours / admin",
        ]
    rows = []
    for label in labels:
        row = [label]
        for scale in scales:
            c = results[scale].get(label)
            if c is None:
                row += ["–"] * 6
                continue
            status = (
                ""
                if c.ours.status == c.admin.status == 200
                else (f" (HTTP {c.ours.status}/{c.admin.status})")
            )
            row += [
                f"{c.ours.median_ms:.1f}",
                f"{c.admin.median_ms:.1f}",
                f"{c.ratio:.2f}",
                f"{c.ours.p95_ms:.1f}",
                f"{c.admin.p95_ms:.1f}",
                f"{c.ours.queries} / {c.admin.queries}{status}",
            ]
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    lines = [
        f"Against the Django admin: {requests} timed requests per page, interleaved with the "
        f"admin's, after {WARM_UP} warm-up requests each"
    ]
    lines += [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [line(row) for row in rows]
    worst = max((c.ratio for by_page in results.values() for c in by_page.values()), default=None)
    if worst is not None:
        lines.append(f"Highest ratio: {worst:.2f} (target: at most 1.00)")
    unequal = [
        label
        for label in labels
        if len({results[s][label].ours.queries for s in scales if results[s].get(label)}) > 1
    ]
    lines.append(
        "Our query counts equal at every scale: "
        + ("yes" if not unequal else "no (differ: " + ", ".join(unequal) + ")")
    )
    return lines


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
    # The test environment makes every template render record itself for the test client;
    # production does not, so neither does a benchmark.
    instrumented = Template._render, PartialTemplate._render
    Template._render = _TestState.saved_data.template_render
    PartialTemplate._render = _TestState.saved_data.partial_template_render
    previous_handler = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        Template._render, PartialTemplate._render = instrumented
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
