"""Measure Nabolagspotten's busiest pages at realistic sizes (a benchmark, not a test).

    manage.py benchmark_nabolagspotten [--scales 0.1 1] [--applications 20000]
                                       [--requests 20] [--years 5] [--seed 1]

Scale 1 is 20,000 applications over five years (`--applications` changes that); scale 0.1
is a tenth of it. For each scale the command creates a throwaway database
(`omradesatsing_benchmark_<pid>`, made and dropped with Django's test-database machinery,
so a developer's own data is never touched), fills it with
`nabolagspotten.demo.generate_applications`, and measures with the test client: the
case handler's list (default filters, and a round + area filter with a search), a case
page, the public pages (front page, eligibility check, list of grants) and the staff's
overview pages, the stored decision letter's download and the payments export (in the
request up to core.exports.BACKGROUND_ROWS payments; above that the request only queues
the task, so the task's build is timed as well, «built by the task»). It runs
`ANALYZE` after generating, so the planner has the statistics production would. For each
page it reports the server time over the timed requests (median and 95th percentile, after
a warm-up) and the number of queries, and says whether the query counts were equal at
every scale: no page's query count may grow with the data. A page whose address does not
exist (yet) is reported as «not built».

A second table compares the case list and the payments list with a Django admin
changelist of the same rows, order, page size, visible columns and filters (a throwaway
`AdminSite` defined here, never mounted in the real URLs), requested interleaved with
ours: the target is a ratio of at most 1.0.
"""

import tempfile
import time
import uuid

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db.models import F
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

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
    measure_call,
    table,
    throwaway_database,
    with_admin_site,
)
from core.pdf import PdfUnavailable
from nabolagspotten.demo import generate_applications
from nabolagspotten.models import Application, Decision, Payment, Round
from nabolagspotten.services.cases import case_list
from nabolagspotten.services.exports import payments_export_build
from nabolagspotten.services.letters import letter_pdf_render
from nabolagspotten.views.cases import PAGE_SIZE as CASES_PAGE_SIZE
from nabolagspotten.views.followup import PAGE_SIZE as PAYMENTS_PAGE_SIZE
from portfolio.models import Area

FULL_SIZE = 20_000
NOT_BUILT = "not built"


class BenchmarkApplicationAdmin(admin.ModelAdmin):
    """The handler's list as the Django admin would show it: the same rows (drafts left
    out, the report due date annotated), order, columns, filters and page size."""

    list_display = [
        "reference",
        "title",
        "applicant_name",
        "status",
        "area",
        "amount_requested",
        "submitted_at",
    ]
    list_filter = ["round", "area", "status"]
    list_select_related = ["round", "area"]
    list_per_page = CASES_PAGE_SIZE
    ordering = [F("submitted_at").desc(nulls_last=True), "-pk"]

    def get_queryset(self, request):
        return case_list()


class BenchmarkPaymentAdmin(admin.ModelAdmin):
    """The payments list as the admin would show it."""

    list_display = ["paid_on", "amount", "reference", "case", "recipient", "area", "round"]
    list_filter = ["application__round", "application__area"]
    list_select_related = ["application__round", "application__area"]
    list_per_page = PAYMENTS_PAGE_SIZE
    ordering = ["-paid_on", "-pk"]

    @admin.display
    def case(self, obj):
        return obj.application.reference

    @admin.display
    def recipient(self, obj):
        return obj.application.applicant_name

    @admin.display
    def area(self, obj):
        return obj.application.area

    @admin.display
    def round(self, obj):
        return obj.application.round


def admin_site() -> admin.AdminSite:
    site = admin.AdminSite(name="benchmark_admin")
    site.register(Application, BenchmarkApplicationAdmin)
    site.register(Payment, BenchmarkPaymentAdmin)
    return site


def list_pages(admin_root: str) -> list[tuple[str, str, str]]:
    """(label, our address, the admin's address) for each list page."""
    return [
        ("case list", reverse("nabolagspotten:cases"), f"{admin_root}nabolagspotten/application/"),
        (
            "payments list",
            reverse("nabolagspotten:payments"),
            f"{admin_root}nabolagspotten/payment/",
        ),
    ]


def _stored_letter() -> str | None:
    """The address of a current decision's letter, rendered and stored here as the task
    would have; None on a machine without WeasyPrint's libraries."""
    decision = (
        Decision.objects.filter(superseded_at__isnull=True, letter_sent_at__isnull=False)
        .select_related("application")
        .order_by("pk")
        .first()
    )
    if decision is None:
        return None
    try:
        letter_pdf_render(decision_id=decision.pk)
    except PdfUnavailable:
        return None
    return _address("case_letter", [decision.application.reference])


def _address(name: str, args=(), query: str = "") -> str | None:
    try:
        return reverse(f"nabolagspotten:{name}", args=args) + query
    except NoReverseMatch:
        return None


def _build_export(user, fmt: str) -> None:
    """What the background task does for a large export: all payments, built and stored."""
    payments_export_build(
        export_id=uuid.uuid4().hex,
        user_id=user.pk,
        fmt=fmt,
        filename="utbetalinger",
        language="nb",
        query="",
    )


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
        ("payments export xlsx", _address("payments_export", ["xlsx"]), True),
        ("payments export csv", _address("payments_export", ["csv"]), True),
        ("decision letter PDF (stored)", _stored_letter(), True),
    ]


class Command(BaseCommand):
    help = "Measure Nabolagspotten's pages (time and queries) at 2,000 and 20,000 applications."

    def add_arguments(self, parser):
        add_benchmark_arguments(
            parser,
            scales=[0.1, 1],
            scale_help="Sizes; 1 is --applications applications",
            requests=20,
        )
        parser.add_argument(
            "--applications",
            type=int,
            default=FULL_SIZE,
            help=f"Applications at scale 1, over --years years (default: {FULL_SIZE}).",
        )
        parser.add_argument("--years", type=int, default=5, help="Years of data (default: 5).")

    def handle(self, *args, scales, applications, years, requests, seed, **options):
        check_benchmark_arguments(scales, requests, applications, years)
        results: dict[float, dict[str, Measurement | None]] = {}
        versus_admin: dict[float, dict] = {}
        # The stored letters and exports go to a folder of the benchmark's own.
        with (
            benchmark_environment(),
            tempfile.TemporaryDirectory() as media,
            override_settings(MEDIA_ROOT=media),
        ):
            for scale in scales:
                size = max(1, round(applications * scale))
                results[scale], versus_admin[scale] = self._run_scale(
                    scale, size, years, requests, seed
                )
        for line in table(results, scales, requests, missing=NOT_BUILT):
            self.stdout.write(line)
        self.stdout.write("")
        for line in comparison_table(versus_admin, scales, requests):
            self.stdout.write(line)

    def _run_scale(self, scale, size, years, requests, seed):
        with throwaway_database():
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
            analyze()
            handler.is_staff = handler.is_superuser = True  # for the admin's changelists
            handler.save()
            staff, public = Client(), Client()
            staff.force_login(handler)
            measured = {
                label: (measure(staff if as_staff else public, url, requests) if url else None)
                for label, url, as_staff in pages()
            }
            for fmt in ("xlsx", "csv"):
                measured[f"payments export {fmt}, built by the task"] = measure_call(
                    lambda fmt=fmt: _build_export(handler, fmt), min(requests, 5)
                )
            with with_admin_site(admin_site()) as admin_root:
                versus_admin = {
                    label: compare(staff, ours, theirs, requests)
                    for label, ours, theirs in list_pages(admin_root)
                }
            return measured, versus_admin
