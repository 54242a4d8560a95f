"""Measure the benefits register's pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_benefits [--scales 1 10] [--benefits 300] [--years 5]
                                 [--requests 20] [--seed 1]

Scale 1 is the portfolio benchmark's scale 1 (about 150 projects) with 300 benefits
(`--benefits`), three indicators each (900) and five years of quarterly measurements
(about 18,000); scale 10 is ten times all of it. For each scale the command creates a
throwaway database (`omradesatsing_benchmark_<pid>`, made and dropped with Django's
test-database machinery, so a developer's own data is never touched), fills it with
`portfolio.generate.generate_portfolio` and `benefits.generate.generate_benefits`, runs
`ANALYZE`, and measures with the test client, as the programme leader: the register (all,
and filtered by area and goal), a benefit page (three indicators, each with its chart and
table), the register and the measurements as XLSX and CSV, a project page with its benefits
section and a change leader's home page with the register's panels. It reports the server
time over the timed requests (median and 95th percentile, after a warm-up) and the number
of queries, and says whether the query counts were equal at every scale. A page whose
address does not exist is reported as «not built».
"""

import csv
import datetime
import io
import time
import uuid

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db.models import Prefetch
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.roles import Role
from benefits.charts import trend_chart
from benefits.generate import generate_benefits
from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from benefits.report import benefits_report
from benefits.services import imports
from benefits.services.exports import measurements_export_build
from core.benchmarking import (
    Measurement as Timing,
)
from core.benchmarking import (
    add_benchmark_arguments,
    analyze,
    benchmark_environment,
    check_benchmark_arguments,
    measure,
    measure_call,
    table,
    throwaway_database,
)
from portfolio.generate import generate_portfolio
from portfolio.models import Area, Goal

BENEFITS = 300
INDICATORS_PER_BENEFIT = 3
NOT_BUILT = "not built"
IMPORT_INDICATORS = 50
IMPORT_PERIODS = 100  # 50 × 100 = 5,000 rows


def _address(name: str, args=(), query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def _build_measurements(user, fmt: str) -> None:
    """What the background task does for a large measurements export: built and stored."""
    measurements_export_build(
        export_id=uuid.uuid4().hex,
        user_id=user.pk,
        fmt=fmt,
        filename="gevinster-malinger",
        language="nb",
        query="",
    )


def import_file() -> bytes:
    """A 5,000-row CSV file for the dry run: 50 numeric indicators (the first by id), 100
    month-ends each, all before the generated data (so the rows are valid, as a real
    import's mostly are)."""
    indicators = list(
        Indicator.objects.filter(unit__in=["antall", "prosent"])
        .order_by("pk")
        .values_list("pk", "name")[:IMPORT_INDICATORS]
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(imports.COLUMNS)
    for pk, name in indicators:
        period_end = datetime.date(2000, 1, 1)
        for _month in range(IMPORT_PERIODS):
            period_end = period_end.replace(day=1) - datetime.timedelta(days=1)
            writer.writerow([pk, name, period_end.isoformat(), "10", "", ""])
    return out.getvalue().encode("utf-8")


def _dry_run(client: Client, content: bytes) -> int:
    response = client.post(
        reverse("benefits:import"),
        {"file": SimpleUploadedFile("malinger.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 200, response.status_code
    return response.status_code


def _indicator_chart(indicator_id: int) -> None:
    """One indicator read with its baselines, targets and measurements, and its chart drawn
    (what the benefit page does for each of its indicators)."""
    indicator = Indicator.objects.prefetch_related(
        Prefetch("baselines", queryset=Baseline.objects.order_by("measured_on")),
        Prefetch("targets", queryset=Target.objects.order_by("target_date")),
        Prefetch("measurements", queryset=Measurement.objects.order_by("period_end")),
    ).get(pk=indicator_id)
    trend_chart(indicator)


def pages() -> list[tuple[str, str | None, str]]:
    """(label, address or None when not built, who asks: "leader" or "owner")."""
    area = Area.objects.order_by("name").first()
    goal = Goal.objects.order_by("number").first()
    # A benefit of the same shape at every scale: the first one, three indicators.
    benefit = Benefit.objects.order_by("pk").first()
    project = (
        benefit.contributions.select_related("project").order_by("pk").first().project
        if benefit
        else None
    )
    filters = f"?area={area.pk}&goal={goal.pk}" if area and goal else ""
    return [
        ("register", _address("benefits:register"), "leader"),
        ("register, area + goal", _address("benefits:register", query=filters), "leader"),
        ("register, page 2", _address("benefits:register", query="?page=2"), "leader"),
        (
            "benefit page (3 indicators with chart and table)",
            benefit.get_absolute_url() if benefit else None,
            "leader",
        ),
        ("register export xlsx", _address("benefits:register_export", ["xlsx"]), "leader"),
        ("register export csv", _address("benefits:register_export", ["csv"]), "leader"),
        (
            "measurements export xlsx",
            _address("benefits:measurements_export", ["xlsx"]),
            "leader",
        ),
        ("measurements export csv", _address("benefits:measurements_export", ["csv"]), "leader"),
        (
            "project page with its benefits",
            project.get_absolute_url() if project else None,
            "leader",
        ),
        ("home page of a change leader", _address("home"), "owner"),
        ("benefits map", _address("benefits:map"), "leader"),
        ("benefits map, area", _address("benefits:map", query=f"?area={area.pk}"), "leader"),
        ("benefits map, goal", _address("benefits:map", query=f"?goal={goal.pk}"), "leader"),
    ]


class Command(BaseCommand):
    help = "Measure the benefits register's pages (time and queries) at several sizes."

    def add_arguments(self, parser):
        add_benchmark_arguments(
            parser,
            scales=[1, 10],
            scale_help="Sizes; 1 is the portfolio's scale 1 and --benefits benefits",
            requests=20,
        )
        parser.add_argument(
            "--benefits",
            type=int,
            default=BENEFITS,
            help=f"Benefits at scale 1 (default: {BENEFITS}).",
        )
        parser.add_argument(
            "--years", type=int, default=5, help="Years of quarterly measurements (default: 5)."
        )

    def handle(self, *args, scales, benefits, years, requests, seed, **options):
        check_benchmark_arguments(scales, requests, benefits, years)
        results: dict[float, dict[str, Timing | None]] = {}
        with benchmark_environment():
            for scale in scales:
                size = max(1, round(benefits * scale))
                results[scale] = self._run_scale(scale, size, years, requests, seed)
                # What is measured so far, in case a long run is stopped at a larger scale.
                done = list(results)
                for line in table(results, done, requests, missing=NOT_BUILT):
                    self.stderr.write(line)
        for line in table(results, scales, requests, missing=NOT_BUILT):
            self.stdout.write(line)

    def _run_scale(self, scale, size, years, requests, seed):
        with throwaway_database():
            started = time.perf_counter()
            portfolio = generate_portfolio(scale=scale, seed=seed)
            users = get_user_model().objects.filter(is_active=True)
            owners = [
                u
                for u in users.filter(
                    groups__name__in=[Role.CHANGE_LEADER.value, Role.PROJECT_LEADER.value]
                )
                .select_related("unit")
                .distinct()
                .order_by("pk")
            ]
            leader = users.filter(groups__name=Role.PROGRAMME_LEADER.value).order_by("pk").first()
            made = generate_benefits(
                owners=owners,
                leader=leader,
                benefits=size,
                years=years,
                seed=seed,
                indicators_per_benefit=INDICATORS_PER_BENEFIT,
                frequency="kvartal",
            )
            self.stderr.write(
                f"scale {scale:g}: {portfolio.projects} projects, {made.benefits} benefits, "
                f"{made.indicators} indicators, {made.measurements} measurements "
                f"({time.perf_counter() - started:.0f} s)"
            )
            analyze()
            owner = next(u for u in owners if u.is_change_leader)
            as_leader, as_owner = Client(), Client()
            as_leader.force_login(leader)
            as_owner.force_login(owner)
            clients = {"leader": as_leader, "owner": as_owner}
            measured = {
                label: (measure(clients[who], url, requests) if url else None)
                for label, url, who in pages()
            }
            for fmt in ("xlsx", "csv"):  # what the task does above BACKGROUND_ROWS rows
                measured[f"measurements export {fmt}, built by the task"] = measure_call(
                    lambda fmt=fmt: _build_measurements(leader, fmt), min(requests, 5)
                )
            content = import_file()
            measured["import dry run (5,000-row CSV file)"] = measure_call(
                lambda: _dry_run(as_leader, content), min(requests, 5)
            )
            first = Indicator.objects.filter(benefit=Benefit.objects.order_by("pk").first())
            indicator_id = (
                first.exclude(unit="tekst").order_by("pk").values_list("pk", flat=True)[0]
            )
            measured["indicator with its chart"] = measure_call(
                lambda: _indicator_chart(indicator_id), requests
            )
            year = timezone.localdate().year
            measured[f"benefits_report({year})"] = measure_call(
                lambda: benefits_report(year), min(requests, 5)
            )
            return measured
