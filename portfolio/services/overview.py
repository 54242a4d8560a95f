"""The programme leader's portfolio overview: the filtered list of projects with each one's
latest status and money for a year, and the counts, the area × goal table and the money per
funding source of that list. Every function runs a fixed number of queries, however many
projects there are.

The filters are the cleaned data of `portfolio.forms.overview.OverviewFilterForm`: a search
text (`q`), whether only projects that need a status report are wanted (`stale`), whether
only projects in the portfolio without an approved benefit-realisation plan are wanted
(`no_benefit_plan`), lists of
areas, goals, strategies, focus areas, levels and units (their ids), lists of statuses,
funding sources and RAG values, and the budget year.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from portfolio.models import Area, BoardPlan, BudgetLine, Goal, Project, StatusReport

NO_REPORT = "ingen"  # the RAG filter's value for «no status report yet»
SEARCH_LENGTH = 200  # the longest search text

# The list's sort keys (the `sort` parameter; a leading «-» reverses) and what they sort by.
SORTS = {
    "title": [F("title").asc()],
    # In the order of the lifecycle, not of the stored values.
    "status": [
        Case(
            *[When(status=value, then=Value(i)) for i, value in enumerate(Project.Status.values)],
            output_field=IntegerField(),
        ).asc()
    ],
    "unit": [F("owner_unit__name").asc(nulls_last=True)],
    "report": [F("latest_report_date").asc(nulls_first=True)],
    "planned": [F("planned_total").asc()],
}
DEFAULT_SORT = "title"

# Which many-to-many relation each list filter narrows by.
M2M_FILTERS = {
    "area": ("areas", "area"),
    "goal": ("goals", "goal"),
    "strategy": ("strategies", "strategy"),
    "focus_area": ("focus_areas", "focusarea"),
    "level": ("levels", "level"),
}


def stale_after_days() -> int:
    return settings.PORTFOLIO_STALE_REPORT_DAYS


def _money(year: int, sources, field: str):
    lines = BudgetLine.objects.filter(project=OuterRef("pk"), year=year)
    if sources:
        lines = lines.filter(source__in=sources)
    total = lines.order_by().values("project").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _has(relation: str, column: str, values) -> Exists:
    through = getattr(Project, relation).through
    return Exists(through.objects.filter(project_id=OuterRef("pk"), **{f"{column}__in": values}))


def _search(text: str) -> Q:
    """Every word of the text, in the title or the summary, ignoring case."""
    wanted = Q()
    for word in text.split():
        wanted &= Q(title__icontains=word) | Q(summary__icontains=word)
    return wanted


# The benefit-realisation plan (benefits.BenefitPlan, a floor above) reaches the project
# through its one-to-one `related_name`; the overview looks it up by that name through the
# ORM (a join, no import of the benefits code) and its status values are portfolio's own
# BoardPlan.Status.
BENEFIT_PLAN_RELATION = "benefit_plan"
APPROVED_PLAN_STATUSES = [BoardPlan.Status.APPROVED, BoardPlan.Status.APPROVED_WITH_CONDITIONS]


def _lacks_benefit_plan():
    """True for a project in the portfolio (status «i porteføljen») whose benefit-realisation
    plan is missing or not approved (one LEFT JOIN: a project has at most one plan)."""
    approved = Q(**{f"{BENEFIT_PLAN_RELATION}__status__in": APPROVED_PLAN_STATUSES})
    return Case(
        When(~Q(status=Project.Status.IN_PORTFOLIO), then=Value(False)),
        When(approved, then=Value(False)),
        default=Value(True),
        output_field=BooleanField(),
    )


def filter_projects(filters: dict, *, today: date | None = None) -> QuerySet:
    """The projects that match the filters (the search: every word in the title or the
    summary, ignoring case), each annotated with its latest status report's
    date and RAG (`latest_report_date`, `latest_rag`), its planned and spent money in the
    chosen year from the chosen sources (`planned_total`, `spent_total`), and `is_stale`:
    a project still running (not handed over, closed, rejected or stopped) that has had no
    status report for more than PORTFOLIO_STALE_REPORT_DAYS days, or none at all; and
    `lacks_benefit_plan`: a project in the portfolio without an approved
    benefit-realisation plan."""
    today = today or timezone.localdate()
    year = filters.get("year") or today.year
    sources = filters.get("source") or []
    latest = StatusReport.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    cutoff = today - timedelta(days=stale_after_days())
    projects = (
        Project.objects.select_related("owner_unit")
        .annotate(
            latest_report_date=Subquery(latest.values("date")[:1]),
            latest_rag=Subquery(latest.values("rag")[:1]),
            planned_total=_money(year, sources, "planned"),
            spent_total=_money(year, sources, "spent"),
        )
        .annotate(
            is_stale=Case(
                When(status__in=Project.FINAL_STATUSES, then=Value(False)),
                When(latest_report_date__isnull=True, then=Value(True)),
                When(latest_report_date__lt=cutoff, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            lacks_benefit_plan=_lacks_benefit_plan(),
        )
    )
    if filters.get("q"):
        projects = projects.filter(_search(filters["q"]))
    if filters.get("stale"):
        projects = projects.filter(is_stale=True)
    if filters.get("no_benefit_plan"):
        projects = projects.filter(lacks_benefit_plan=True)
    for name, (relation, column) in M2M_FILTERS.items():
        if filters.get(name):
            projects = projects.filter(_has(relation, column, filters[name]))
    if filters.get("status"):
        projects = projects.filter(status__in=filters["status"])
    if filters.get("unit"):
        projects = projects.filter(owner_unit__in=filters["unit"])
    if sources:
        projects = projects.filter(
            Exists(BudgetLine.objects.filter(project=OuterRef("pk"), year=year, source__in=sources))
        )
    if filters.get("rag"):
        rags = [rag for rag in filters["rag"] if rag != NO_REPORT]
        wanted = Q(latest_rag__in=rags)
        if NO_REPORT in filters["rag"]:
            wanted |= Q(latest_rag__isnull=True)
        projects = projects.filter(wanted)
    return projects


def clean_sort(sort: str | None) -> str:
    """The sort key if it is one the list knows (e.g. «-planned»), otherwise the default."""
    sort = sort or ""
    return sort if sort.removeprefix("-") in SORTS else DEFAULT_SORT


def sort_projects(projects: QuerySet, sort: str | None) -> QuerySet:
    """Sort by a whitelisted key; unknown keys sort by title. Ties go by title, then id."""
    sort = clean_sort(sort)
    order = SORTS[sort.removeprefix("-")]
    if sort.startswith("-"):
        order = [_reverse(ordering) for ordering in order]
    return projects.order_by(*order, "title", "pk")


def _reverse(ordering):
    """The opposite of an ascending ordering; «no report» sorts last when newest come first."""
    reversed_ = ordering.copy()
    reversed_.descending = True
    reversed_.nulls_first, reversed_.nulls_last = ordering.nulls_last, ordering.nulls_first
    return reversed_


def add_report_ages(projects, *, today: date | None = None) -> list:
    """Give each project of a page (or export) `report_age_days` (None without a report) and
    `latest_rag_label`, in Python: no queries."""
    today = today or timezone.localdate()
    labels = dict(StatusReport.Rag.choices)
    rows = list(projects)
    for project in rows:
        latest = project.latest_report_date
        project.report_age_days = (today - latest).days if latest else None
        project.latest_rag_label = labels.get(project.latest_rag, "")
    return rows


def _ids(projects: QuerySet) -> QuerySet:
    return projects.order_by().values("pk")


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


def status_counts(projects: QuerySet) -> list[StatusCount]:
    """How many of the projects have each status, every status listed (one query)."""
    counts = dict(
        Project.objects.filter(pk__in=_ids(projects))
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return _status_counts(counts)


def _status_counts(counts: dict) -> list[StatusCount]:
    """Every status in order, with its count from `counts` (status → n)."""
    return [
        StatusCount(status=value, label=label, count=counts.get(value, 0))
        for value, label in Project.Status.choices
    ]


@dataclass
class MatrixCell:
    goal: Goal
    count: int


@dataclass
class MatrixRow:
    area: Area
    cells: list[MatrixCell]  # one per goal, in the order of the matrix's goals
    total: int  # projects in the area (a project with two goals counts once)

    @property
    def counts(self) -> list[int]:
        return [cell.count for cell in self.cells]


@dataclass
class Matrix:
    goals: list[Goal]
    rows: list[MatrixRow]


def area_goal_matrix(projects: QuerySet) -> Matrix:
    """Rows of areas, columns of goals: how many of the projects work in each (four queries)."""
    ids = _ids(projects)
    cells = {
        (area_id, goal_id): n
        for area_id, goal_id, n in Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list("areas", "goals")
        .annotate(n=Count("pk", distinct=True))
    }
    totals = dict(
        Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list("areas")
        .annotate(n=Count("pk", distinct=True))
    )
    return _matrix(cells, totals)


def _matrix(cells: dict, totals: dict) -> Matrix:
    """The table from its counts: `cells` (area id, goal id) → n, `totals` area id → n
    (plus the queries for the goals and areas that name them)."""
    goals = list(Goal.objects.order_by("number"))
    rows = [
        MatrixRow(
            area=area,
            cells=[MatrixCell(goal, cells.get((area.pk, goal.pk), 0)) for goal in goals],
            total=totals.get(area.pk, 0),
        )
        for area in Area.objects.order_by("name")
    ]
    return Matrix(goals=goals, rows=rows)


def summaries(projects: QuerySet) -> tuple[list[StatusCount], Matrix]:
    """The counts by status and the area × goal table of the projects, counted by
    PostgreSQL in one grouped query (`GROUPING SETS`: by status, by area and goal, by area;
    a project with two goals counts once in its area's total), plus the goals and areas to
    name them: what the overview shows above its list. The same numbers as `status_counts`
    and `area_goal_matrix`, which take four queries."""
    quote = connection.ops.quote_name
    areas, goals = Project.areas.field, Project.goals.field
    pk, area, goal = (
        quote(Project._meta.pk.column),
        quote(areas.m2m_reverse_name()),
        quote(goals.m2m_reverse_name()),
    )
    ids_sql, params = _ids(projects).query.sql_with_params()
    sql = f"""
        SELECT GROUPING(p.status, pa.{area}, pg.{goal}), p.status, pa.{area}, pg.{goal},
               COUNT(DISTINCT p.{pk})
        FROM {quote(Project._meta.db_table)} p
        LEFT JOIN {quote(areas.m2m_db_table())} pa ON pa.{quote(areas.m2m_column_name())} = p.{pk}
        LEFT JOIN {quote(goals.m2m_db_table())} pg ON pg.{quote(goals.m2m_column_name())} = p.{pk}
        WHERE p.{pk} IN ({ids_sql})
        GROUP BY GROUPING SETS ((p.status), (pa.{area}, pg.{goal}), (pa.{area}))
    """  # noqa: S608 (names from the models' meta, values as parameters)
    statuses, cells, per_area = {}, {}, {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for grouping, status, area_id, goal_id, n in cursor.fetchall():
            if grouping == _BY_STATUS:
                statuses[status] = n
            elif grouping == _BY_AREA_AND_GOAL:
                cells[(area_id, goal_id)] = n
            else:
                per_area[area_id] = n
    return _status_counts(statuses), _matrix(cells, per_area)


# GROUPING(status, area, goal) is a bit mask of the columns a row is not grouped by.
_BY_STATUS = 0b011
_BY_AREA_AND_GOAL = 0b100


@dataclass
class SourceMoney:
    source: str
    label: str
    planned: int
    spent: int


@dataclass
class Money:
    year: int
    sources: list[SourceMoney]
    planned: int
    spent: int


def money_by_source(projects: QuerySet, year: int, sources=None) -> Money:
    """Planned and spent money of the projects in a year, per funding source (one query).
    With `sources`, only those funding sources."""
    lines = BudgetLine.objects.filter(project__in=_ids(projects), year=year)
    if sources:
        lines = lines.filter(source__in=sources)
    sums = {
        row["source"]: row
        for row in lines.order_by()
        .values("source")
        .annotate(planned=Sum("planned"), spent=Sum("spent"))
    }
    rows = [
        SourceMoney(
            source=value,
            label=label,
            planned=sums.get(value, {}).get("planned") or 0,
            spent=sums.get(value, {}).get("spent") or 0,
        )
        for value, label in BudgetLine.Source.choices
        if not sources or value in sources
    ]
    return Money(
        year=year,
        sources=rows,
        planned=sum(row.planned for row in rows),
        spent=sum(row.spent for row in rows),
    )
