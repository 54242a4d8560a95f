from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portfolio.models import Area, FocusArea, Goal, Level, SelectionCriterion, Strategy
from portfolio.permissions import can_view_structure


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    """The programme on one page: areas, goals and strategies, focus areas, levels, criteria."""
    if not can_view_structure(request.user):
        raise PermissionDenied
    goals = Goal.objects.prefetch_related(
        Prefetch("strategies", queryset=Strategy.objects.order_by("number"))
    )
    context = {
        "areas": Area.objects.all(),
        "goals": goals,
        "focus_areas": FocusArea.objects.all(),
        "levels": Level.objects.all(),
        "criteria": SelectionCriterion.objects.all(),
    }
    return render(request, "portfolio/structure.html", context)
