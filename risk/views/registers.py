"""The registers: the list with the roll-up counts, and one register with its heat map and
its risks (with everything beneath it when rolled up), filtered in the URL."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exports import export_answer, export_file
from core.files import file_download
from core.pdf import PdfUnavailable, pdf_libraries_missing
from portfolio.models import Project
from risk.models import Level, Register, RegisterPdf, Risk, RosArea
from risk.permissions import can_add_risk, can_view_risks
from risk.services import exports
from risk.services.heatmap import TIERS
from risk.services.listing import Filters, filter_choices, register_listing
from risk.services.pdfs import register_pdf_request
from risk.tasks import build_register_export

PAGE_SIZE = 100  # risks listed per page; the heat map counts them all


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_risks(request.user):
        raise PermissionDenied


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    """Every register, with its open risks and those beneath it (the roll-up). Reads only:
    the programme's and the areas' registers are made by a data migration and when an area
    is added (`risk.signals`), a project's with its first risk."""
    _check_can_view(request)
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
    context = {
        "registers": registers,
        "new_project_registers": _projects_without_register(request.user),
    }
    return render(request, "risk/registers.html", context)


def _projects_without_register(user):
    """The projects this user keeps that have no risk register yet (it is made with the
    first risk): one query."""
    if not (user.is_programme_leader or user.is_change_leader or user.is_project_leader):
        return []
    projects = Project.objects.filter(risk_register__isnull=True).exclude(
        status__in=Project.FINAL_STATUSES
    )
    if not user.is_programme_leader:
        projects = projects.filter(
            Q(owner_unit_id=user.unit_id) | Q(change_leader=user) | Q(project_leader=user)
        )
    return list(projects.order_by("title").only("pk", "title")[:20])


@login_required
@require_GET
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The heat map (a table, every cell a link, with the movement since the last board
    snapshot) and the risks; `?samlet=1` rolls up the registers beneath; the cell, level,
    ROS area, kind, status, area, owner and project filters are kept in the URL."""
    _check_can_view(request)
    register = get_object_or_404(
        Register.objects.select_related("area", "project", "matrix"), pk=pk
    )
    filters = Filters.from_query(request.GET)
    listing = register_listing(
        register, filters, page_number=request.GET.get("page"), page_size=PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("s", None)
    query.pop("k", None)
    query.pop("page", None)
    context = {
        "register": register,
        "rolled_up": filters.rolled_up,
        "filters": filters,
        "heat": listing["heat"],
        "risks": listing["risks"],
        "page": listing["page"],
        "snapshot": listing["snapshot"],
        "cell": filters.cell,
        "base_query": query.urlencode(),
        "status": filters.status,
        "kind": filters.kind,
        "ros_area": filters.ros_area,
        "ros_areas": RosArea.objects.all(),
        "tiers": TIERS,
        "statuses": Risk.Status.choices,
        "kinds": Risk.Kind.choices,
        "can_add": can_add_risk(request.user, register),
        "pdfs": list(register.pdfs.filter(requested_by=request.user)[:3]),
        **filter_choices(listing["registers"]),
    }
    status = 400 if filters.invalid else 200
    return render(request, "risk/register.html", context, status=status)


@login_required
@require_GET
def register_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The register (with those beneath when `?samlet=1`) as XLSX or CSV, Norwegian headers,
    no text that can run as a formula (core.exports): in the answer up to BACKGROUND_ROWS
    risks; a larger roll-up is built in the background (risk.tasks) and this sends the
    user to its waiting page."""
    _check_can_view(request)
    register = get_object_or_404(Register.objects.select_related("area", "project"), pk=pk)
    rolled_up = request.GET.get("samlet") == "1"
    risks = exports.register_risks(register, rolled_up=rolled_up)
    return export_answer(
        request,
        fmt=fmt,
        total=risks.count(),
        filename=exports.register_export_filename(register),
        sheet=_("Risks"),
        headers=exports.register_export_headers(),
        rows=exports.register_export_rows(risks),
        task=build_register_export,
        waiting="risk:register_export_file",
        waiting_args=[register.pk],
        register_id=register.pk,
        rolled_up=rolled_up,
    )


@login_required
@require_GET
def register_export_file(request: HttpRequest, pk: int, export_id: str) -> HttpResponse:
    """A large export built in the background: the waiting page until it is stored, then
    the file (only for the user who asked; anyone else gets a 404)."""
    _check_can_view(request)
    register = get_object_or_404(Register, pk=pk)
    return export_file(
        request,
        export_id,
        back_url=register.get_absolute_url(),
        back_text=_("Back to %(register)s") % {"register": register},
    )


@login_required
@require_POST
def register_pdf_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a PDF of the register (heat map and table); a background task makes it."""
    _check_can_view(request)
    register = get_object_or_404(Register, pk=pk)
    pdf = register_pdf_request(
        register=register, by=request.user, rolled_up=request.POST.get("samlet") == "1"
    )
    return redirect("risk:register_pdf", pk=pdf.pk)


@login_required
@require_GET
def register_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A PDF this user asked for: the stored file once the task has made it; until then a
    page that says it is being made and picks it up (htmx polling; without JavaScript,
    reload). Another user's PDF is not found."""
    _check_can_view(request)
    pdf = get_object_or_404(
        RegisterPdf.objects.select_related("register__area", "register__project"),
        pk=pk,
        requested_by=request.user,
    )
    if pdf.pdf and not request.htmx:
        return file_download(pdf.pdf, filename=pdf.filename, content_type="application/pdf")
    unavailable = pdf_libraries_missing()
    context = {
        "ready": bool(pdf.pdf),
        "back_url": pdf.register.get_absolute_url(),
        "back_text": _("Back to %(register)s") % {"register": pdf.register},
        "message": PdfUnavailable.message if unavailable else "",
        "download_url": request.path,
    }
    if request.htmx:
        return render(request, "pdf_pending.html#status", context)
    return render(request, "pdf_pending.html", context, status=503 if unavailable else 202)


@login_required
@require_GET
def level_styles(request: HttpRequest) -> HttpResponse:
    """The levels' colours as the programme leader set them in the admin, as a stylesheet
    (the content security policy forbids inline styles): each level's class gets its colour
    and the text colour that contrasts most with it. One query."""
    if not can_view_risks(request.user):
        raise PermissionDenied
    rules = [
        f".risk-level-id-{level.pk} {{ background: {level.colour}; color: {level.text_colour}; }}"
        for level in Level.objects.order_by("pk")
    ]
    response = HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "private, max-age=60"
    return response
