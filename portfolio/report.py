"""What the annual report (årsrapport) and the board's report pack take from the portfolio,
called by name from the reports floor. Every function returns plain JSON-able values (the
report freezes them as its snapshot) in a fixed number of queries, however many projects.

- `portfolio_section(year)`: projects by status, area × goal, level; what started, was
  handed over, closed or stopped in the year.
- `money_section(year)`: planned against spent per funding source and per area; the state's
  share (KDD and Husbanken) against the municipality's (HØP).
- `plan_section(year)`: the year's action plan: the board's decision and conditions, the
  planned projects against those that ran.
- `state_section(year)`: per state focus area (innsatsområde) the projects and money.
- `board_section(since, until)`: for a board meeting: status changes, red projects, the
  plan's state and the versions waiting for the board's decision.

No personal data: projects are named by their title, never by people.
"""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from portfolio.models import (
    ActionPlan,
    Area,
    BudgetLine,
    FocusArea,
    Level,
    PlanSubmission,
    Project,
    ProjectEvent,
    StatusReport,
)
from portfolio.services.overview import money_by_source, summaries

STATE_SOURCES = (BudgetLine.Source.KDD, BudgetLine.Source.HUSBANKEN)
STATUS_LABELS = dict(Project.Status.choices)


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def portfolio_section(year: int) -> dict:
    """Six queries."""
    statuses, matrix = summaries(Project.objects.all())
    levels = [
        {"code": row["code"], "name": row["name"], "count": row["n"]}
        for row in Level.objects.order_by("code")
        .values("code", "name")
        .annotate(n=Count("projects", distinct=True))
    ]
    start, end = _year_range(year)
    events = (
        ProjectEvent.objects.filter(at__date__gte=start, at__date__lte=end)
        .filter(
            Q(kind=ProjectEvent.Kind.CREATED)
            | Q(
                kind=ProjectEvent.Kind.STATUS,
                to_status__in=[
                    Project.Status.IN_PORTFOLIO,
                    Project.Status.HANDED_OVER,
                    Project.Status.CLOSED,
                    Project.Status.STOPPED,
                ],
            )
        )
        .order_by("at", "pk")
        .values("kind", "to_status", "at", "project_id", "project__title")
    )
    changes = {"new": [], "admitted": [], "handed_over": [], "closed": [], "stopped": []}
    keys = {
        Project.Status.IN_PORTFOLIO: "admitted",
        Project.Status.HANDED_OVER: "handed_over",
        Project.Status.CLOSED: "closed",
        Project.Status.STOPPED: "stopped",
    }
    for event in events:
        key = "new" if event["kind"] == ProjectEvent.Kind.CREATED else keys[event["to_status"]]
        changes[key].append(
            {"title": event["project__title"], "date": event["at"].date().isoformat()}
        )
    return {
        "year": year,
        "total": sum(row.count for row in statuses),
        "by_status": [{"label": str(row.label), "count": row.count} for row in statuses],
        "goals": [f"{goal.number} {goal.name}" for goal in matrix.goals],
        "by_area_goal": [
            {"area": row.area.name, "counts": row.counts, "total": row.total} for row in matrix.rows
        ],
        "by_level": levels,
        "changes": changes,
    }


def money_section(year: int) -> dict:
    """Two queries."""
    money = money_by_source(Project.objects.all(), year)
    by_area = [
        {
            "area": row["project__areas__name"] or "",
            "planned": row["p"] or 0,
            "spent": row["s"] or 0,
        }
        for row in BudgetLine.objects.filter(year=year)
        .order_by("project__areas__name")
        .values("project__areas__name")
        .annotate(p=Sum("planned"), s=Sum("spent"))
    ]
    state = [row for row in money.sources if row.source in STATE_SOURCES]
    municipal = [row for row in money.sources if row.source == BudgetLine.Source.MUNICIPAL]
    return {
        "year": year,
        "by_source": [
            {"label": str(row.label), "planned": row.planned, "spent": row.spent}
            for row in money.sources
        ],
        "planned": money.planned,
        "spent": money.spent,
        "by_area": by_area,
        "state": {
            "planned": sum(row.planned for row in state),
            "spent": sum(row.spent for row in state),
        },
        "municipal": {
            "planned": sum(row.planned for row in municipal),
            "spent": sum(row.spent for row in municipal),
        },
    }


def plan_section(year: int) -> dict:
    """Three queries: the plan, its latest decided version, the projects that ran."""
    plan = ActionPlan.objects.filter(year=year).first()
    decided = (
        PlanSubmission.objects.filter(plan__year=year)
        .exclude(decision="")
        .order_by("-number")
        .first()
    )
    ran = {
        row["project_id"]: row["project__title"]
        for row in BudgetLine.objects.filter(year=year, spent__gt=0)
        .order_by("project__title")
        .values("project_id", "project__title")
        .distinct()
    }
    planned = decided.content.get("projects", []) if decided else []
    planned_ids = {row["id"] for row in planned}
    return {
        "year": year,
        "exists": plan is not None,
        "status": plan.get_status_display() if plan else "",
        "decision": decided.get_decision_display() if decided else "",
        "version": decided.number if decided else None,
        "meeting_date": decided.meeting_date.isoformat()
        if decided and decided.meeting_date
        else None,
        "decision_text": decided.decision_text if decided else "",
        "conditions": decided.conditions if decided else "",
        "planned": [
            {"title": row["title"], "planned": row["total"], "ran": row["id"] in ran}
            for row in planned
        ],
        "unplanned_ran": [title for pk, title in ran.items() if pk not in planned_ids],
    }


def state_section(year: int) -> dict:
    """Two queries: per state focus area, its projects and their money in the year."""
    projects = {}
    for row in (
        Project.objects.filter(focus_areas__isnull=False)
        .order_by("focus_areas__number", "title")
        .values("focus_areas", "title")
    ):
        projects.setdefault(row["focus_areas"], []).append(row["title"])
    money = {
        row["project__focus_areas"]: row
        for row in BudgetLine.objects.filter(year=year, project__focus_areas__isnull=False)
        .order_by()
        .values("project__focus_areas")
        .annotate(planned=Sum("planned"), spent=Sum("spent"))
    }
    return {
        "year": year,
        "focus_areas": [
            {
                "id": area.pk,
                "name": f"{area.number} {area.name}",
                "projects": projects.get(area.pk, []),
                "planned": (money.get(area.pk) or {}).get("planned") or 0,
                "spent": (money.get(area.pk) or {}).get("spent") or 0,
            }
            for area in FocusArea.objects.order_by("number")
        ],
    }


def board_section(since: datetime.date, until: datetime.date) -> dict:
    """Four queries: what changed in the portfolio since the last board meeting."""
    changes = [
        {
            "title": row["project__title"],
            "from": str(STATUS_LABELS.get(row["from_status"], row["from_status"])),
            "to": str(STATUS_LABELS.get(row["to_status"], row["to_status"])),
            "date": row["at"].date().isoformat(),
        }
        for row in ProjectEvent.objects.filter(
            kind=ProjectEvent.Kind.STATUS, at__date__gte=since, at__date__lte=until
        )
        .order_by("at", "pk")
        .values("project__title", "from_status", "to_status", "at")
    ]
    latest = StatusReport.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    red = [
        {
            "title": row["title"],
            "date": row["latest_date"].isoformat(),
            "summary": row["latest_summary"],
        }
        for row in Project.objects.exclude(status__in=Project.FINAL_STATUSES)
        .annotate(
            latest_rag=Subquery(latest.values("rag")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
            latest_summary=Subquery(latest.values("summary")[:1]),
        )
        .filter(latest_rag=StatusReport.Rag.OFF_TRACK)
        .order_by("title")
        .values("title", "latest_date", "latest_summary")
    ]
    plan = ActionPlan.objects.filter(year=until.year).first()
    waiting = [
        {"year": row["plan__year"], "number": row["number"]}
        for row in PlanSubmission.objects.filter(
            decision="", plan__status=ActionPlan.Status.SUBMITTED
        )
        .order_by("plan__year", "number")
        .values("plan__year", "number")
    ]
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "status_changes": changes,
        "red_projects": red,
        "plan": {
            "year": until.year,
            "status": plan.get_status_display() if plan else "",
        },
        "decisions_waiting": waiting,
    }


def areas() -> list[str]:
    """The areas' names (for tables that list every area)."""
    return list(Area.objects.order_by("name").values_list("name", flat=True))
