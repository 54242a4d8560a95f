"""Measure the portfolio's pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_portfolio [--scales 1 10] [--requests 30] [--seed 1]

For each scale it creates a throwaway database (`omradesatsing_benchmark_<pid>`, made and
dropped with Django's test-database machinery, so a developer's own data is never touched),
generates a portfolio with `portfolio.generate.generate_portfolio(scale=...)`, runs
`ANALYZE`, logs in a programme leader, and measures every portfolio page: server time over
the requests (median and 95th percentile, after a warm-up) and the number of queries. It
prints one table and says whether the query counts were equal at every scale: a page's
query count must not grow with the portfolio.

A second table compares each list page with a Django admin changelist of the same model,
page size, visible columns and filters (a throwaway `AdminSite` defined here, never mounted
in the real URLs), requested interleaved with ours: the target is a ratio of at most 1.0.
"""

import time

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from core.benchmarking import (
    Measurement,
    add_benchmark_arguments,
    analyze,
    benchmark_environment,
    check_benchmark_arguments,
    compare,
    comparison_table,
    measure,
    table,
    throwaway_database,
    with_admin_site,
)
from portfolio.generate import generate_portfolio
from portfolio.models import Area, Goal, Lesson, Project
from portfolio.services.lessons import search_lessons
from portfolio.services.overview import filter_projects
from portfolio.views.lessons import PAGE_SIZE as LESSONS_PAGE_SIZE
from portfolio.views.overview import PAGE_SIZE as OVERVIEW_PAGE_SIZE

COMMON_WORD = "møteplass"  # in about half of the generated lessons
RARE_WORD = "tolk"  # in about one in ten


class BenchmarkProjectAdmin(admin.ModelAdmin):
    """The overview's list as the Django admin would show it: the same columns (with the
    latest report and the year's money annotated the same way), filters and page size."""

    list_display = ["title", "status", "owner_unit", "latest_report", "planned", "spent"]
    list_filter = ["areas", "goals", "strategies", "focus_areas", "levels", "status", "owner_unit"]
    list_select_related = ["owner_unit"]
    list_per_page = OVERVIEW_PAGE_SIZE
    ordering = ["title", "pk"]

    def get_queryset(self, request):
        return filter_projects({})

    @admin.display(ordering="latest_report_date")
    def latest_report(self, obj):
        return obj.latest_report_date

    @admin.display(ordering="planned_total")
    def planned(self, obj):
        return obj.planned_total

    @admin.display
    def spent(self, obj):
        return obj.spent_total


class BenchmarkLessonAdmin(admin.ModelAdmin):
    """The lessons list as the admin would show it; its search is ours (the same ranked
    full-text search), so a search compares like with like."""

    list_display = ["title", "date", "unit", "area", "arena", "status"]
    list_filter = ["arena", "status", "unit", "area", "goal", "level"]
    list_select_related = ["unit", "area"]
    list_per_page = LESSONS_PAGE_SIZE
    search_fields = ["title"]
    ordering = ["-date", "-pk"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return search_lessons(queryset, search_term), False


def admin_site() -> admin.AdminSite:
    site = admin.AdminSite(name="benchmark_admin")
    site.register(Project, BenchmarkProjectAdmin)
    site.register(Lesson, BenchmarkLessonAdmin)
    return site


def _list_pages(admin_root: str) -> list[tuple[str, str, str]]:
    """(label, our address, the admin's address) for each list page."""
    overview = reverse("portfolio:overview")
    lessons = reverse("portfolio:lessons")
    projects = f"{admin_root}portfolio/project/"
    lesson_admin = f"{admin_root}portfolio/lesson/"
    return [
        ("portfolio overview", overview, projects),
        ("lessons list", lessons, lesson_admin),
        (
            f"lessons search, common «{COMMON_WORD}»",
            f"{lessons}?q={COMMON_WORD}",
            f"{lesson_admin}?q={COMMON_WORD}",
        ),
        (
            f"lessons search, rare «{RARE_WORD}»",
            f"{lessons}?q={RARE_WORD}",
            f"{lesson_admin}?q={RARE_WORD}",
        ),
    ]


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
        add_benchmark_arguments(
            parser, scales=[1, 10], scale_help="Portfolio sizes; 1 is about 150 projects"
        )

    def handle(self, *args, scales, requests, seed, **options):
        check_benchmark_arguments(scales, requests)
        results: dict[float, dict[str, Measurement]] = {}
        versus_admin: dict[float, dict] = {}
        with benchmark_environment():
            for scale in scales:
                results[scale], versus_admin[scale] = self._run_scale(scale, requests, seed)
        for line in table(results, scales, requests):
            self.stdout.write(line)
        self.stdout.write("")
        for line in comparison_table(versus_admin, scales, requests):
            self.stdout.write(line)

    def _run_scale(self, scale: float, requests: int, seed: int):
        with throwaway_database():
            started = time.perf_counter()
            made = generate_portfolio(scale=scale, seed=seed)
            self.stderr.write(
                f"scale {scale:g}: {made.projects} projects, {made.status_reports} status "
                f"reports, {made.lessons} lessons, {made.budget_lines} budget lines "
                f"({time.perf_counter() - started:.0f} s)"
            )
            analyze()
            leader = (
                get_user_model()
                .objects.filter(groups__name=Role.PROGRAMME_LEADER.value)
                .order_by("pk")
                .first()
            )
            leader.is_staff = leader.is_superuser = True  # for the admin's changelists
            leader.save()
            client = Client()
            client.force_login(leader)
            pages = {
                label: measure(client, url, requests, headers) for label, url, headers in _pages()
            }
            with with_admin_site(admin_site()) as admin_root:
                versus_admin = {
                    label: compare(client, ours, theirs, requests)
                    for label, ours, theirs in _list_pages(admin_root)
                }
            return pages, versus_admin
