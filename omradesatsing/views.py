from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as plain_server_error

import benefits.home
import nabolagspotten.home
import portfolio.home
import risk.home
from accounts.roles import ROLE_DESCRIPTIONS


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
    context = {
        "roles": roles,
        "unit": user.unit,
        "panels": panels,
        "actions": actions,
        **portfolio.home.programme(),
    }
    return render(request, "home.html", context)


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
