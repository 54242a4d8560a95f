"""The benefits map (gevinstkart): the SVG drawn on the server and the nested list with
the same content, filtered by area, goal, level and project."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from benefits import permissions as perms
from benefits.forms import MapFilterForm
from benefits.map import benefits_map
from benefits.models import Benefit, BenefitContribution
from portfolio.models import Strategy


@login_required
def benefits_map_page(request: HttpRequest) -> HttpResponse:
    if not perms.can_view_benefits(request.user):
        raise PermissionDenied
    form = MapFilterForm(request.GET)
    filters = form.filters()
    contributions = BenefitContribution.objects.select_related("project").order_by("project__title")
    if "contributions__project" in filters:
        contributions = contributions.filter(project=filters["contributions__project"])
    benefits = (
        Benefit.objects.filter(pk__in=Benefit.objects.filter(**filters).values("pk"))
        .select_related("goal")
        .prefetch_related(
            Prefetch("contributions", queryset=contributions),
            Prefetch("strategies", queryset=Strategy.objects.select_related("goal")),
        )
        .order_by("title", "pk")
    )
    context = {"form": form, "map": benefits_map(benefits), "filtered": bool(filters)}
    return render(request, "benefits/map.html", context)


FIRST_YEAR = 2026  # the programme period starts (2026–2031)


@login_required
def learning(request: HttpRequest) -> HttpResponse:
    """Organisational learning: the indicators the app computes each year, with their rule."""
    if not perms.can_view_benefits(request.user):
        raise PermissionDenied
    from django.utils import timezone

    from benefits.services.learning import learning_indicators

    years = list(range(FIRST_YEAR, max(FIRST_YEAR, timezone.localdate().year) + 1))
    context = {"years": years, "indicators": learning_indicators(years)}
    return render(request, "benefits/learning.html", context)
