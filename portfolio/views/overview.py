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
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import export_answer, export_file
from portfolio.permissions import can_create_project, can_view_portfolio
from portfolio.services import exports
from portfolio.services.overview import (
    add_report_ages,
    money_by_source,
    stale_after_days,
    summaries,
)
from portfolio.tasks import build_overview_export

PAGE_SIZE = 50


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_portfolio(request.user):
        raise PermissionDenied


def _filtered(request: HttpRequest):
    """The form, its valid filters, the sort key and the filtered, sorted projects."""
    return exports.overview_filtered(request.GET)


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


@login_required
@require_GET
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Exactly the filtered, sorted list (all pages) as XLSX or CSV (core.exports): in the
    answer up to OVERVIEW_BACKGROUND_ROWS projects; a longer list is built in the background
    (portfolio.tasks) and this sends the user to its waiting page."""
    _check_can_view(request)
    _form, filters, _sort, projects = _filtered(request)
    year = filters["year"]
    return export_answer(
        request,
        fmt=fmt,
        total=projects.count(),
        filename=exports.overview_export_filename(year),
        sheet=_("Portfolio"),
        headers=exports.overview_export_headers(year),
        rows=exports.overview_export_rows(projects),
        task=build_overview_export,
        waiting="portfolio:overview_export_file",
        limit=exports.OVERVIEW_BACKGROUND_ROWS,
        query=request.GET.urlencode(),
    )


@login_required
@require_GET
def overview_export_file(request: HttpRequest, export_id: str) -> HttpResponse:
    """A long export built in the background: the waiting page until it is stored, then
    the file (only for the user who asked; anyone else gets a 404)."""
    _check_can_view(request)
    return export_file(
        request,
        export_id,
        back_url=reverse("portfolio:overview"),
        back_text=_("Back to the portfolio overview"),
    )
