"""What the portfolio shows on the home page (called by name from `omradesatsing.views`)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from core.panels import Item, Panel
from portfolio.models import Area, Goal, PlanSubmission, Project

Status = Project.Status
ACTIVE = [Status.PROPOSAL, Status.ASSESSED, Status.IN_PORTFOLIO]
SHOWN = 10  # rows per list on the home page; the lists link to the full overview


def programme() -> dict:
    """The programme's active areas and its goals, for the front page and «My page»."""
    return {
        "areas": list(Area.objects.filter(is_active=True)),
        "goals": list(Goal.objects.all()),
    }


def _projects(heading: str, key: str, projects, with_status: bool = False) -> Panel:
    return Panel(
        heading=heading,
        key=key,
        items=[
            Item(
                text=f"{p.title} ({p.get_status_display().lower()})" if with_status else p.title,
                url=p.get_absolute_url(),
            )
            for p in projects
        ],
    )


def home_panels(user) -> list[Panel]:
    """The portfolio's part of «Waiting for you», each list in one query; only the
    panels that have something in them."""
    panels = []
    if user.is_change_leader and user.unit_id:
        panels.append(
            _projects(
                _("Projects your unit is asked to own"),
                "portfolio-ownership",
                Project.objects.filter(
                    owner_unit_id=user.unit_id,
                    ownership_accepted_at__isnull=True,
                    status__in=[Status.PROPOSAL, Status.ASSESSED],
                ).order_by("title")[:SHOWN],
            )
        )
    if user.is_programme_leader:
        panels.append(
            _projects(
                _("Proposals to assess against the criteria"),
                "portfolio-to-assess",
                Project.objects.filter(status=Status.PROPOSAL).order_by("created_at")[:SHOWN],
            )
        )
        panels.append(
            _projects(
                _("Assessed projects waiting for admission"),
                "portfolio-to-admit",
                Project.objects.filter(status=Status.ASSESSED).order_by("title")[:SHOWN],
            )
        )
    if user.is_board_member or user.is_programme_leader:
        submissions = (
            PlanSubmission.objects.filter(decision="", plan__status="sendt")
            .select_related("plan")
            .order_by("plan__year", "number")[:SHOWN]
        )
        panels.append(
            Panel(
                heading=_("Action plans waiting for the board's decision"),
                key="portfolio-plans-to-decide",
                items=[Item(text=str(s), url=s.get_absolute_url()) for s in submissions],
            )
        )
    if user.is_change_leader or user.is_project_leader:
        mine = Q(change_leader=user) | Q(project_leader=user)
        if user.unit_id:
            mine |= Q(owner_unit_id=user.unit_id)
        panels.append(
            _projects(
                _("Your projects"),
                "portfolio-my-projects",
                Project.objects.filter(mine, status__in=ACTIVE)
                .select_related("owner_unit")
                .order_by("title")[:SHOWN],
                with_status=True,
            )
        )
    return [panel for panel in panels if panel.items]
