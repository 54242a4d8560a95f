"""The portfolio overview as a file: exactly the filtered, sorted list (all pages), in the
request for a short list or built by a background task for a long one (core.exports;
`BACKGROUND_ROWS`; 1,500 projects took 8–10 s)."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.exports import export_build, export_store
from portfolio.forms.overview import OverviewFilterForm
from portfolio.services.overview import (
    add_report_ages,
    clean_sort,
    filter_projects,
    sort_projects,
    stale_after_days,
)

# A project's row is dearer than a payment's (a model instance with its areas, goals and
# report age): 1,500 projects took 0.3–0.6 s on an idle machine and 8–10 s on a busy one,
# so a list longer than this is built in the background (core.exports.BACKGROUND_ROWS is
# for plain-value rows).
OVERVIEW_BACKGROUND_ROWS = 1_000


def overview_filtered(query: QueryDict):
    """(form, filters, sort, projects): the projects the overview's filters and sort in the
    address ask for (the caller checks who may see them)."""
    form = OverviewFilterForm(query)
    filters = form.filters()
    sort = clean_sort(query.get("sort"))
    projects = sort_projects(filter_projects(filters), sort)
    return form, filters, sort, projects


def overview_export_headers(year: int) -> list[str]:
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


def overview_export_rows(projects):
    """One row per project (lazy: the projects are read when the first row is asked for)."""
    yes, no = _("Yes"), _("No")
    for project in add_report_ages(projects.prefetch_related("areas", "goals")):
        yield [
            project.title,
            project.get_kind_display(),
            project.get_status_display(),
            project.owner_unit.name if project.owner_unit else "",
            ", ".join(area.name for area in project.areas.all()),
            ", ".join(str(goal) for goal in project.goals.all()),
            str(project.latest_rag_label),
            project.latest_report_date,
            yes if project.is_stale else no,
            project.planned_total,
            project.spent_total,
        ]


def overview_export_filename(year: int) -> str:
    return f"portefolje-{year}-{timezone.localdate().isoformat()}"


def overview_export_build(
    *, export_id: str, user_id: int, fmt: str, filename: str, language: str, query: str
) -> str:
    """Build and store a long overview export in the background (portfolio.tasks)."""

    def build():
        _form, filters, _sort, projects = overview_filtered(QueryDict(query))
        return export_store(
            export_id=export_id,
            user_id=user_id,
            fmt=fmt,
            filename=filename,
            sheet=_("Portfolio"),
            headers=overview_export_headers(filters["year"]),
            rows=overview_export_rows(projects),
            total=projects.count(),
        )

    return export_build(language=language, build=build)
