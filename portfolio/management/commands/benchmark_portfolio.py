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

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from core.benchmarking import (
    Measurement,
    benchmark_environment,
    measure,
    table,
    throwaway_database,
)
from portfolio.generate import generate_portfolio
from portfolio.models import Area, Goal, Project


def _pages() -> list[tuple[str, str, dict]]:
    """(label, address, headers) for every portfolio page measured."""
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
    if project is not None:
        pages.append(("project", project.get_absolute_url(), {}))
    lessons = reverse("portfolio:lessons")
    pages += [
        ("plans", reverse("portfolio:plans"), {}),
        ("plan 2027", reverse("portfolio:plan", args=[2027]), {}),
        ("lessons", lessons, {}),
        ("lessons, search «møteplass»", lessons + "?q=m%C3%B8teplass", {}),
        ("lessons so far", reverse("portfolio:lessons_so_far"), {}),
    ]
    return pages


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
        results: dict[float, dict[str, Measurement]] = {}
        with benchmark_environment():
            for scale in scales:
                results[scale] = self._run_scale(scale, requests, seed)
        for line in table(results, scales, requests):
            self.stdout.write(line)

    def _run_scale(self, scale: float, requests: int, seed: int) -> dict[str, Measurement]:
        with throwaway_database():
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
                label: measure(client, url, requests, headers) for label, url, headers in _pages()
            }
