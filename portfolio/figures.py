"""What the portfolio hands the programme overview (called by name from the top floor):
`key_figures(year)`, the projects by status, the running projects by their latest status
report's RAG, the year's money per funding source, the latest lessons learned with the count
of «lærdommer så langt», and the board's latest decisions on the action plans. Each figure
links to the page that lists exactly those rows (`overview_url`).

Seven queries whatever the size of the portfolio; the counts and sums come from
`services.overview`, the lessons from `services.lessons`, as on their own pages.
"""

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode

from portfolio.models import Lesson, PlanSubmission, Project, StatusReport
from portfolio.services.lessons import last_board_decision_date, lessons_so_far
from portfolio.services.overview import NO_REPORT, money_by_source, status_counts

LESSONS_SHOWN = 5
DECISIONS_SHOWN = 3
RAGS = [StatusReport.Rag.ON_TRACK, StatusReport.Rag.AT_RISK, StatusReport.Rag.OFF_TRACK]


def overview_url(**query) -> str:
    """The portfolio overview filtered, e.g. `overview_url(status="i_portefoljen", rag="rod")`."""
    return f"{reverse('portfolio:overview')}?{urlencode(query)}"


def rag_counts() -> list[dict]:
    """The running projects (in the portfolio) by their latest status report's RAG, and
    those without a report (one query)."""
    latest = StatusReport.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    counts = dict(
        Project.objects.filter(status=Project.Status.IN_PORTFOLIO)
        .annotate(latest_rag=Subquery(latest.values("rag")[:1]))
        .order_by()
        .values_list("latest_rag")
        .annotate(n=Count("pk"))
    )
    labels = dict(StatusReport.Rag.choices)
    running = Project.Status.IN_PORTFOLIO.value
    rows = [
        {
            "rag": rag.value,
            "label": labels[rag],
            "count": counts.get(rag.value, 0),
            "url": overview_url(status=running, rag=rag.value),
        }
        for rag in RAGS
    ]
    rows.append(
        {
            "rag": NO_REPORT,
            "label": None,  # the template says «no status report yet»
            "count": counts.get(None, 0),
            "url": overview_url(status=running, rag=NO_REPORT),
        }
    )
    return rows


def latest_decisions(limit: int = DECISIONS_SHOWN) -> list[PlanSubmission]:
    """The board's latest decisions on versions of the action plans, newest first (one
    query)."""
    return list(
        PlanSubmission.objects.exclude(decision="")
        .select_related("plan")
        .order_by("-decided_at", "-pk")[:limit]
    )


def key_figures(year: int) -> dict:
    projects = Project.objects.all()
    statuses = status_counts(projects)
    for row in statuses:
        row.url = overview_url(status=row.status)
    money = money_by_source(projects, year)
    for row in money.sources:
        row.url = overview_url(year=year, source=row.source)
    since = last_board_decision_date()
    return {
        "year": year,
        "projects": sum(row.count for row in statuses),
        "statuses": statuses,
        "rags": rag_counts(),
        "money": money,
        "money_url": overview_url(year=year),
        "lessons": list(
            Lesson.objects.select_related("project", "area").order_by("-date", "-pk")[
                :LESSONS_SHOWN
            ]
        ),
        "lessons_so_far": lessons_so_far(since=since).count() if since else Lesson.objects.count(),
        "lessons_since": since,
        "decisions": latest_decisions(),
    }
