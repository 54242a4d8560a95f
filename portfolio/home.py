"""What the portfolio shows on the home page (called by name from `omradesatsing.views`):
each role's to-do list, each item a link with a count or a date.

- Programme leader: proposals to assess, projects waiting for admission, projects off track
  (red), running projects without a recent status report, and this year's and next year's
  action plans while they are drafts or sent back.
- Board: versions of a plan waiting for its decision, and the lessons learned since its last
  decision («lærdommer så langt»).
- Change and project leaders: their projects' status reports that are due or overdue, their
  projects that are off track, ownership their unit is asked to accept, and their projects.
- Programeier: the board's latest decisions on the action plans, and «lærdommer så langt».

Every list is one query (a few rows and the count in one), whatever the size of the
portfolio.
"""

from datetime import timedelta

from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.panels import Item, Panel
from portfolio.figures import latest_decisions
from portfolio.models import ActionPlan, Area, Goal, PlanSubmission, Project, StatusReport
from portfolio.permissions import can_create_project, can_log_lesson
from portfolio.services.lessons import last_board_decision_date, lessons_so_far
from portfolio.services.overview import stale_after_days

Status = Project.Status
ACTIVE = [Status.PROPOSAL, Status.ASSESSED, Status.IN_PORTFOLIO]
SHOWN = 8  # rows per list on the home page; a list with more links to all of them
DUE_SOON_DAYS = 14  # a status report is shown as due this many days before it is overdue


def programme() -> dict:
    """The programme's active areas and its goals, for the front page and «My page»."""
    return {
        "areas": list(Area.objects.filter(is_active=True)),
        "goals": list(Goal.objects.all()),
    }


def _with_total(queryset, limit: int = SHOWN) -> tuple[list, int]:
    """The first `limit` rows and the total count, in one query."""
    rows = list(queryset.annotate(_total=Window(Count("pk")))[:limit])
    return rows, (rows[0]._total if rows else 0)


def _overview(query: str) -> str:
    return f"{reverse('portfolio:overview')}?{query}"


def _more(total: int, shown: int, url: str) -> list[Item]:
    if total <= shown:
        return []
    return [
        Item(
            text=ngettext("See all %(count)s", "See all %(count)s", total) % {"count": total},
            url=url,
            count=total,
        )
    ]


def _latest_report():
    latest = StatusReport.objects.filter(project=OuterRef("pk")).order_by("-date", "-pk")
    return {
        "latest_report_date": Subquery(latest.values("date")[:1]),
        "latest_rag": Subquery(latest.values("rag")[:1]),
    }


def home_actions(user) -> list[Item]:
    """Shortcuts to what this user starts most often in the portfolio."""
    actions = []
    if can_create_project(user):
        actions.append(Item(text=_("Register a proposal"), url=reverse("portfolio:project_create")))
    if can_log_lesson(user):
        actions.append(Item(text=_("Log a lesson learned"), url=reverse("portfolio:lesson_create")))
    return actions


def home_panels(user) -> list[Panel]:
    """The portfolio's part of «Waiting for you»: only the panels that have something."""
    panels = []
    if user.is_programme_leader:
        panels += _programme_leader_panels()
    if user.is_board_member:
        panels += _board_panels()
    if user.is_change_leader or user.is_project_leader:
        panels += _leader_panels(user)
    if user.is_programme_owner and not user.is_board_member:
        panels += _owner_panels()
    return [panel for panel in panels if panel.items]


# --- The programme leader -----------------------------------------------------------------


def _programme_leader_panels() -> list[Panel]:
    today = timezone.localdate()
    proposals, proposal_total = _with_total(
        Project.objects.filter(status=Status.PROPOSAL).order_by("created_at", "pk")
    )
    assessed, assessed_total = _with_total(
        Project.objects.filter(status=Status.ASSESSED).order_by("title", "pk")
    )
    running = Project.objects.filter(status=Status.IN_PORTFOLIO).annotate(**_latest_report())
    red, red_total = _with_total(
        running.filter(latest_rag=StatusReport.Rag.OFF_TRACK).order_by("latest_report_date")
    )
    cutoff = today - timedelta(days=stale_after_days())
    stale = running.filter(Q(latest_report_date__isnull=True) | Q(latest_report_date__lt=cutoff))
    stale_rows, stale_total = _with_total(
        stale.order_by(F("latest_report_date").asc(nulls_first=True)), 1
    )
    plans = list(
        ActionPlan.objects.filter(
            year__in=[today.year, today.year + 1],
            status__in=[ActionPlan.Status.DRAFT, ActionPlan.Status.SENT_BACK],
        ).order_by("year")
    )
    return [
        Panel(
            heading=_("Proposals to assess against the criteria"),
            key="portfolio-to-assess",
            items=[
                Item(
                    text=p.title,
                    url=p.get_absolute_url(),
                    date=timezone.localdate(p.created_at),
                    date_label=_("proposed"),
                )
                for p in proposals
            ]
            + _more(proposal_total, len(proposals), _overview("status=forslag")),
        ),
        Panel(
            heading=_("Assessed projects waiting for admission"),
            key="portfolio-to-admit",
            items=[Item(text=p.title, url=p.get_absolute_url()) for p in assessed]
            + _more(assessed_total, len(assessed), _overview("status=vurdert")),
        ),
        Panel(
            heading=_("Projects off track (red)"),
            key="portfolio-red",
            items=[
                Item(
                    text=p.title,
                    url=p.get_absolute_url(),
                    date=p.latest_report_date,
                    date_label=_("reported"),
                    overdue=True,
                )
                for p in red
            ]
            + _more(red_total, len(red), _overview("status=i_portefoljen&rag=rod")),
        ),
        Panel(
            heading=_("Status reports missing"),
            key="portfolio-stale",
            items=[
                Item(
                    text=ngettext(
                        "%(count)s running project has no status report for %(days)s days",
                        "%(count)s running projects have no status report for %(days)s days",
                        stale_total,
                    )
                    % {"count": stale_total, "days": stale_after_days()},
                    url=_overview("status=i_portefoljen&stale=1&sort=report"),
                    count=stale_total,
                    date=stale_rows[0].latest_report_date if stale_rows else None,
                    date_label=_("oldest report"),
                    overdue=True,
                )
            ]
            if stale_total
            else [],
        ),
        Panel(
            heading=_("Action plans to finish"),
            key="portfolio-plans-to-write",
            items=[
                Item(
                    text=_("Action plan %(year)s: %(status)s")
                    % {"year": plan.year, "status": plan.get_status_display().lower()},
                    url=plan.get_absolute_url(),
                    date=timezone.localdate(plan.updated_at),
                    date_label=_("last changed"),
                )
                for plan in plans
            ],
        ),
        _plans_to_decide(_("Action plans waiting for the board's decision")),
    ]


def _plans_to_decide(heading: str) -> Panel:
    submissions = (
        PlanSubmission.objects.filter(decision="", plan__status=ActionPlan.Status.SUBMITTED)
        .select_related("plan")
        .order_by("plan__year", "number")[:SHOWN]
    )
    return Panel(
        heading=heading,
        key="portfolio-plans-to-decide",
        items=[
            Item(
                text=str(s),
                url=s.get_absolute_url(),
                date=timezone.localdate(s.submitted_at),
                date_label=_("sent"),
            )
            for s in submissions
        ],
    )


# --- The board -----------------------------------------------------------------------------


def _board_panels() -> list[Panel]:
    return [
        _plans_to_decide(_("Action plans waiting for your decision")),
        _lessons_so_far_panel(),
    ]


def _lessons_so_far_panel() -> Panel:
    since = last_board_decision_date()
    lessons = lessons_so_far(since=since).aggregate(count=Count("pk"), oldest=Min("date"))
    items = []
    if lessons["count"]:
        text = (
            ngettext(
                "%(count)s lesson learned since the board's last decision",
                "%(count)s lessons learned since the board's last decision",
                lessons["count"],
            )
            if since
            else ngettext(
                "%(count)s lesson learned so far",
                "%(count)s lessons learned so far",
                lessons["count"],
            )
        ) % {"count": lessons["count"]}
        items.append(
            Item(
                text=text,
                url=reverse("portfolio:lessons_so_far"),
                count=lessons["count"],
                date=since,
                date_label=_("since") if since else "",
            )
        )
    return Panel(heading=_("«Lærdommer så langt»"), key="portfolio-lessons-so-far", items=items)


# --- The Programeier -----------------------------------------------------------------------


def _owner_panels() -> list[Panel]:
    """What the board decided lately (read, not decided here) and the lessons so far."""
    decisions = [
        Item(
            text=_("%(submission)s: %(decision)s")
            % {"submission": s, "decision": s.get_decision_display().lower()},
            url=s.get_absolute_url(),
            date=s.meeting_date or timezone.localdate(s.decided_at),
            date_label=_("decided"),
        )
        for s in latest_decisions()
    ]
    return [
        Panel(
            heading=_("The board's latest decisions"), key="portfolio-decisions", items=decisions
        ),
        _lessons_so_far_panel(),
    ]


# --- Change and project leaders ----------------------------------------------------------


def _mine(user) -> Q:
    mine = Q(change_leader=user) | Q(project_leader=user)
    if user.unit_id:
        mine |= Q(owner_unit_id=user.unit_id)
    return mine


def _leader_panels(user) -> list[Panel]:
    today = timezone.localdate()
    days = stale_after_days()
    mine = Project.objects.filter(_mine(user), status__in=ACTIVE).annotate(**_latest_report())
    due_by = today - timedelta(days=days - DUE_SOON_DAYS)
    due = list(
        mine.filter(status=Status.IN_PORTFOLIO)
        .filter(Q(latest_report_date__isnull=True) | Q(latest_report_date__lt=due_by))
        .order_by(F("latest_report_date").asc(nulls_first=True), "title")[:SHOWN]
    )
    reports = []
    for project in due:
        if project.latest_report_date is None:
            text = _("%(project)s: no status report yet") % {"project": project.title}
            reports.append(Item(text=text, url=_report_url(project), overdue=True))
            continue
        due_on = project.latest_report_date + timedelta(days=days)
        reports.append(
            Item(
                text=_("%(project)s: status report") % {"project": project.title},
                url=_report_url(project),
                date=due_on,
                date_label=_("overdue since") if due_on < today else _("due"),
                overdue=due_on < today,
            )
        )
    red = [p for p in mine.filter(latest_rag=StatusReport.Rag.OFF_TRACK).order_by("title")[:SHOWN]]
    panels = [
        Panel(heading=_("Status reports due"), key="portfolio-reports-due", items=reports),
        Panel(
            heading=_("Your projects off track (red)"),
            key="portfolio-my-red",
            items=[
                Item(
                    text=p.title,
                    url=p.get_absolute_url(),
                    date=p.latest_report_date,
                    date_label=_("reported"),
                    overdue=True,
                )
                for p in red
            ],
        ),
    ]
    if user.is_change_leader and user.unit_id:
        ownership = Project.objects.filter(
            owner_unit_id=user.unit_id,
            ownership_accepted_at__isnull=True,
            status__in=[Status.PROPOSAL, Status.ASSESSED],
        ).order_by("title")[:SHOWN]
        panels.append(
            Panel(
                heading=_("Projects your unit is asked to own"),
                key="portfolio-ownership",
                items=[
                    Item(
                        text=p.title,
                        url=p.get_absolute_url(),
                        date=timezone.localdate(p.created_at),
                        date_label=_("proposed"),
                    )
                    for p in ownership
                ],
            )
        )
    projects, total = _with_total(mine.select_related("owner_unit").order_by("title"))
    panels.append(
        Panel(
            heading=_("Your projects"),
            key="portfolio-my-projects",
            items=[
                Item(
                    text=f"{p.title} ({p.get_status_display().lower()})",
                    url=p.get_absolute_url(),
                )
                for p in projects
            ]
            + _more(
                total,
                len(projects),
                _overview(f"unit={user.unit_id}")
                if user.unit_id
                else reverse("portfolio:overview"),
            ),
        )
    )
    return panels


def _report_url(project) -> str:
    return reverse("portfolio:status_report_create", args=[project.pk])
