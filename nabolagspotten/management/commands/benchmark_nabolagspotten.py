"""Measure Nabolagspotten's busiest pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_nabolagspotten [--scales 0.1 1] [--applications 20000]
                                       [--requests 20] [--years 5] [--seed 1]

Scale 1 is 20,000 applications over five years (`--applications` changes that); scale 0.1
is a tenth of it. For each scale the command creates a throwaway database
(`omradesatsing_benchmark_<pid>`, made and dropped with Django's test-database machinery,
so a developer's own data is never touched), fills it with
`nabolagspotten.generate.generate_applications`, and measures with the test client: the
case handler's list (default filters, and a round + area filter with a search), a case
page, the public pages (front page, eligibility check, list of grants) and the staff's
overview pages. For each page it reports the server time over the timed requests (median
and 95th percentile, after a warm-up) and the number of queries, and says whether the
query counts were equal at every scale: no page's query count may grow with the data.
A page whose address does not exist (yet) is reported as «not built».
"""

import math
import os
import signal
import statistics
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
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

from nabolagspotten.generate import generate_applications
from nabolagspotten.models import Application, Round
from omradesatsing.roles import Role
from portfolio.models import Area

WARM_UP = 3
FULL_SIZE = 20_000
NOT_BUILT = "not built"


@dataclass
class Measurement:
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _address(name: str, args=(), query: str = "") -> str | None:
    try:
        return reverse(f"nabolagspotten:{name}", args=args) + query
    except NoReverseMatch:
        return None


def pages() -> list[tuple[str, str | None, bool]]:
    """(label, address or None when not built, as staff?) for every measured page."""
    newest = Round.objects.order_by("-opens_on", "-pk").first()
    lademoen = Area.objects.filter(slug="lademoen").first() or Area.objects.first()
    # A case of the same shape at every scale: paid, without messages, comments or appeals.
    paid = Application.objects.filter(
        status=Application.Status.PAID,
        messages__isnull=True,
        comments__isnull=True,
        appeals__isnull=True,
    ).order_by("pk")
    case = (
        paid.filter(round=newest).first()
        or paid.first()
        or Application.objects.exclude(status=Application.Status.DRAFT).order_by("pk").first()
    )
    filters = f"?round={newest.pk}&area={lademoen.pk}&q=sommerfest" if newest else ""
    return [
        ("cases", _address("cases"), True),
        ("cases, round + area + search «sommerfest»", _address("cases", query=filters), True),
        ("case (a paid one)", _address("case", [case.reference]) if case else None, True),
        ("public_home", _address("public_home"), False),
        ("eligibility", _address("eligibility"), False),
        ("grants", _address("grants"), False),
        ("staff_home", _address("staff_home"), True),
        ("rounds", _address("rounds"), True),
        ("round (newest)", _address("round", [newest.pk]) if newest else None, True),
        ("statistics", _address("statistics"), True),
        ("payments", _address("payments"), True),
    ]


def measure(client: Client, url: str, requests: int) -> Measurement:
    for _i in range(WARM_UP):
        client.get(url)
    reset_queries()  # a full log (e.g. from generating the data) would hide the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: later requests empty the log it reads from
    times = []
    for _i in range(requests):
        start = time.perf_counter()
        client.get(url)
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
    help = "Measure Nabolagspotten's pages (time and queries) at 2,000 and 20,000 applications."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scales",
            "--scale",
            nargs="+",
            type=float,
            default=[0.1, 1],
            help="Sizes; 1 is --applications applications (default: 0.1 1).",
        )
        parser.add_argument(
            "--applications",
            type=int,
            default=FULL_SIZE,
            help=f"Applications at scale 1, over --years years (default: {FULL_SIZE}).",
        )
        parser.add_argument("--years", type=int, default=5, help="Years of data (default: 5).")
        parser.add_argument(
            "--requests", type=int, default=20, help="Timed requests per page (default: 20)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The generator's seed.")

    def handle(self, *args, scales, applications, years, requests, seed, **options):
        if requests < 1 or applications < 1 or years < 1 or any(s <= 0 for s in scales):
            raise CommandError("Give positive scales and sizes and at least one request.")
        try:
            setup_test_environment(debug=False)  # as in production: no query log
            own_environment = True
        except RuntimeError:  # already set up, e.g. when run from a test
            own_environment = False
        results: dict[float, dict[str, Measurement | None]] = {}
        previous_handler = signal.signal(signal.SIGTERM, _stop)  # so the database is dropped
        try:
            for scale in scales:
                size = max(1, round(applications * scale))
                results[scale] = self._run_scale(scale, size, years, requests, seed)
        finally:
            signal.signal(signal.SIGTERM, previous_handler)
            if own_environment:
                teardown_test_environment()
        self._print(results, scales, requests)

    def _run_scale(self, scale, size, years, requests, seed) -> dict[str, Measurement | None]:
        test_settings = connection.settings_dict.setdefault("TEST", {})
        saved_name = test_settings.get("NAME")
        test_settings["NAME"] = f"omradesatsing_benchmark_{os.getpid()}"
        old_config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        try:
            User = get_user_model()
            handler = User.objects.create(email="saksbehandler@benchmark.example")
            handler.groups.set([Group.objects.get(name=Role.CASE_HANDLER.value)])
            leader = User.objects.create(email="programleder@benchmark.example")
            leader.groups.set([Group.objects.get(name=Role.PROGRAMME_LEADER.value)])
            started = time.perf_counter()
            made = generate_applications(
                years=years, applications=size, seed=seed, handler=handler, leader=leader
            )
            self.stderr.write(
                f"scale {scale:g}: {made.applications} applications in {made.rounds} rounds, "
                f"{made.decisions} decisions, {made.payments} payments, "
                f"{made.final_reports} final reports, {made.events} timeline events "
                f"({time.perf_counter() - started:.0f} s)"
            )
            staff, public = Client(), Client()
            staff.force_login(handler)
            return {
                label: (measure(staff if as_staff else public, url, requests) if url else None)
                for label, url, as_staff in pages()
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
                    row += [NOT_BUILT, "–", "–"]
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
            if len({results[s][label].queries for s in scales if results[s].get(label)}) > 1
        ]
        if unequal:
            self.stdout.write(
                "Query counts equal at every scale: no (differ: " + ", ".join(unequal) + ")"
            )
        else:
            self.stdout.write("Query counts equal at every scale: yes")
