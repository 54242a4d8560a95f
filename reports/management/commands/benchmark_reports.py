"""Measure building the annual report (a benchmark, not a test).

    manage.py benchmark_reports [--scales 1 10] [--year 2026] [--seed 1]

For each scale, a throwaway database (core.benchmarking) with the portfolio, Nabolagspotten
and risk benchmarks' data together: `generate_portfolio(scale=…)`,
`generate_applications(applications=2 000 × scale)`, `generate_risks` and, for each
project, a benefit with an indicator measured against its 2022 and 2025 baselines. Then the
annual report is ordered and built by the task (in this process), and the command prints,
per section, the wall time and the number of queries (which must be equal at every scale),
the time of the files (the PDF and the workbook), the total, then the time of the public PDF
(made when the report is published, by the publish step's own task), the PDFs' pages and
size, and the peak memory of the process that built them. The target: scale 10 in at most
60 s on two cores.
"""

import datetime
import io
import random
import resource
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from core.benchmarking import (
    add_benchmark_arguments,
    analyze,
    benchmark_environment,
    check_benchmark_arguments,
    throwaway_database,
)
from nabolagspotten.demo import generate_applications
from portfolio.generate import generate_portfolio
from portfolio.models import Goal, Project
from reports import outputs, sections, services
from reports.models import Report
from reports.tasks import build_report
from risk.generate import generate_risks


def _benefits(leader, seed: int) -> int:
    """A benefit per project, each with an indicator: two baselines, a target, four
    approved measurements."""
    rng = random.Random(seed)
    goals = list(Goal.objects.all())
    made = 0
    for project in Project.objects.select_related("owner_unit").iterator():
        benefit = Benefit.objects.create(
            title=f"Gevinst av {project.title}"[:200],
            description="Målt endring i nabolaget.",
            dfo_class=Benefit.DfoClass.QUALITY,
            goal=rng.choice(goals),
            owner_unit=project.owner_unit,
            created_by=leader,
            status=rng.choice(Benefit.Status.values),
        )
        indicator = Indicator.objects.create(
            benefit=benefit, name="Andel som trives", unit="prosent", direction="opp"
        )
        Baseline.objects.bulk_create(
            [
                Baseline(
                    indicator=indicator,
                    measured_on=datetime.date(year, 6, 1),
                    value=v,
                    source="Stedsanalyse",
                )
                for year, v in ((2022, 40), (2025, 44))
            ]
        )
        Target.objects.create(
            indicator=indicator, target_date=datetime.date(2028, 12, 31), value=60
        )
        Measurement.objects.bulk_create(
            [
                Measurement(
                    indicator=indicator,
                    period_end=datetime.date(2026, month, 28),
                    value=44 + rng.randint(0, 10),
                    state="godkjent",
                    recorded_by=leader,
                )
                for month in (3, 6, 9, 12)
            ]
        )
        made += 1
    return made


class Command(BaseCommand):
    help = "Measure building the annual report at several scales (a throwaway database)."

    def add_arguments(self, parser):
        add_benchmark_arguments(
            parser,
            scales=[1, 10],
            scale_help="Sizes; 1 is scale 1 of the portfolio, benefits, risk and grant benchmarks",
            requests=None,
        )
        parser.add_argument("--year", type=int, default=2026, help="The report's year.")

    def handle(self, *args, scales, year, seed, **options):
        check_benchmark_arguments(scales)
        results = {}
        with benchmark_environment():
            for scale in scales:
                results[scale] = self._run_scale(scale, year, seed)
                self.stderr.write(f"scale {scale:g}: {results[scale]}")  # as soon as it is known
        keys = [s.key for s in sections.ANNUAL]
        head = "| step | " + " | ".join(f"scale {s:g} s | queries" for s in scales) + " |"
        self.stdout.write(head)
        self.stdout.write("|" + "---|" * (1 + 2 * len(scales)))
        for key in [*keys, "files", "total", "public_pdf"]:
            cells = []
            for scale in scales:
                seconds, queries = results[scale]["steps"].get(key, (0, None))
                cells.append(f"{seconds:.2f} | {'' if queries is None else queries}")
            self.stdout.write(f"| {key} | " + " | ".join(cells) + " |")
        for scale in scales:
            r = results[scale]
            self.stdout.write(
                f"scale {scale:g}: PDF {r['pages']} pages, {r['size'] / 1024:.0f} KiB; public PDF "
                f"{r['public_pages']} pages; workbook {r['sheets']} sheets; peak memory "
                f"{r['peak_mib']:.0f} MiB"
            )
        same = all(len({results[s]["steps"][k][1] for s in scales}) == 1 for k in keys)
        self.stdout.write("Queries per section equal at every scale: " + ("yes" if same else "NO"))

    def _run_scale(self, scale, year, seed):
        with throwaway_database():
            started = time.perf_counter()
            made = generate_portfolio(scale=scale, seed=seed)
            User = get_user_model()
            leader = User.objects.filter(groups__name=Role.PROGRAMME_LEADER.value).first()
            handler = User.objects.create(email="saksbehandler@benchmark.example")
            handler.groups.set([Group.objects.get(name=Role.CASE_HANDLER.value)])
            grants = generate_applications(
                years=2, applications=int(2_000 * scale), seed=seed, handler=handler, leader=leader
            )
            board = User.objects.create(email="styret@benchmark.example")
            board.groups.set([Group.objects.get(name=Role.BOARD.value)])
            owners = list(User.objects.exclude(pk__in=[handler.pk, board.pk])[:10])
            risks = 0
            for round_ in range(max(1, int(scale))):
                risks += (
                    generate_risks(leader=leader, owners=owners, board=board, seed=seed + round_)
                    or 0
                )
            benefits = _benefits(leader, seed)
            self.stderr.write(
                f"scale {scale:g}: {made.projects} projects, {grants.applications} applications, "
                f"{benefits} benefits, risks generated "
                f"({time.perf_counter() - started:.0f} s)"
            )
            analyze()
            steps = {}
            wrapped = []
            for section in sections.ANNUAL:

                def timed(report, snapshot, build=section.build, key=section.key):
                    with CaptureQueriesContext(connection) as queries:
                        start = time.perf_counter()
                        data = build(report, snapshot)
                        steps[key] = (time.perf_counter() - start, len(queries))
                    return data

                wrapped.append(sections.Section(section.key, section.title, timed))
            original_write = outputs.write_outputs

            def write_timed(report):
                start = time.perf_counter()
                original_write(report)
                steps["files"] = (time.perf_counter() - start, None)

            saved = sections.ANNUAL[:]
            sections.ANNUAL[:] = wrapped
            outputs.write_outputs = write_timed
            try:
                report = Report.objects.create(
                    kind=Report.Kind.ANNUAL,
                    year=year,
                    number=1,
                    since=datetime.date(year, 1, 1),
                    until=datetime.date(year, 12, 31),
                    ordered_by=leader,
                )
                start = time.perf_counter()
                build_report.apply(args=[report.pk])
                steps["total"] = (time.perf_counter() - start, None)
            finally:
                sections.ANNUAL[:] = saved
                outputs.write_outputs = original_write
            report.refresh_from_db()
            if report.status != Report.Status.DONE:
                raise CommandError(f"The build failed: {report.failure_reason}")
            # Publishing: the publish step's task makes the public PDF (timed on its own).
            Report.objects.filter(pk=report.pk).update(published_at=timezone.now())
            start = time.perf_counter()
            report = services.report_public_pdf(report_id=report.pk)
            steps["public_pdf"] = (time.perf_counter() - start, None)
            pdf = report.pdf.read()
            public = PdfReader(io.BytesIO(report.public_pdf.read()))
            from openpyxl import load_workbook

            sheets = len(load_workbook(report.xlsx.path, read_only=True).sheetnames)
            services.reports_fail_stale()
            return {
                "steps": steps,
                "pages": len(PdfReader(io.BytesIO(pdf)).pages),
                "size": len(pdf),
                "public_pages": len(public.pages),
                "sheets": sheets,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
