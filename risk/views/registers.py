"""The registers: the list with the roll-up counts, and one register with its heat map and
its risks (with everything beneath it when rolled up), filtered in the URL."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import export_response
from portfolio.models import Area
from risk.models import Register, Risk, RosArea
from risk.permissions import can_add_risk, can_view_risks
from risk.services import area_register, programme_register, registers_beneath
from risk.services.heatmap import TIERS, heat_map


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_risks(request.user):
        raise PermissionDenied


def _risks():
    return Risk.objects.select_related("register__area", "register__project", "ros_area", "owner")


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    """Every register, with its open risks and those beneath it (the roll-up)."""
    _check_can_view(request)
    programme_register()
    for area in Area.objects.filter(is_active=True):
        area_register(area)
    today = timezone.localdate()
    registers = list(
        Register.objects.select_related("area", "project", "parent").annotate(
            open_count=Count("risks", filter=Q(risks__status=Risk.Status.OPEN)),
            overdue_count=Count(
                "risks",
                filter=Q(risks__status=Risk.Status.OPEN, risks__next_review_on__lt=today),
            ),
        )
    )
    by_parent: dict[int | None, list[Register]] = {}
    for register in registers:
        by_parent.setdefault(register.parent_id, []).append(register)

    def rolled(register) -> int:
        return register.open_count + sum(rolled(c) for c in by_parent.get(register.pk, []))

    for register in registers:
        register.rolled_count = rolled(register)
    order = {Register.Level.PROGRAMME: 0, Register.Level.AREA: 1, Register.Level.PROJECT: 2}
    registers.sort(key=lambda r: (order[r.level], str(r)))
    return render(request, "risk/registers.html", {"registers": registers})


def _int(value, low=1, high=5):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


@login_required
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The heat map (a table, every cell a link) and the risks; `?samlet=1` rolls up the
    registers beneath; a cell, ROS area, kind and status filter are kept in the URL."""
    _check_can_view(request)
    register = get_object_or_404(Register.objects.select_related("area", "project"), pk=pk)
    rolled_up = request.GET.get("samlet") == "1"
    registers = registers_beneath(register) if rolled_up else [register]
    risks = _risks().filter(register__in=registers)
    status = request.GET.get("status", Risk.Status.OPEN)
    if status in Risk.Status.values:
        risks = risks.filter(status=status)
    kind = request.GET.get("type")
    if kind in Risk.Kind.values:
        risks = risks.filter(kind=kind)
    ros_area = _int(request.GET.get("ros"), high=10**9)
    if ros_area:
        risks = risks.filter(ros_area_id=ros_area)
    tier = request.GET.get("niva", "current")
    tier = tier if tier in TIERS else "current"
    heat = heat_map(register.matrix, risks, tier)
    likelihood, consequence = _int(request.GET.get("s")), _int(request.GET.get("k"))
    listed = risks
    if likelihood and consequence:
        listed = risks.filter(
            **{f"{tier}_likelihood": likelihood, f"{tier}_consequence": consequence}
        )
    listed = list(listed.order_by("register__level", "register_id", "number"))
    grid = register.matrix.grid()
    for risk in listed:
        risk.current_level = grid.get((risk.current_likelihood, risk.current_consequence))
    query = request.GET.copy()
    query.pop("s", None)
    query.pop("k", None)
    context = {
        "register": register,
        "rolled_up": rolled_up,
        "heat": heat,
        "risks": listed,
        "cell": (likelihood, consequence) if likelihood and consequence else None,
        "base_query": query.urlencode(),
        "status": status,
        "kind": kind,
        "ros_area": ros_area,
        "ros_areas": RosArea.objects.all(),
        "tiers": TIERS,
        "statuses": Risk.Status.choices,
        "kinds": Risk.Kind.choices,
        "can_add": can_add_risk(request.user, register),
    }
    return render(request, "risk/register.html", context)


def _pair(likelihood, consequence) -> str:
    return f"{likelihood}×{consequence}" if likelihood and consequence else ""


@login_required
@require_GET
def register_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The register (with those beneath when `?samlet=1`) as XLSX or CSV, Norwegian headers,
    no text that can run as a formula (core.exports)."""
    _check_can_view(request)
    register = get_object_or_404(Register.objects.select_related("area", "project"), pk=pk)
    registers = registers_beneath(register) if request.GET.get("samlet") == "1" else [register]
    risks = _risks().filter(register__in=registers).order_by("register_id", "number")
    headers = [
        _("Reference"),
        _("Register"),
        _("Title"),
        _("Kind"),
        _("ROS area"),
        _("Cause"),
        _("Event"),
        _("Effect"),
        _("Owner"),
        _("Inherent"),
        _("Current"),
        _("After actions"),
        _("Target"),
        _("Response"),
        _("Status"),
        _("Next review"),
        _("Exempt from public access"),
    ]
    rows = [
        [
            risk.reference,
            str(risk.register),
            risk.title,
            risk.get_kind_display(),
            risk.ros_area.name,
            risk.cause,
            risk.event,
            risk.effect,
            str(risk.owner),
            _pair(risk.inherent_likelihood, risk.inherent_consequence),
            _pair(risk.current_likelihood, risk.current_consequence),
            _pair(risk.forecast_likelihood, risk.forecast_consequence),
            _pair(risk.target_likelihood, risk.target_consequence),
            risk.get_response_display(),
            risk.get_status_display(),
            risk.next_review_on,
            risk.exemption_basis if risk.exempt_from_public else "",
        ]
        for risk in risks
    ]
    filename = f"risiko-{register.pk}-{timezone.localdate().isoformat()}"
    return export_response(fmt=fmt, filename=filename, sheet=_("Risks"), headers=headers, rows=rows)
