from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as plain_server_error

import benefits.figures
import benefits.home
import nabolagspotten.figures
import nabolagspotten.home
import portfolio.figures
import portfolio.home
import risk.figures
import risk.home
from accounts.roles import ROLE_DESCRIPTIONS
from core.panels import Item
from omradesatsing.permissions import can_view_programme_overview
from reports.services import latest_reports


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the public introduction, or a staff member's own page."""
    if not request.user.is_authenticated:
        return render(request, "home_public.html", portfolio.home.programme())
    return _my_page(request)


def _my_page(request: HttpRequest) -> HttpResponse:
    """«My page»: the user's roles, what waits for them in each part of the programme (each
    app's `home.home_panels`), their unit and the programme's structure."""
    user = request.user
    roles = [{"role": role, "description": ROLE_DESCRIPTIONS[role]} for role in user.roles]
    panels = [
        *portfolio.home.home_panels(user),
        *nabolagspotten.home.home_panels(user),
        *benefits.home.home_panels(user),
        *risk.home.home_panels(user),
    ]
    actions = [*portfolio.home.home_actions(user)]
    if user.is_programme_owner or user.is_board_member:
        actions.insert(
            0, Item(text=_("See the programme overview"), url=reverse("programme_overview"))
        )
    context = {
        "roles": roles,
        "unit": user.unit,
        "panels": panels,
        "actions": actions,
        **portfolio.home.programme(),
    }
    return render(request, "home.html", context)


@login_required
@require_GET
def programme_overview(request: HttpRequest) -> HttpResponse:
    """The programme overview (programoversikt): the key figures of every part on one page,
    each linking to its own page, for the board and the Programeier. Each app hands its
    figures through its `figures.key_figures()`; a fixed number of queries in all."""
    if not can_view_programme_overview(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    context = {
        "year": year,
        "portfolio": portfolio.figures.key_figures(year),
        "benefits": benefits.figures.key_figures(),
        "risks": risk.figures.key_figures(),
        "grants": nabolagspotten.figures.key_figures(year),
        "reports": latest_reports(limit=3),
    }
    return render(request, "programme_overview.html", context)


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request, "pages/accessibility.html", {"contact": settings.PROGRAMME_CONTACT_EMAIL}
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", {"contact": settings.PROGRAMME_CONTACT_EMAIL})


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database (and broker) answer."""
    checks = {"database": _database_ok()}
    if settings.REDIS_URL:
        checks["broker"] = _broker_ok()
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "checks": {name: "ok" if ok else "error" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    from omradesatsing.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout; the bare default if even that cannot render."""
    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:
        return plain_server_error(request)
    return HttpResponse(body, status=500)
