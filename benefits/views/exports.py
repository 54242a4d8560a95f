"""The register and its measurements as spreadsheets (XLSX or CSV) through the one export
helper, `core.exports.export_response`: Norwegian headers, no text that can run as a
formula. Both take the register's filters, so a download holds what the page shows (all
pages of it). Plain values from `values_list`, a fixed number of queries."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, StringAgg, Value
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from benefits import permissions as perms
from benefits.forms import RegisterFilterForm
from benefits.models import Benefit, Indicator, Measurement
from core.exports import FORMATS, export_response


def _filtered(request) -> QuerySet:
    form = RegisterFilterForm(request.GET)
    return Benefit.objects.filter(**form.filters()).distinct()


def _label(choices):
    labels = dict(choices)
    return lambda value: str(labels.get(value, value or ""))


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
def measurements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _check(request, fmt)
    unit = _label(Indicator.Unit.choices)
    state = _label(Measurement.State.choices)
    rows = (
        Measurement.objects.filter(indicator__benefit__in=_filtered(request).values("pk"))
        .order_by("indicator__benefit__title", "indicator__name", "indicator_id", "period_end")
        .values_list(
            "indicator__benefit_id",
            "indicator__benefit__title",
            "indicator__name",
            "indicator__unit",
            "period_end",
            "value",
            "text",
            "comment",
            "state",
            "recorded_by__full_name",
            "recorded_at",
        )
    )
    headers = [
        _("Benefit no."),
        _("Benefit"),
        _("Indicator"),
        _("Unit of measure"),
        _("Period (last day)"),
        _("Value"),
        _("Qualitative text"),
        _("Comment"),
        _("State"),
        _("Recorded by"),
        _("Recorded"),
    ]
    return export_response(
        fmt=fmt,
        filename=f"gevinster-malinger-{timezone.localdate().isoformat()}",
        sheet=_("Measurements"),
        headers=headers,
        rows=(
            (
                benefit_pk,
                benefit,
                indicator,
                unit(u),
                period,
                float(value) if value is not None else None,
                text,
                comment,
                state(st),
                by,
                at,
            )
            for (
                benefit_pk,
                benefit,
                indicator,
                u,
                period,
                value,
                text,
                comment,
                st,
                by,
                at,
            ) in rows
        ),
    )
