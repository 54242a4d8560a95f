"""The register and its measurements as spreadsheets (XLSX or CSV) through the one export
helper, `core.exports.export_response`: Norwegian headers, no text that can run as a
formula. Both take the register's filters, so a download holds what the page shows (all
pages of it). Plain values from `values_list`, a fixed number of queries. The
measurements export can be large (18,000 rows took 12 s): above `BACKGROUND_ROWS` rows it
is built in the background (benefits/services/exports.py, benefits.tasks)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, StringAgg, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from benefits import permissions as perms
from benefits.models import Benefit
from benefits.services import exports
from benefits.tasks import build_measurements_export
from core.exports import FORMATS, export_answer, export_file, export_response


def _filtered(request) -> QuerySet:
    return exports.benefits_filtered(request.GET)


_label = exports.label


def _check(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    if not perms.can_view_benefits(request.user):
        raise PermissionDenied


@login_required
def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _check(request, fmt)
    status = _label(Benefit.Status.choices)
    kind = _label(Benefit.Kind.choices)
    dfo = _label(Benefit.DfoClass.choices)
    rows = (
        Benefit.objects.filter(pk__in=_filtered(request).values("pk"))
        .annotate(
            area_names=StringAgg("areas__name", Value(", "), distinct=True, default=""),
            project_titles=StringAgg(
                "contributions__project__title", Value(", "), distinct=True, default=""
            ),
        )
        .order_by("title", "pk")
        .values_list(
            "pk",
            "title",
            "kind",
            "dfo_class",
            "goal__name",
            "area_names",
            "owner_unit__name",
            "accountable__full_name",
            "status",
            "priority",
            "planned_realisation",
            "unplanned",
            "project_titles",
        )
    )
    headers = [
        _("No."),
        _("Benefit"),
        _("Kind"),
        _("DFØ class"),
        _("Goal"),
        _("Areas"),
        _("Owning unit"),
        _("Accountable line leader"),
        _("Status"),
        _("Priority"),
        _("Planned realisation date"),
        _("Not planned"),
        _("Contributing projects"),
    ]
    yes, no = _("Yes"), _("No")
    return export_response(
        fmt=fmt,
        filename=f"gevinster-{timezone.localdate().isoformat()}",
        sheet=_("Benefits"),
        headers=headers,
        rows=(
            (
                pk,
                title,
                kind(k),
                dfo(d),
                goal,
                areas,
                unit,
                accountable or "",
                status(s),
                priority,
                planned,
                yes if unplanned else no,
                projects,
            )
            for (
                pk,
                title,
                k,
                d,
                goal,
                areas,
                unit,
                accountable,
                s,
                priority,
                planned,
                unplanned,
                projects,
            ) in rows
        ),
    )


@login_required
@require_GET
def measurements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All measurements of the filtered benefits: in the answer up to BACKGROUND_ROWS
    rows; a larger export is built in the background (benefits.tasks) and this sends the
    user to its waiting page (core.exports.export_answer)."""
    _check(request, fmt)
    measurements = exports.measurements_filtered(request.GET)
    return export_answer(
        request,
        fmt=fmt,
        total=measurements.count(),
        filename=exports.measurements_export_filename(),
        sheet=_("Measurements"),
        headers=exports.measurements_export_headers(),
        rows=exports.measurements_export_rows(measurements),
        task=build_measurements_export,
        waiting="benefits:measurements_export_file",
        query=request.GET.urlencode(),
    )


@login_required
@require_GET
def measurements_export_file(request: HttpRequest, export_id: str) -> HttpResponse:
    """A large measurements export built in the background: the waiting page until it is
    stored, then the file (only for the user who asked; anyone else gets a 404)."""
    if not perms.can_view_benefits(request.user):
        raise PermissionDenied
    return export_file(
        request,
        export_id,
        back_url=reverse("benefits:register"),
        back_text=_("Back to the benefits register"),
    )
