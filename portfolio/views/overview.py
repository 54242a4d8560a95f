"""The programme leader's portfolio overview: filters kept in the address, counts, the
area × goal table, money per funding source, the sortable list, and the same list as an
Excel workbook or a CSV file.

With htmx, changing a filter fetches only the results region
(`portfolio/overview/overview.html#results`), which also carries the summary of the chosen
filters for the disclosure's `<summary>` (swapped out of band); without JavaScript the form
is an ordinary GET form and the page is rendered whole."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from core.exports import export_response
from portfolio.forms.overview import OverviewFilterForm
from portfolio.permissions import can_create_project, can_view_portfolio
from portfolio.services.overview import (
    add_report_ages,
    clean_sort,
    filter_projects,
    money_by_source,
    sort_projects,
    stale_after_days,
    summaries,
)

PAGE_SIZE = 50


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_portfolio(request.user):
        raise PermissionDenied


def _filtered(request: HttpRequest):
    """The form, its valid filters, the sort key and the filtered, sorted projects."""
    form = OverviewFilterForm(request.GET)
    filters = form.filters()
    sort = clean_sort(request.GET.get("sort"))
    projects = sort_projects(filter_projects(filters), sort)
    return form, filters, sort, projects


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    form, filters, sort, projects = _filtered(request)
    year = filters["year"]
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = add_report_ages(page.object_list)
    counts, matrix = summaries(projects)
    active = form.active_filters()
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    context = {
        "form": form,
        "sort": sort,
        "page": page,
        "year": year,
        "stale_days": stale_after_days(),
        "counts": counts,
        "chosen_statuses": filters.get("status", []),
        "matrix": matrix,
        "money": money_by_source(projects, year, filters.get("source")),
        "active_filters": active,
        "active_count": sum(len(f.values) or 1 for f in active),
        # The filters start open when some are chosen or one has a message (a script
        # closes them on a phone, see static/js/overview.js) and closed otherwise.
        "filters_open": bool(active or form.errors),
        "can_create": can_create_project(request.user),
        "fragment": fragment,
    }
    template = "portfolio/overview/overview.html"
    if fragment:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Exports ------------------------------------------------------------------------------


def _headers(year: int) -> list[str]:
    return [
        _("Title"),
        _("Type"),
        _("Status"),
        _("Owning unit"),
        _("Areas"),
        _("Goals"),
        _("Latest status"),
        _("Date of the latest status report"),
        ngettext(
            "No status report for %(days)s day",
            "No status report for %(days)s days",
            stale_after_days(),
        )
        % {"days": stale_after_days()},
        _("Planned %(year)s (kr)") % {"year": year},
        _("Spent %(year)s (kr)") % {"year": year},
    ]


def _export_rows(request: HttpRequest):
    """The header and one row per project of exactly the filtered, sorted list (all pages)."""
    _check_can_view(request)
    _form, filters, _sort, projects = _filtered(request)
    year = filters["year"]
    projects = add_report_ages(projects.prefetch_related("areas", "goals"))
    rows = [
        [
            project.title,
            project.get_kind_display(),
            project.get_status_display(),
            project.owner_unit.name if project.owner_unit else "",
            ", ".join(area.name for area in project.areas.all()),
            ", ".join(str(goal) for goal in project.goals.all()),
            str(project.latest_rag_label),
            project.latest_report_date,
            _("Yes") if project.is_stale else _("No"),
            project.planned_total,
            project.spent_total,
        ]
        for project in projects
    ]
    return _headers(year), rows, year


def _filename(year: int) -> str:
    return f"portefolje-{year}-{timezone.localdate().isoformat()}"


@login_required
@require_GET
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Exactly the filtered, sorted list (all pages) as XLSX or CSV (core.exports)."""
    headers, rows, year = _export_rows(request)
    return export_response(
        fmt=fmt, filename=_filename(year), sheet=_("Portfolio"), headers=headers, rows=rows
    )
