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
overview pages. For each page it reports the server time over the timed requests (median
and 95th percentile, after a warm-up) and the number of queries, and says whether the
query counts were equal at every scale: no page's query count may grow with the data.
A page whose address does not exist (yet) is reported as «not built».
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from accounts.roles import Role
from core.benchmarking import (
    Measurement,
    benchmark_environment,
    measure,
    table,
    throwaway_database,
)
from nabolagspotten.demo import generate_applications
from nabolagspotten.models import Application, Round
from portfolio.models import Area

FULL_SIZE = 20_000
NOT_BUILT = "not built"


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
        results: dict[float, dict[str, Measurement | None]] = {}
        with benchmark_environment():
            for scale in scales:
                size = max(1, round(applications * scale))
                results[scale] = self._run_scale(scale, size, years, requests, seed)
        for line in table(results, scales, requests, missing=NOT_BUILT):
            self.stdout.write(line)

    def _run_scale(self, scale, size, years, requests, seed) -> dict[str, Measurement | None]:
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
            staff, public = Client(), Client()
            staff.force_login(handler)
            return {
                label: (measure(staff if as_staff else public, url, requests) if url else None)
                for label, url, as_staff in pages()
            }
