"""Measure the portfolio's pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_portfolio [--scales 1 10] [--requests 30] [--seed 1]

For each scale it creates a throwaway database (`omradesatsing_benchmark_<pid>`, made and
dropped with Django's test-database machinery, so a developer's own data is never touched),
generates a portfolio with `portfolio.generate.generate_portfolio(scale=...)`, logs in a
programme leader, and measures every portfolio page: server time over the requests
(median and 95th percentile, after a warm-up) and the number of queries. It prints one table
and says whether the query counts were equal at every scale: a page's query count must not
grow with the portfolio.
"""

import math
import os
import signal
import statistics
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)
from django.urls import NoReverseMatch, reverse

from omradesatsing.roles import Role
from portfolio.generate import generate_portfolio
from portfolio.models import Area, Goal, Project

WARM_UP = 3


@dataclass
class Measurement:
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _pages() -> list[tuple[str, str, dict]]:
    """(label, address, headers) for every portfolio page that exists at run time."""
    lademoen = Area.objects.order_by("name").first()
    goal = Goal.objects.order_by("number").first()
    overview = reverse("portfolio:overview")
    filters = f"?status=i_portefoljen&area={lademoen.pk}&goal={goal.pk}&source=kdd&sort=-planned"
    pages = [
        ("overview", overview, {}),
        ("overview, filtered", overview + filters, {}),
        ("overview, htmx fragment", overview + filters, {"HX-Request": "true"}),
        ("export xlsx", reverse("portfolio:overview_xlsx"), {}),
        ("export csv", reverse("portfolio:overview_csv"), {}),
        ("structure", reverse("portfolio:structure"), {}),
    ]
    project = Project.objects.filter(status=Project.Status.IN_PORTFOLIO).order_by("pk").first()
    optional = [
        ("project", "portfolio:project", [project.pk] if project else None, ""),
        ("plans", "portfolio:plans", [], ""),
        ("plan 2027", "portfolio:plan", [2027], ""),
        ("lessons", "portfolio:lessons", [], ""),
        ("lessons, search «møteplass»", "portfolio:lessons", [], "?q=m%C3%B8teplass"),
        ("lessons so far", "portfolio:lessons_so_far", [], ""),
    ]
    for label, name, args, query in optional:
        if args is None:
            continue
        try:
            pages.append((label, reverse(name, args=args) + query, {}))
        except NoReverseMatch:
            continue  # not built yet
    return pages


def _measure(client: Client, url: str, headers: dict, requests: int) -> Measurement:
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
        p95_ms=_p95(times),
        queries=count,
        status=response.status_code,
    )


def _stop(signum, frame):
    raise SystemExit(f"Stopped by signal {signum}.")


class Command(BaseCommand):
    help = "Measure the portfolio's pages (time and queries) at several sizes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scales",
            nargs="+",
            type=float,
            default=[1, 10],
            help="Portfolio sizes; 1 is about 150 projects (default: 1 10).",
        )
        parser.add_argument(
            "--requests", type=int, default=30, help="Timed requests per page (default: 30)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The generator's seed.")

    def handle(self, *args, scales, requests, seed, **options):
        if requests < 1 or any(scale <= 0 for scale in scales):
            raise CommandError("Give positive scales and at least one request.")
        try:
            setup_test_environment(debug=False)  # as in production: no query log
            own_environment = True
        except RuntimeError:  # already set up, e.g. when run from a test
            own_environment = False
        results: dict[float, dict[str, Measurement]] = {}
        previous_handler = signal.signal(signal.SIGTERM, _stop)  # so the database is dropped
        try:
            for scale in scales:
                results[scale] = self._run_scale(scale, requests, seed)
        finally:
            signal.signal(signal.SIGTERM, previous_handler)
            if own_environment:
                teardown_test_environment()
        self._print(results, scales, requests)

    def _run_scale(self, scale: float, requests: int, seed: int) -> dict[str, Measurement]:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        saved_name = test_settings.get("NAME")
        test_settings["NAME"] = f"omradesatsing_benchmark_{os.getpid()}"
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            started = time.perf_counter()
            made = generate_portfolio(scale=scale, seed=seed)
            self.stderr.write(
                f"scale {scale:g}: {made.projects} projects, {made.status_reports} status "
                f"reports, {made.lessons} lessons, {made.budget_lines} budget lines "
                f"({time.perf_counter() - started:.0f} s)"
            )
            leader = (
                get_user_model()
                .objects.filter(groups__name=Role.PROGRAMME_LEADER.value)
                .order_by("pk")
                .first()
            )
            client = Client()
            client.force_login(leader)
            return {
                label: _measure(client, url, headers, requests) for label, url, headers in _pages()
            }
        finally:
            teardown_databases(old_config, verbosity=0)
            test_settings["NAME"] = saved_name

    def _print(self, results, scales, requests) -> None:
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
                    row += ["–", "–", "–"]
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
            return (
                "| "
                + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))
                + " |"
            )

        self.stdout.write(f"{requests} timed requests per page after {WARM_UP} warm-up requests")
        self.stdout.write(line(header))
        self.stdout.write("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in rows:
            self.stdout.write(line(row))
        unequal = [
            label
            for label in labels
            if len({results[s][label].queries for s in scales if label in results[s]}) > 1
        ]
        if unequal:
            self.stdout.write(
                "Query counts equal at every scale: no (differ: " + ", ".join(unequal) + ")"
            )
        else:
            self.stdout.write("Query counts equal at every scale: yes")
